// Local statistics, end to end: after a session of checks on the mock chatgpt.com, every storage
// area holds counts only (never the text or a matched value); the popup shows today's counts and
// the statistics page clears them.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CHROMIUM_DIST, launch, startServer, waitForDialog } from './harness.mjs';

const DIST = process.env.PROMPTVAKT_DIST ?? CHROMIUM_DIST;
// Skatteverket's test personnummer and fictional names: safe to use anywhere.
const RISKY = 'Sammanfatta journalen: Anna Lindqvist 19121212-1212 har diagnosen schizofreni och tar Leponex.';
const RISKY_VALUES = ['Anna', 'Lindqvist', '19121212', '121212-1212', 'schizofreni', 'Leponex', 'journalen', 'Sammanfatta'];
const CLEAN = 'Skriv ett kort, vänligt svar om bibliotekets öppettider i sommar.';

let server;
let b;
before(async () => {
  server = await startServer();
  b = await launch({ server, extensionDir: DIST });
});
after(async () => {
  await b?.close();
  await server?.close();
});

async function until(fn, what, timeout = 5000) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Everything the extension keeps in every storage area, as one JSON string. */
async function allStorage() {
  return b.worker.evaluate(async () => {
    const out = {};
    for (const area of ['local', 'sync', 'session']) out[area] = await chrome.storage[area]?.get(null).catch(() => null);
    return JSON.stringify(out);
  });
}

const getStats = (page) => page.evaluate(() => chrome.runtime.sendMessage({ type: 'getStats' }));

async function typeAndSend(page, text) {
  const composer = page.locator('#prompt-textarea');
  await composer.click();
  await composer.fill(text);
  await page.keyboard.press('Enter');
}

test('a session of checks on chatgpt.com leaves counts in storage, never text', async () => {
  const page = await b.openSite('chatgpt.com');
  await typeAndSend(page, RISKY);
  const dialog = await waitForDialog(page);
  assert.ok(dialog, 'the dialog opens for the risky text');
  await page.keyboard.press('Escape');
  await typeAndSend(page, CLEAN);
  await until(() => server.posts('chatgpt.com').some((r) => r.body.includes('öppettider')), 'the clean text to be sent');
  // The same risky text pasted again, and once more through the send button.
  await typeAndSend(page, RISKY);
  assert.ok(await waitForDialog(page));
  await page.keyboard.press('Escape');

  const ext = await b.openExtensionPage('report/stats.html');
  const stats = await until(async () => {
    const s = await getStats(ext);
    return s.today?.byCategory?.personnummer >= 2 && s;
  }, 'two flagged checks to be counted');
  assert.equal(stats.today.bySite['chatgpt.com'], 2);
  assert.ok(stats.today.byOutcome.blocked >= 2);
  assert.ok(stats.rows.every((r) => r.site === 'chatgpt.com'));

  const stored = await allStorage();
  for (const v of RISKY_VALUES) assert.ok(!stored.includes(v), `storage holds "${v}"`);
  assert.ok(!stored.includes('öppettider'), 'not even clean text is stored');
  assert.ok(server.posts('chatgpt.com').every((r) => !RISKY_VALUES.some((v) => r.body.includes(v))), 'the risky text was never sent');
  // Nothing is sent anywhere by the extension: every request is the chat site's own.
  const elsewhere = b.requests.filter((r) => !/^(https:\/\/chatgpt\.com\/|chrome-extension:|data:)/.test(r.url));
  assert.deepEqual(elsewhere.map((r) => r.url), []);
  assert.deepEqual([...new Set(server.requests.map((r) => r.host))], ['chatgpt.com']);
  await ext.close();
  await page.close();
});

test('recordEvent keeps only known categories, integer counts and a hostname', async () => {
  const ext = await b.openExtensionPage('report/stats.html');
  const before = (await getStats(ext)).today.events;
  const r = await ext.evaluate((risky) => chrome.runtime.sendMessage({
    type: 'recordEvent', site: `https://claude.ai/chat/1?q=${encodeURIComponent(risky)}`, outcome: 'warned',
    text: risky, findings: [{ category: 'name', value: risky }], categories: { name: 1, [risky]: 2, health: risky },
  }), RISKY);
  assert.equal(r.recorded, true);
  const junk = await ext.evaluate((risky) => chrome.runtime.sendMessage({ type: 'recordEvent', site: risky, outcome: 'blocked', categories: { name: 1 } }), RISKY);
  assert.equal(junk.recorded, false);
  const s = await getStats(ext);
  assert.equal(s.today.events, before + 1);
  assert.equal(s.today.bySite['claude.ai'], 1);
  const stored = await allStorage();
  for (const v of RISKY_VALUES) assert.ok(!stored.includes(v), `storage holds "${v}"`);
  await ext.close();
});

test("the popup shows the site's protection and today's counts; the statistics page clears them", async () => {
  const site = await b.openSite('chatgpt.com');
  const tabId = await b.worker.evaluate(async () => (await chrome.tabs.query({ url: 'https://chatgpt.com/*' }))[0]?.id);
  const popup = await b.openExtensionPage(`popup/popup.html?tabId=${tabId}`);
  await popup.waitForSelector('#main:not([hidden])');
  assert.match(await popup.textContent('#state'), /protected/i);
  assert.match(await popup.textContent('#today-summary'), /^\d+ of \d+ checks were flagged\.$/);
  assert.match(await popup.textContent('#today-categories'), /Personal identity numbers: \d/);
  const popupText = await popup.textContent('body');
  for (const v of RISKY_VALUES) assert.ok(!popupText.includes(v), v);

  const page = await b.openExtensionPage('report/stats.html');
  await page.waitForSelector('#main:not([hidden])');
  assert.ok(await page.locator('#rows tr').count() >= 1);
  await page.click('#clear');
  await page.waitForFunction(() => document.getElementById('result').textContent.length > 0);
  assert.equal(await page.locator('#rows tr').count(), 0);
  assert.ok(!(await allStorage()).includes('"stats"'), 'the statistics are gone from storage');

  await popup.reload();
  await popup.waitForSelector('#main:not([hidden])');
  assert.equal(await popup.textContent('#today-summary'), 'Nothing flagged today.');
  await Promise.all([popup.close(), page.close(), site.close()]);
});
