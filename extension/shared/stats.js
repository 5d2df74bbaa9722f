// Local statistics: counts by day, site and category (plus decision outcomes) in
// chrome.storage.local. Only validated ids, hostnames and integers are ever stored, never text.
import { CATEGORIES, sanitizeCategories, sanitizeSite } from './incident.js';

export const STATS_KEY = 'stats';
export const KEEP_DAYS = 90;
export const OUTCOMES = ['blocked', 'warned', 'overridden', 'redacted', 'clean'];

const pad = (n) => String(n).padStart(2, '0');
/** Local calendar day "YYYY-MM-DD". */
export function dayKey(ms) {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function emptyStats() {
  return { v: 1, days: {} };
}

/** {site, categories, outcome} with everything unknown dropped, or null if unusable. */
export function sanitizeEvent(msg) {
  if (!msg || typeof msg !== 'object') return null;
  const site = sanitizeSite(msg.site);
  const outcome = OUTCOMES.includes(msg.outcome) ? msg.outcome : null;
  if (!site || !outcome) return null;
  return { site, categories: sanitizeCategories(msg.categories), outcome };
}

/** Rebuilds a stored value through the same validation, so old or tampered data cannot carry text. */
export function normalizeStats(value) {
  const out = emptyStats();
  const days = value && typeof value === 'object' ? value.days : null;
  if (!days || typeof days !== 'object') return out;
  for (const [day, sites] of Object.entries(days)) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !sites || typeof sites !== 'object') continue;
    for (const [host, entry] of Object.entries(sites)) {
      const site = sanitizeSite(host);
      if (!site || site !== host || !entry || typeof entry !== 'object') continue;
      const outcomes = {};
      for (const o of OUTCOMES) if (Number.isInteger(entry.o?.[o]) && entry.o[o] > 0) outcomes[o] = entry.o[o];
      out.days[day] ??= {};
      out.days[day][site] = { c: sanitizeCategories(entry.c), o: outcomes };
    }
  }
  return out;
}

export function prune(stats, now = Date.now(), keepDays = KEEP_DAYS) {
  const oldest = dayKey(now - (keepDays - 1) * 86400000);
  for (const day of Object.keys(stats.days)) if (day < oldest) delete stats.days[day];
  return stats;
}

/** Adds one sanitized event (counts) to `stats` in place. */
export function addEvent(stats, event, now = Date.now()) {
  const day = (stats.days[dayKey(now)] ??= {});
  const entry = (day[event.site] ??= { c: {}, o: {} });
  for (const [cat, n] of Object.entries(event.categories)) entry.c[cat] = (entry.c[cat] ?? 0) + n;
  entry.o[event.outcome] = (entry.o[event.outcome] ?? 0) + 1;
  return prune(stats, now);
}

/** Totals over the given days (all stored days if none): {events, flagged, byCategory, bySite, byOutcome}. */
export function summarize(stats, days = null) {
  const sum = { events: 0, flagged: 0, byCategory: {}, bySite: {}, byOutcome: {} };
  for (const [day, sites] of Object.entries(stats.days)) {
    if (days && !days.includes(day)) continue;
    for (const [site, entry] of Object.entries(sites)) {
      const events = Object.values(entry.o).reduce((a, b) => a + b, 0);
      const flagged = events - (entry.o.clean ?? 0);
      sum.events += events;
      sum.flagged += flagged;
      if (flagged) sum.bySite[site] = (sum.bySite[site] ?? 0) + flagged;
      for (const [o, n] of Object.entries(entry.o)) sum.byOutcome[o] = (sum.byOutcome[o] ?? 0) + n;
      for (const [c, n] of Object.entries(entry.c)) sum.byCategory[c] = (sum.byCategory[c] ?? 0) + n;
    }
  }
  return sum;
}

/** Per-day rows, newest first: [{day, site, categories, outcomes}]. */
export function rows(stats) {
  const out = [];
  for (const day of Object.keys(stats.days).sort().reverse()) {
    for (const site of Object.keys(stats.days[day]).sort()) {
      const e = stats.days[day][site];
      out.push({ day, site, categories: { ...e.c }, outcomes: { ...e.o } });
    }
  }
  return out;
}

/** Storage-backed store; `area` is chrome.storage.local or a test double with get/set/remove. */
export function createStatsStore(area, clock = () => Date.now()) {
  let queue = Promise.resolve();
  // Serialised read-modify-write: events from several tabs arrive concurrently.
  const serial = (fn) => (queue = queue.then(fn, fn));
  const read = async () => normalizeStats((await area.get(STATS_KEY))[STATS_KEY]);
  return {
    record(msg) {
      const event = sanitizeEvent(msg);
      if (!event) return Promise.resolve(false);
      return serial(async () => {
        const stats = addEvent(await read(), event, clock());
        await area.set({ [STATS_KEY]: stats });
        return true;
      });
    },
    read: () => serial(async () => prune(await read(), clock())),
    clear: () => serial(() => area.remove(STATS_KEY)),
  };
}

export { CATEGORIES };
