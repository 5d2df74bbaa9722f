// Incident reports and local statistics. Messages carry counts, ids and host names only; anything
// else is dropped before it is stored or put in a URL.
import { factsToQuery, sanitizeSite } from '../shared/incident.js';
import { createStatsStore, dayKey, rows, summarize } from '../shared/stats.js';

let store = null;
const stats = () => (store ??= createStatsStore(chrome.storage.local));

/** The site: the message's host, or when it has none, the sending web page's host. */
function siteOf(msg, sender) {
  if (msg.site !== undefined && msg.site !== '') return sanitizeSite(msg.site);
  const url = sender?.tab?.url ?? '';
  return /^https?:/.test(url) ? sanitizeSite(url) : '';
}

export const handlers = {
  /** {site, categories: {cat: n}, outcome} from the content script after each decision. */
  async recordEvent(msg, sender) {
    const site = siteOf(msg, sender);
    const recorded = await stats().record({ site, categories: msg.categories, outcome: msg.outcome });
    return { recorded };
  },

  /** {site, categories, overridden} → opens the report page in a new tab next to the sender's. */
  async openReport(msg, sender) {
    const query = factsToQuery({
      site: siteOf(msg, sender),
      categories: msg.categories,
      overridden: msg.overridden === true,
    });
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

  async clearStats() {
    await stats().clear();
    return {};
  },
};
