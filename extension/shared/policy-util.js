// Pure helpers for the policy: host patterns, site trust, the core's policy per trust level and
// masking of sensitive values. No browser APIs here, so node tests can import it.

export const CATEGORIES = [
  'personnummer', 'name', 'health', 'sensitive', 'contact', 'financial', 'identifier', 'classified', 'secret',
];

/** `actionName`, `approvedActionName`, ... */
export const actionKey = (prefix, category) => prefix + category[0].toUpperCase() + category.slice(1);

/** A host pattern ("chat.example.com" or "*.example.com") matches the host and, for "*.", its subdomains. */
export function hostMatches(pattern, host) {
  const p = String(pattern).toLowerCase();
  const h = String(host).toLowerCase().replace(/\.$/, '');
  if (p.startsWith('*.')) {
    const base = p.slice(2);
    return h === base || h.endsWith('.' + base);
  }
  return h === p;
}

/** Hosts from manifest match patterns such as "https://chatgpt.com/*". */
export function hostsFromMatches(matches = []) {
  return matches
    .map((m) => /^(?:https?|\*):\/\/([^/]+)\//.exec(m)?.[1])
    .filter(Boolean);
}

/**
 * Trust of `host`: blocked beats approved beats IT's public sites beats the built-in list.
 * Returns null for a host the extension does not protect.
 */
export function trustOf(policy, host, builtinHosts = []) {
  if (!host) return null;
  const any = (list) => (Array.isArray(list) ? list : []).some((p) => hostMatches(p, host));
  if (any(policy.blockedSites)) return 'blocked';
  if (any(policy.approvedSites)) return 'approved';
  if (any(policy.sites) || any(builtinHosts)) return 'public';
  return null;
}

/** The actions that apply at a trust level: approved sites use the approvedAction* keys. */
export function actionsFor(policy, trust) {
  const prefix = trust === 'approved' ? 'approvedAction' : 'action';
  return Object.fromEntries(CATEGORIES.map((c) => [c, policy[actionKey(prefix, c)] ?? policy[actionKey('action', c)]]));
}

/** The flat policy the core (Engine) gets for a trust level. */
export function corePolicyFor(policy, trust) {
  const core = { ...policy };
  if (trust === 'approved') {
    for (const c of CATEGORIES) {
      const v = policy[actionKey('approvedAction', c)];
      if (v) core[actionKey('action', c)] = v;
    }
  }
  return core;
}

/** IT-added hosts that need a registered content script (built-in hosts already have one). */
export function extraHosts(policy, builtinHosts = []) {
  const all = [...(policy.sites ?? []), ...(policy.approvedSites ?? []), ...(policy.blockedSites ?? [])];
  const seen = new Set();
  return all.filter((h) => {
    const k = String(h).toLowerCase();
    if (seen.has(k) || builtinHosts.includes(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Match patterns for hosts; "*.example.com" becomes "https://*.example.com/*". */
export const matchPatterns = (hosts) => hosts.map((h) => `https://${h}/*`);

/** A copy with sensitive values (schema `sensitiveValue`) masked, for display. */
export function maskSensitive(policy, schema) {
  const out = { ...policy };
  for (const [key, prop] of Object.entries(schema?.properties ?? {})) {
    if (prop.sensitiveValue && typeof out[key] === 'string' && out[key]) out[key] = '********';
  }
  return out;
}

/**
 * A setting's choice as shown to people, e.g. "Stoppa (block)": the plain-language label, with the
 * value IT writes in the policy file unless the label already reads as that value.
 */
export function choiceLabel(value, label) {
  if (!label) return value;
  return label.toLowerCase() === value ? label : `${label} (${value})`;
}
