// Incident self-report: pure functions that turn counts and the user's answers into a report for
// each channel (url, mailto, webhook, copy). Inputs are validated to fixed ids, counts and short
// free text; nothing here ever sees the prompt or a matched value, so no channel can carry one.

export const CATEGORIES = [
  'personnummer', 'name', 'health', 'sensitive', 'contact', 'financial', 'identifier', 'classified', 'secret',
];
/** Categories that make a report more urgent: art. 9/10 data, secrecy. */
export const SPECIAL = ['health', 'sensitive', 'classified'];
export const INCIDENT_TYPES = ['sent_to_ai', 'near_miss', 'tool_error', 'other'];
export const SUBJECT_GROUPS = ['residents', 'clients', 'patients', 'pupils', 'children', 'employees', 'other'];
export const PERSON_COUNTS = ['unknown', '1', '2-10', '11-100', '101-1000', '1000+'];
export const MEASURES = ['chat_deleted', 'manager_told', 'dpo_told', 'it_told', 'security_told'];
export const CHANNELS = ['url', 'mailto', 'webhook', 'none'];

export const MAX_DESCRIPTION = 1500;
export const MAX_UNIT = 120;
const MAX_COUNT = 10000;

const HOST_RE = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** A bare hostname from a host or URL, or '' (never a path, query or credentials). */
export function sanitizeSite(value) {
  if (typeof value !== 'string' || value.length > 2048) return '';
  let host = value.trim().toLowerCase();
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(host)) {
    try {
      host = new URL(host).hostname;
    } catch {
      return '';
    }
  }
  host = host.replace(/\.$/, '');
  return HOST_RE.test(host) ? host : '';
}

/** {category: positive integer} for known categories only. */
export function sanitizeCategories(value) {
  const out = {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const id of CATEGORIES) {
    const n = value[id];
    if (Number.isInteger(n) && n > 0) out[id] = Math.min(n, MAX_COUNT);
  }
  return out;
}

const pick = (list, values) => (Array.isArray(values) ? list.filter((id) => values.includes(id)) : []);

function cleanText(value, max) {
  if (typeof value !== 'string') return '';
  // Control characters other than line breaks could smuggle odd content into headers or URLs.
  return value.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ' ').trim().slice(0, max);
}

/** Facts the extension knows: passed to the report page as counts only. */
export function buildFacts({ site, categories, overridden, time } = {}) {
  const t = Number.isFinite(time) ? time : Date.now();
  const cats = sanitizeCategories(categories);
  return {
    site: sanitizeSite(site),
    categories: cats,
    overridden: overridden === true,
    time: t,
    hints: SPECIAL.filter((c) => cats[c]),
  };
}

/** Query string for report.html: `site`, `c=cat:n,...`, `o=1`, `t=epoch ms`. */
export function factsToQuery(facts) {
  const f = buildFacts(facts);
  const p = new URLSearchParams();
  if (f.site) p.set('site', f.site);
  const c = Object.entries(f.categories).map(([k, n]) => `${k}:${n}`).join(',');
  if (c) p.set('c', c);
  if (f.overridden) p.set('o', '1');
  p.set('t', String(f.time));
  return p.toString();
}

export function factsFromQuery(search) {
  const p = new URLSearchParams(search);
  const categories = {};
  for (const part of (p.get('c') ?? '').split(',')) {
    const [k, n] = part.split(':');
    if (k) categories[k] = Number(n);
  }
  const t = Number(p.get('t'));
  return buildFacts({
    site: p.get('site') ?? '',
    categories,
    overridden: p.get('o') === '1',
    time: Number.isFinite(t) && t > 0 ? t : undefined,
  });
}

/** The full report: facts plus the user's answers, every field validated. */
export function buildReport(facts, input = {}) {
  const f = buildFacts(facts);
  return { ...f, ...answers(input, defaultType(f)) };
}

/** Stopped before sending (counts, no override) is a near miss; everything else is assumed sent. */
export function defaultType(facts) {
  return !facts.overridden && Object.keys(facts.categories ?? {}).length ? 'near_miss' : 'sent_to_ai';
}

function answers(input, fallbackType) {
  const type = INCIDENT_TYPES.includes(input.type) ? input.type : fallbackType;
  return {
    type,
    subjects: pick(SUBJECT_GROUPS, input.subjects),
    personCount: PERSON_COUNTS.includes(input.personCount) ? input.personCount : 'unknown',
    measures: pick(MEASURES, input.measures),
    unit: cleanText(input.unit, MAX_UNIT).replace(/\n/g, ' '),
    description: cleanText(input.description, MAX_DESCRIPTION),
  };
}

const pad = (n) => String(n).padStart(2, '0');
/** Local date and time, minutes precision: "2026-11-22 14:05". */
export function localTime(ms) {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * Localised field values. `t(key)` returns a message; keys are `report_type_<id>`, `report_cat_<id>`,
 * `report_subject_<id>`, `report_count_<id>`, `report_measure_<id>`, `report_hint_<id>`.
 */
export function reportFields(report, t) {
  const list = (prefix, ids) => ids.map((id) => t(`${prefix}${id}`)).join(', ');
  const cats = Object.entries(report.categories);
  return {
    type: t(`report_type_${report.type}`),
    type_id: report.type,
    site: report.site,
    time: localTime(report.time),
    time_iso: new Date(report.time).toISOString(),
    categories: cats.length ? cats.map(([c, n]) => `${t(`report_cat_${c}`)}: ${n}`).join(', ') : t('report_none'),
    category_ids: cats.map(([c, n]) => `${c}:${n}`).join(','),
    overridden: t(report.overridden ? 'report_yes' : 'report_no'),
    hints: list('report_hint_', report.hints),
    subjects: list('report_subject_', report.subjects),
    count: t(`report_count_${report.personCount.replace(/[^a-z0-9]/g, '_')}`),
    measures: list('report_measure_', report.measures),
    unit: report.unit,
    description: report.description,
  };
}

/** Subject and plain-text body (LF line breaks) for mailto and the copy button. */
export function reportText(report, t, { organization = '' } = {}) {
  const f = reportFields(report, t);
  const line = (key, value) => `${t(key)}: ${value || '-'}`;
  const body = [
    t('report_text_intro'),
    '',
    line('report_f_type', f.type),
    line('report_f_site', f.site),
    line('report_f_time', f.time),
    line('report_f_categories', f.categories),
    line('report_f_overridden', f.overridden),
    ...(report.hints.length ? [line('report_f_hints', f.hints)] : []),
    line('report_f_subjects', f.subjects),
    line('report_f_count', f.count),
    line('report_f_measures', f.measures),
    line('report_f_unit', f.unit),
    '',
    `${t('report_f_description')}:`,
    f.description || '-',
    '',
    t('report_text_footer'),
  ];
  const subject = `${t('report_subject_prefix')}: ${f.type}${f.site ? ` (${f.site})` : ''}${organization ? ` - ${organization}` : ''}`;
  return { subject, body: body.join('\n') };
}

/**
 * The e-service URL: `{placeholder}`s in the template are replaced with encoded values. The
 * description goes in only where IT put `{description}`: it is the user's own words, checked
 * for personal data before sending, but URLs end up in logs and history.
 */
export function buildUrl(template, report, t) {
  if (!parseHttps(String(template).replace(/\{[a-z_]+\}/g, 'x'))) throw new Error('incident URL template must be an https URL');
  const f = reportFields(report, t);
  if (!/\{[a-z_]+\}/.test(template)) {
    // No placeholders: the fields go in as query parameters named like the placeholders.
    const u = new URL(template);
    for (const key of DEFAULT_URL_FIELDS) if (f[key]) u.searchParams.set(key, f[key]);
    return u.toString();
  }
  const url = String(template).replace(/\{([a-z_]+)\}/g, (_, key) =>
    Object.hasOwn(f, key) ? encodeURIComponent(f[key]) : '');
  if (!parseHttps(url)) throw new Error('incident URL template must be an https URL');
  return url;
}

function parseHttps(value) {
  try {
    const u = new URL(String(value));
    return u.protocol === 'https:' && u.hostname ? u : null;
  } catch {
    return null;
  }
}

export function isHttpsUrl(value) {
  return parseHttps(value) !== null;
}

/** RFC 6068 hfvalue encoding: percent-encoded UTF-8, spaces %20, line breaks CRLF (%0D%0A). */
export function encodeMailtoValue(text) {
  return encodeURIComponent(String(text).replace(/\r\n?|\n/g, '\r\n'));
}

const ADDR_RE = /^[A-Za-z0-9.!#$&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

export function isMailAddress(value) {
  return typeof value === 'string' && value.length <= 254 && ADDR_RE.test(value);
}

export function buildMailto(address, report, t, opts = {}) {
  const to = String(address ?? '').trim().replace(/^mailto:/i, '');
  if (!isMailAddress(to)) throw new Error('incident e-mail address is not valid');
  const { subject, body } = reportText(report, t, opts);
  // In the addr-spec only characters RFC 6068 reserves need encoding (%, ?, #, /, ...).
  const addr = to.split('@').map((p) => encodeURIComponent(p)).join('@');
  return `mailto:${addr}?subject=${encodeMailtoValue(subject)}&body=${encodeMailtoValue(body)}`;
}

/** JSON body for the internal webhook: ids and counts for machines, labels for people. */
export function buildWebhookBody(report, t, { organization = '', language = '', version = '' } = {}) {
  const f = reportFields(report, t);
  return {
    schema: 'promptvakt.incident/1',
    type: report.type,
    typeLabel: f.type,
    site: report.site,
    time: f.time_iso,
    categories: { ...report.categories },
    overridden: report.overridden,
    hints: [...report.hints],
    subjects: [...report.subjects],
    personCount: report.personCount,
    measures: [...report.measures],
    unit: report.unit,
    description: report.description,
    organization,
    language,
    extensionVersion: version,
  };
}

/**
 * The reporting channel from the effective policy (flat keys as in deploy/schema.json):
 * {channel: url|mailto|webhook|none|copy|error, target, host, instructionsUrl, policyUrl, organization}.
 * Without a policy the channel is `copy`: the page helps write the report and copy it.
 */
export function channelFromPolicy(policy = {}) {
  const p = policy ?? {};
  const common = {
    instructionsUrl: isWebUrl(p.incidentInstructionsUrl) ? p.incidentInstructionsUrl : '',
    policyUrl: isWebUrl(p.policyUrl) ? p.policyUrl : '',
    organization: typeof p.organizationName === 'string' ? p.organizationName.slice(0, 200) : '',
  };
  const channel = CHANNELS.includes(p.incidentChannel) ? p.incidentChannel : null;
  // `none` without instructions is what the defaults say: the same as no policy.
  if (!channel || (channel === 'none' && !common.instructionsUrl)) return { ...common, channel: 'copy', target: '', host: '' };
  if (channel === 'none') return { ...common, channel, target: '', host: '' };
  const target = { url: p.incidentUrlTemplate, mailto: p.incidentMailto, webhook: p.incidentWebhookUrl }[channel];
  const ok = channel === 'mailto' ? isMailAddress(target) : isHttpsUrl(String(target ?? '').replace(/\{[a-z_]+\}/g, 'x'));
  if (!ok) return { ...common, channel: 'error', target: '', host: '' };
  // The host is what the page shows; a webhook URL may hold a token and is never shown in full.
  const host = channel === 'mailto' ? target : new URL(String(target).replace(/\{[a-z_]+\}/g, 'x')).hostname;
  return { ...common, channel, target, host };
}

function isWebUrl(value) {
  try {
    return ['https:', 'http:'].includes(new URL(String(value)).protocol);
  } catch {
    return false;
  }
}

/** Fields appended as query parameters when the URL template has no {placeholders}. */
export const DEFAULT_URL_FIELDS = ['type', 'site', 'time', 'categories', 'overridden', 'hints', 'subjects', 'count', 'measures', 'unit'];
