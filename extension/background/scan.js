// Scanning on behalf of content scripts and extension pages, plus the per-tab protection state
// the popup shows. Text arrives here only to be scanned; it is never stored or logged.
import { getEngine, initCore } from './engine.js';
import * as policyModule from './policy.js';

const { getEffectivePolicy } = policyModule;

/** Verdict for a list of findings: the strongest policy action among them. */
export function verdictOf(findings) {
  if (findings.some((f) => f.action === 'block')) return 'block';
  if (findings.some((f) => f.action === 'warn')) return 'warn';
  return 'allow';
}

const first = (obj, keys, fallback) => {
  for (const k of keys) if (obj?.[k] !== undefined && obj[k] !== null && obj[k] !== '') return obj[k];
  return fallback;
};
const bool = (v) => v === true || v === 1 || v === '1' || v === 'true';

/** What the content script needs from the policy. Key names follow deploy/schema.json. */
export function uiSettings(policy = {}) {
  const lang = String(first(policy, ['uiLanguage', 'language', 'UiLanguage'], '')).toLowerCase();
  const fail = String(first(policy, ['failMode', 'onScanFailure'], 'block')).toLowerCase();
  return {
    allowOverride: bool(first(policy, ['allowOverride', 'allowBlockOverride', 'overrideBlock'], false)),
    requireReason: bool(first(policy, ['requireOverrideReason', 'overrideRequiresReason', 'requireReason'], false)),
    language: lang === 'sv' || lang === 'en' ? lang : '',
    failMode: fail === 'allow' || fail === 'warn' ? fail : 'block',
    organizationName: String(first(policy, ['organizationName', 'OrganizationName'], '')),
    policyUrl: String(first(policy, ['policyUrl', 'aiPolicyUrl', 'PolicyUrl'], '')),
  };
}

/** Trust of a host per policy.js when it provides it; otherwise every matched site is public. */
async function trustOf(host) {
  try {
    if (typeof policyModule.siteTrust === 'function') return (await policyModule.siteTrust(host)) ?? 'public';
  } catch {
    // Unknown trust is treated as public: the full policy applies.
  }
  return 'public';
}

const localeCache = new Map();
async function localeMessages(lang) {
  if (!lang) return null;
  if (!localeCache.has(lang)) {
    const url = chrome.runtime.getURL(`_locales/${lang}/messages.json`);
    localeCache.set(lang, fetch(url).then((r) => r.json()).catch(() => null));
  }
  return localeCache.get(lang);
}

// Per-tab adapter state: memory plus session storage (memory-only, survives worker restarts).
const tabs = new Map();
const session = globalThis.chrome?.storage?.session;
const tabKey = (id) => `tabStatus:${id}`;

async function readTab(tabId) {
  if (tabs.has(tabId)) return tabs.get(tabId);
  const got = session ? await session.get(tabKey(tabId)).catch(() => ({})) : {};
  return got?.[tabKey(tabId)] ?? null;
}

globalThis.chrome?.tabs?.onRemoved?.addListener((tabId) => {
  tabs.delete(tabId);
  session?.remove(tabKey(tabId)).catch(() => {});
});

export const handlers = {
  /** {text} → {findings, verdict} with UTF-16 offsets. */
  async scan(msg) {
    const { coreJson } = await getEffectivePolicy();
    const engine = await getEngine(coreJson);
    const findings = engine.scan(String(msg.text ?? ''));
    return { findings, verdict: verdictOf(findings) };
  },

  /** {text, mapping} → {text, mapping, findings}: placeholders consistent with `mapping`. */
  async redact(msg) {
    const { coreJson } = await getEffectivePolicy();
    const engine = await getEngine(coreJson);
    const mapping = Array.isArray(msg.mapping) ? msg.mapping : undefined;
    return engine.redact(String(msg.text ?? ''), mapping);
  },

  /** Starts the core early (a composer got focus), so the first scan does not pay for init. */
  async warm() {
    const t0 = performance.now();
    const { coreJson } = await getEffectivePolicy();
    await initCore();
    await getEngine(coreJson);
    return { ready: true, ms: performance.now() - t0 };
  },

  /** Settings for a content script on `msg.host`: UI policy, actions, trust, forced locale. */
  async contentConfig(msg) {
    const { policy, coreJson } = await getEffectivePolicy();
    const ui = uiSettings(policy);
    const engine = await getEngine(coreJson);
    return {
      ui,
      actions: engine.policy().actions,
      trust: await trustOf(String(msg.host ?? '')),
      messages: await localeMessages(ui.language),
    };
  },

  /** A content script reports which adapter runs in its tab ({adapter, fallback}). */
  async siteStatus(msg, sender) {
    const tabId = sender?.tab?.id;
    if (tabId === undefined) return {};
    const state = {
      adapter: String(msg.adapter ?? ''),
      fallback: Boolean(msg.fallback),
      host: String(msg.host ?? ''),
      at: Date.now(),
    };
    tabs.set(tabId, state);
    await session?.set({ [tabKey(tabId)]: state }).catch(() => {});
    return {};
  },

  /** The popup asks for {tabId} → {status: {adapter, fallback, host} | null}. */
  async tabStatus(msg) {
    return { status: await readTab(Number(msg.tabId)) };
  },
};
