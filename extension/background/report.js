// Incident reports and local statistics. Messages carry counts, ids and host names only; anything
// else is dropped before it is stored or put in a URL.
import { buildFacts, factsToQuery, sanitizeSite } from '../shared/incident.js';
import { createStatsStore, dayKey, rows, summarize } from '../shared/stats.js';

// After a send-anyway the popup offers a report with these facts (counts only, session storage).
const OFFER_KEY = 'reportOffer';
const OFFER_MAX_AGE = 24 * 3600 * 1000;

let store = null;
const stats = () => (store ??= createStatsStore(chrome.storage.local));

/** The site: the message's host, or when it has none, the sending web page's host. */
function siteOf(msg, sender) {
  if (msg.site !== undefined && msg.site !== '') return sanitizeSite(msg.site);
  const url = sender?.tab?.url ?? '';
  return /^https?:/.test(url) ? sanitizeSite(url) : '';
}

async function rememberOffer(site, categories, tabId) {
  const f = buildFacts({ site, categories, overridden: true });
  const tab = tabId >= 0 ? tabId : null;
  await chrome.storage.session?.set({ [OFFER_KEY]: { site: f.site, categories: f.categories, time: f.time, tabId: tab } });
  if (tabId >= 0) {
    await chrome.action?.setBadgeBackgroundColor({ tabId, color: '#b42318' }).catch(() => {});
    await chrome.action?.setBadgeText({ tabId, text: '!' }).catch(() => {});
  }
}

async function forgetOffer() {
  const tabId = (await chrome.storage.session?.get(OFFER_KEY))?.[OFFER_KEY]?.tabId;
  await chrome.storage.session?.remove(OFFER_KEY);
  if (Number.isInteger(tabId)) await chrome.action?.setBadgeText({ tabId, text: '' }).catch(() => {});
}

/** A client-given time is used only when it is recent (the facts are about a recent event). */
const recentTime = (t) => (Number.isFinite(t) && t <= Date.now() && Date.now() - t < 7 * 86400000 ? t : undefined);

export const handlers = {
  /** {site, categories: {cat: n}, outcome} from the content script after each decision. */
  async recordEvent(msg, sender) {
    const site = siteOf(msg, sender);
    const recorded = await stats().record({ site, categories: msg.categories, outcome: msg.outcome });
    if (recorded && msg.outcome === 'overridden') await rememberOffer(site, msg.categories, sender?.tab?.id);
    return { recorded };
  },

  /** {site, categories, overridden, time?} → opens the report page in a new tab next to the sender's. */
  async openReport(msg, sender) {
    const query = factsToQuery({
      site: siteOf(msg, sender),
      categories: msg.categories,
      overridden: msg.overridden === true,
      time: recentTime(msg.time),
    });
    if (msg.overridden === true) await forgetOffer();
    const props = { url: chrome.runtime.getURL(`report/report.html?${query}`) };
    if (sender?.tab?.id >= 0) {
      props.openerTabId = sender.tab.id;
      props.index = sender.tab.index + 1;
      props.windowId = sender.tab.windowId;
    }
    const tab = await chrome.tabs.create(props);
    return { tabId: tab.id };
  },

  /** {today, total, rows} for the popup and the statistics page. */
  async getStats() {
    const s = await stats().read();
    return { today: summarize(s, [dayKey(Date.now())]), total: summarize(s), rows: rows(s) };
  },

  /** {offer: {site, categories, time} | null}: the last send-anyway, for the popup. */
  async getReportOffer() {
    const got = (await chrome.storage.session?.get(OFFER_KEY)) ?? {};
    const offer = got[OFFER_KEY];
    if (!offer || !(Date.now() - offer.time < OFFER_MAX_AGE)) return { offer: null };
    const f = buildFacts(offer);
    return { offer: { site: f.site, categories: f.categories, time: f.time } };
  },

  async dismissReportOffer() {
    await forgetOffer();
    return {};
  },

  async clearStats() {
    await stats().clear();
    return {};
  },
};
