// Effective policy: managed storage > user settings > built-in defaults, normalised by the core
// against deploy/schema.json (Firefox hands over registry values as 0/1 and strings; the core
// coerces them). Changes apply at once: storage.onChanged for 'managed', 'sync' and 'local'.
//
// Messages (reply is {ok: true, ...} as routed by service-worker.js):
//   {type:'getPolicy'} → {policy, managedKeys, userKeys, issues, coreJson}
//       policy: every schema key with its effective value. The webhook URL (sensitiveValue) and
//       coreJson are only given to extension pages; content scripts get the URL masked.
//   {type:'siteInfo', url?|host?} → {trust, host, organizationName, policyUrl, language, actions,
//       allowOverride, requireOverrideReason, failMode, showStatusWhileTyping, typingDelayMs, managed}
//       trust: 'public' (full policy) | 'approved' (approvedAction* policy) | 'blocked' (show the
//       not-permitted notice with policyUrl and stop input) | null (not a protected site).
//       Without url/host the sender's tab URL is used.
//   {type:'setUserPolicy', values} → {refused, issues}: saves the user's layer (extension pages
//       only); managed keys are refused.
//   {type:'policyDiagnostics'} → everything the options page's diagnostics view shows.
// Broadcast on every change: {type:'policyChanged'} to extension pages and protected tabs.
// For other background modules: getEffectivePolicy({host}) (coreJson for that site's trust level)
// and siteTrust(host).
import { coreVersion, getEngine, initCore } from './engine.js';
import { policyDefaults, resolvePolicy } from '../pkg/promptvakt.js';
import {
  actionsFor, corePolicyFor, extraHosts, hostsFromMatches, maskSensitive, matchPatterns, trustOf,
} from '../shared/policy-util.js';

const USER_KEY = 'userPolicy';
const SCRIPT_ID = 'promptvakt-it-sites';
const manifest = chrome.runtime.getManifest();
const contentScript = manifest.content_scripts?.[0] ?? { js: [] };
const BUILTIN_HOSTS = hostsFromMatches(contentScript.matches);
// Firefox's getManifest() gives absolute moz-extension:// URLs; registerContentScripts wants paths.
const BASE_URL = chrome.runtime.getURL('');
const CONTENT_JS = (contentScript.js ?? []).map((p) => (p.startsWith(BASE_URL) ? p.slice(BASE_URL.length) : p));

let cached = null;
let schemaPromise = null;
// On a cold worker the last effective policy of this browser session (session storage is
// memory-only and survives worker restarts) is served at once while the fresh read runs; it is
// dropped as soon as a fresh read succeeds or the policy changes.
const LAST_EFFECTIVE = 'lastEffectivePolicy';
let coldCopy = chrome.storage.session?.get(LAST_EFFECTIVE)
  .then((got) => got?.[LAST_EFFECTIVE] ?? null, () => null) ?? null;
let servedCopy = null;
let lastSync = { hosts: [], error: null };

const MANAGED_TIMEOUT_MS = 3000;
const LAST_MANAGED = 'lastManagedPolicy';

/**
 * Managed storage can stall: for the first seconds after the browser starts Chromium holds the
 * read back until policy has loaded, and it can stall while the browser reloads policy. Calls
 * share the read in flight. After a timeout the last values seen (kept in session storage, so a
 * restarted worker has them too) stand in, and when the late read does answer the policy is
 * worked out again and every page and tab is told.
 */
let managedRead = null;

async function readManaged() {
  if (!managedRead) {
    const fresh = chrome.storage.managed.get(null).then((v) => v ?? {});
    managedRead = fresh;
    fresh.catch(() => {}).finally(() => { if (managedRead === fresh) managedRead = null; });
  }
  const read = managedRead;
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('timeout'), { timeout: true })), MANAGED_TIMEOUT_MS);
  });
  try {
    const values = await Promise.race([read, late]);
    chrome.storage.session?.set({ [LAST_MANAGED]: values }).catch(() => {});
    return { values, error: null, stale: false };
  } catch (e) {
    if (!e?.timeout) {
      // Firefox throws when no policy names this extension: that is "nothing managed".
      return { values: {}, error: String(e?.message ?? e), stale: false };
    }
    // The next call asks afresh (this read may never answer); if this one does, it is used.
    if (managedRead === read) {
      managedRead = null;
      read.then(refresh, () => {});
    }
    const last = await chrome.storage.session?.get(LAST_MANAGED).catch(() => ({}));
    return {
      values: last?.[LAST_MANAGED] ?? {},
      error: `managed storage did not answer within ${MANAGED_TIMEOUT_MS} ms; the last known policy is used`,
      stale: true,
    };
  } finally {
    clearTimeout(timer);
  }
}

async function readUser() {
  const out = {};
  for (const area of ['local', 'sync']) {
    try {
      Object.assign(out, (await chrome.storage[area].get(USER_KEY))?.[USER_KEY] ?? {});
    } catch {
      // storage.sync may be disabled by policy; the local layer still counts.
    }
  }
  return out;
}

export function getSchema() {
  schemaPromise ??= fetch(chrome.runtime.getURL('schema.json')).then((r) => r.json());
  return schemaPromise;
}

async function compute() {
  const [managed, user] = await Promise.all([readManaged(), readUser()]);
  let resolved;
  try {
    await initCore();
    resolved = resolvePolicy(managed.values, user);
  } catch (e) {
    // Without the core nothing can be normalised; keep protection on with the managed values
    // as given, and say so in diagnostics.
    resolved = {
      policy: { failMode: 'block', ...user, ...managed.values },
      managedKeys: Object.keys(managed.values),
      userKeys: Object.keys(user),
      issues: [{ source: 'core', key: '', message: `the core could not normalise the policy: ${e?.message ?? e}` }],
    };
  }
  if (managed.stale) {
    resolved.issues = [...resolved.issues, { source: 'managed', key: '', message: managed.error }];
  }
  return { ...resolved, managedError: managed.error, stale: managed.stale, coreJson: JSON.stringify(resolved.policy) };
}

/**
 * {policy, coreJson, managedKeys, userKeys, issues}. With {host} or {trust}, coreJson is the
 * policy for that site's trust level (approved sites get the lighter actions).
 */
export async function getEffectivePolicy(opts = {}) {
  const mine = (cached ??= compute().then(settle));
  const copy = coldCopy;
  // Cold worker: the fresh policy or the stored copy, whichever is there first.
  let eff = copy ? await Promise.race([mine, copy.then((c) => c ?? mine)]) : await mine;
  if (eff.stale) {
    // A stand-in for a stalled read is used once, not kept; this session's last good policy
    // is preferred to it.
    if (cached === mine) cached = null;
    eff = (copy && (await copy)) || eff;
  }
  if (copy && eff === (await copy)) servedCopy = eff;
  const trust = opts.trust ?? (opts.host ? trustOf(eff.policy, opts.host, BUILTIN_HOSTS) : 'public');
  if (trust !== 'approved') return eff;
  return { ...eff, coreJson: JSON.stringify(corePolicyFor(eff.policy, trust)) };
}

/**
 * A fresh effective policy: kept in session storage when it is not a stand-in. If a cold worker
 * served the stored copy and the fresh one differs, the content scripts and tabs are told.
 */
function settle(eff) {
  if (eff.stale) return eff;
  coldCopy = null;
  chrome.storage.session?.set({ [LAST_EFFECTIVE]: eff }).catch(() => {});
  const served = servedCopy;
  servedCopy = null;
  if (served && JSON.stringify(served.policy) !== JSON.stringify(eff.policy)) {
    syncContentScripts(eff.policy).then(broadcast);
  }
  return eff;
}

/** 'public' | 'approved' | 'blocked' | null for a host (used by scan.js). */
export async function siteTrust(host) {
  const { policy } = await getEffectivePolicy();
  return trustOf(policy, host, BUILTIN_HOSTS);
}

/**
 * Registers the content scripts for IT-added hosts. An unchanged registration is left alone and a
 * changed one updated in place, so no page load falls into a gap between unregister and register
 * (this runs on every worker start).
 */
async function syncContentScripts(policy) {
  const hosts = extraHosts(policy, BUILTIN_HOSTS);
  const wanted = {
    id: SCRIPT_ID,
    matches: matchPatterns(hosts),
    js: CONTENT_JS,
    runAt: contentScript.run_at ?? 'document_start',
    allFrames: false,
  };
  try {
    const [existing] = await chrome.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
    if (!hosts.length) {
      if (existing) await chrome.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
    } else if (!existing) {
      await chrome.scripting.registerContentScripts([wanted]);
    } else if (JSON.stringify(existing.matches) !== JSON.stringify(wanted.matches)
      || JSON.stringify(existing.js) !== JSON.stringify(wanted.js)) {
      await chrome.scripting.updateContentScripts([wanted]);
    }
    lastSync = { hosts, error: null };
  } catch (e) {
    lastSync = { hosts, error: String(e?.message ?? e) };
  }
}

function isExtensionPage(sender) {
  return !sender || !sender.url || sender.url.startsWith(chrome.runtime.getURL(''));
}

async function broadcast() {
  chrome.runtime.sendMessage({ type: 'policyChanged' }).catch(() => {});
  const tabs = await chrome.tabs.query({}).catch(() => []);
  for (const t of tabs) chrome.tabs.sendMessage(t.id, { type: 'policyChanged' }).catch(() => {});
}

async function refresh() {
  cached = null;
  coldCopy = null;
  const { policy } = await getEffectivePolicy();
  await syncContentScripts(policy);
  await broadcast();
}

let started = false;
export function startPolicy() {
  if (started) return;
  started = true;
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed' || ((area === 'sync' || area === 'local') && USER_KEY in changes)) refresh();
  });
  // Registrations persist, but the policy may have changed while the browser was closed. The
  // engine for it is built now, before the first scan asks.
  getEffectivePolicy().then(({ policy, coreJson }) => {
    getEngine(coreJson).catch(() => {});
    return syncContentScripts(policy);
  });
}

function hostOf(msg, sender) {
  if (msg.host) return String(msg.host).toLowerCase();
  try {
    return new URL(msg.url ?? sender?.tab?.url ?? sender?.url ?? '').hostname;
  } catch {
    return '';
  }
}

export const handlers = {
  async getPolicy(msg, sender) {
    const eff = await getEffectivePolicy();
    const out = { policy: eff.policy, managedKeys: eff.managedKeys, userKeys: eff.userKeys, issues: eff.issues };
    // Content scripts never get the webhook URL (sensitiveValue), in any form.
    if (!isExtensionPage(sender)) return { ...out, policy: maskSensitive(eff.policy, await getSchema()) };
    return { ...out, coreJson: eff.coreJson };
  },

  async siteInfo(msg, sender) {
    const { policy, managedKeys } = await getEffectivePolicy();
    const host = hostOf(msg, sender);
    const trust = trustOf(policy, host, BUILTIN_HOSTS);
    return {
      trust,
      host,
      organizationName: policy.organizationName,
      policyUrl: policy.policyUrl,
      language: policy.language,
      actions: actionsFor(policy, trust),
      allowOverride: policy.allowOverride,
      requireOverrideReason: policy.requireOverrideReason,
      failMode: policy.failMode,
      showStatusWhileTyping: policy.showStatusWhileTyping,
      typingDelayMs: policy.typingDelayMs,
      managed: managedKeys.length > 0,
    };
  },

  async setUserPolicy(msg, sender) {
    if (!isExtensionPage(sender)) throw new Error('settings can only be changed from the options page');
    const { managedKeys } = await getEffectivePolicy();
    const values = { ...(msg.values ?? {}) };
    const refused = Object.keys(values).filter((k) => managedKeys.includes(k));
    for (const k of refused) delete values[k];
    const check = resolvePolicy({}, values);
    try {
      await chrome.storage.sync.set({ [USER_KEY]: values });
    } catch {
      await chrome.storage.local.set({ [USER_KEY]: values });
    }
    cached = null;
    coldCopy = null;
    return {
      refused,
      issues: check.issues.filter((i) => i.source === 'user'),
    };
  },

  async policyDiagnostics() {
    const eff = await getEffectivePolicy();
    const schema = await getSchema();
    let scannerIssues = [];
    let version = null;
    try {
      const engine = await getEngine(eff.coreJson);
      scannerIssues = (engine.issues() ?? []).map((i) => ({ source: 'scanner', ...i }));
      version = await coreVersion();
    } catch (e) {
      scannerIssues = [{ source: 'core', key: '', message: String(e?.message ?? e) }];
    }
    return {
      policy: maskSensitive(eff.policy, schema),
      defaults: policyDefaults(),
      managedKeys: eff.managedKeys,
      userKeys: eff.userKeys,
      issues: [...eff.issues, ...scannerIssues],
      managedStorageError: eff.managedError,
      extensionId: chrome.runtime.id,
      extensionVersion: manifest.version,
      coreVersion: version,
      builtinSites: BUILTIN_HOSTS,
      registeredSites: lastSync.hosts,
      registrationError: lastSync.error,
    };
  },
};
