// Scanning on behalf of content scripts and extension pages, plus the per-tab protection state
// the popup shows. Text arrives here only to be scanned; it is never stored or logged.
import { getEngine, initTimings, prepareEngine } from './engine.js';
import { getEffectivePolicy, handlers as policyHandlers } from './policy.js';

/** Verdict for a list of findings: the strongest policy action among them. */
export function verdictOf(findings) {
  if (findings.some((f) => f.action === 'block')) return 'block';
  if (findings.some((f) => f.action === 'warn')) return 'warn';
  return 'allow';
}

/** What the content script needs from siteInfo (policy.js), with safe defaults. */
export function uiSettings(info = {}) {
  const lang = String(info.language ?? '').toLowerCase();
  const fail = String(info.failMode ?? 'block').toLowerCase();
  return {
    allowOverride: info.allowOverride === true,
    requireReason: info.requireOverrideReason === true,
    language: lang === 'sv' || lang === 'en' ? lang : '',
    failMode: fail === 'allow' || fail === 'warn' ? fail : 'block',
    organizationName: String(info.organizationName ?? ''),
    policyUrl: /^https:\/\//.test(String(info.policyUrl ?? '')) ? String(info.policyUrl) : '',
    showStatus: info.showStatusWhileTyping !== false,
    typingDelayMs: Number.isFinite(info.typingDelayMs) ? Math.min(Math.max(info.typingDelayMs, 50), 2000) : 150,
  };
}

/** The host of the tab a message came from ('' for extension pages). */
function senderHost(sender) {
  try {
    return sender?.tab?.url ? new URL(sender.tab.url).hostname : '';
  } catch {
    return '';
  }
}

/** Rejects if `promise` takes longer than `ms`: a send waits at most that long for the policy. */
function within(promise, ms, what) {
  let timer;
  const late = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} not available`)), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * The engine for the sender's site: approved sites get their lighter policy. Reading managed
 * storage can stall in Chromium while policy reloads; the content script then fails safe (block,
 * with a retry) instead of showing "checking" for the whole message timeout.
 */
async function engineFor(sender, { strict = false } = {}) {
  const host = senderHost(sender);
  const { coreJson } = await within(getEffectivePolicy(host ? { host } : {}), 5000, 'policy');
  return getEngine(strict ? strictCoreJson(coreJson) : coreJson);
}

/**
 * The policy with every category switched on. The report page checks the user's own words with
 * it: a category IT turned off for chat sites must still not slip into an incident report.
 */
export function strictCoreJson(coreJson) {
  const policy = JSON.parse(coreJson);
  for (const key of Object.keys(policy)) {
    if (/^action[A-Z]/.test(key) && policy[key] === 'off') policy[key] = 'warn';
  }
  return JSON.stringify(policy);
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
  /** {text, strict?} → {findings, verdict} with UTF-16 offsets; strict turns every category on. */
  async scan(msg, sender) {
    const engine = await engineFor(sender, { strict: msg.strict === true });
    const findings = engine.scan(String(msg.text ?? ''));
    return { findings, verdict: verdictOf(findings) };
  },

  /** {text, mapping} → {text, mapping, findings}: placeholders consistent with `mapping`. */
  async redact(msg, sender) {
    const engine = await engineFor(sender);
    const mapping = Array.isArray(msg.mapping) ? msg.mapping : undefined;
    return engine.redact(String(msg.text ?? ''), mapping);
  },

  /** Starts the core early (a composer got focus), so the first scan does not pay for init. */
  async warm(msg, sender) {
    const t0 = performance.now();
    await prepareEngine();
    const tc = performance.now();
    const host = senderHost(sender);
    const { coreJson } = await within(getEffectivePolicy(host ? { host } : {}), 5000, 'policy');
    const t2 = performance.now();
    await getEngine(coreJson);
    const t3 = performance.now();
    // Timings only (diagnostics and the browser benchmark). The worker starts the wasm and the
    // core at top level, before this handler runs (afterStartMs after the worker started); the
    // policy is read meanwhile, so policyMs is what is left to wait for after the core.
    const { wasmMs, coreMs } = initTimings;
    return { ready: true, afterStartMs: t0, ms: t3 - t0, wasmMs, coreMs, policyMs: t2 - tc, engineMs: t3 - t2 };
  },

  /** Settings for a content script: UI policy, trust of its site, forced locale. */
  async contentConfig(msg, sender) {
    const info = await within(policyHandlers.siteInfo({ host: msg.host }, sender), 5000, 'policy');
    const ui = uiSettings(info);
    return { ui, trust: info.trust ?? 'public', actions: info.actions, messages: await localeMessages(ui.language) };
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
