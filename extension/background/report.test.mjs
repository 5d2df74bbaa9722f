import { test } from 'node:test';
import assert from 'node:assert/strict';

// Minimal chrome.* double for the background module.
const data = {};
const session = {};
const badges = {};
const created = [];
globalThis.chrome = {
  runtime: { getURL: (p) => `chrome-extension://id/${p}` },
  tabs: { create: async (props) => { created.push(props); return { id: 99 }; } },
  action: {
    setBadgeText: async ({ tabId, text }) => { badges[tabId] = text; },
    setBadgeBackgroundColor: async () => {},
  },
  storage: {
    session: {
      async get(k) { return k in session ? { [k]: structuredClone(session[k]) } : {}; },
      async set(o) { Object.assign(session, structuredClone(o)); },
      async remove(k) { delete session[k]; },
    },
    local: {
      async get(k) { return k in data ? { [k]: structuredClone(data[k]) } : {}; },
      async set(o) { Object.assign(data, structuredClone(o)); },
      async remove(k) { delete data[k]; },
    },
  },
};
const { handlers } = await import('./report.js');

const RISKY = 'Anna Lindqvist 19850312-2387 har schizofreni';
const tabSender = { tab: { id: 7, index: 2, windowId: 1, url: 'https://chatgpt.com/c/123?q=x' } };

test('recordEvent stores counts with the sender host; text is dropped', async () => {
  await handlers.clearStats();
  const r = await handlers.recordEvent({ type: 'recordEvent', categories: { personnummer: 1, name: 1 }, outcome: 'blocked', text: RISKY }, tabSender);
  assert.equal(r.recorded, true);
  assert.equal((await handlers.recordEvent({ categories: { name: 1 }, outcome: 'shouted' }, tabSender)).recorded, false);
  const s = await handlers.getStats();
  assert.deepEqual(s.today.byCategory, { personnummer: 1, name: 1 });
  assert.deepEqual(s.today.bySite, { 'chatgpt.com': 1 });
  assert.ok(!JSON.stringify(data).includes('Lindqvist') && !JSON.stringify(data).includes('19850312'));
  await handlers.clearStats();
  assert.equal((await handlers.getStats()).today.events, 0);
});

test('an unusable site is dropped, not replaced by the sender (an extension page is no site)', async () => {
  await handlers.clearStats();
  const risky = await handlers.recordEvent({ site: RISKY, categories: { name: 1 }, outcome: 'blocked' }, tabSender);
  assert.equal(risky.recorded, false);
  const fromPage = await handlers.recordEvent({ categories: { name: 1 }, outcome: 'blocked' }, { url: 'chrome-extension://abc/report/stats.html' });
  assert.equal(fromPage.recorded, false);
  assert.equal((await handlers.getStats()).today.events, 0);
});

test('openReport opens the report page next to the tab with counts only', async () => {
  const r = await handlers.openReport({ type: 'openReport', categories: { health: 2, [RISKY]: 1 }, overridden: true, text: RISKY }, tabSender);
  assert.equal(r.tabId, 99);
  const props = created.at(-1);
  assert.equal(props.openerTabId, 7);
  assert.equal(props.index, 3);
  const url = new URL(props.url);
  assert.equal(url.pathname, '/report/report.html');
  assert.equal(url.searchParams.get('site'), 'chatgpt.com');
  assert.equal(url.searchParams.get('c'), 'health:2');
  assert.equal(url.searchParams.get('o'), '1');
  assert.ok(!decodeURIComponent(props.url).includes('Lindqvist'));
  assert.deepEqual([...url.searchParams.keys()].sort(), ['c', 'o', 'site', 't']);
});

test('openReport from the popup (no tab sender) takes the site from the message', async () => {
  await handlers.openReport({ site: 'claude.ai' }, {});
  const props = created.at(-1);
  assert.equal(props.openerTabId, undefined);
  assert.equal(new URL(props.url).searchParams.get('site'), 'claude.ai');
});

test('a send-anyway leaves a report offer (counts only) and a badge until the report is opened', async () => {
  assert.deepEqual((await handlers.getReportOffer()).offer, null);
  await handlers.recordEvent({ categories: { personnummer: 1, health: 1 }, outcome: 'overridden', text: RISKY }, tabSender);
  const { offer } = await handlers.getReportOffer();
  assert.equal(offer.site, 'chatgpt.com');
  assert.deepEqual(offer.categories, { personnummer: 1, health: 1 });
  assert.equal(badges[7], '!');
  assert.ok(!JSON.stringify(session).includes('Lindqvist'));
  await handlers.openReport({ ...offer, overridden: true }, {});
  assert.equal(new URL(created.at(-1).url).searchParams.get('t'), String(offer.time));
  assert.equal((await handlers.getReportOffer()).offer, null);
  assert.equal(badges[7], '');
});

test('openReport ignores a time in the future or long ago', async () => {
  for (const time of [Date.now() + 3600000, Date.now() - 30 * 86400000, 'x']) {
    await handlers.openReport({ site: 'claude.ai', time }, {});
    const t = Number(new URL(created.at(-1).url).searchParams.get('t'));
    assert.ok(Math.abs(t - Date.now()) < 5000);
  }
});
