// The report offer after a send-anyway: driven by keyboard through the real dialog on the mock
// chatgpt.com, then the popup offers a report with that event's facts (counts only).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axDialog, axNodes, CHROMIUM_DIST, launch, startServer, waitForDialog } from './harness.mjs';

const DIST = process.env.PROMPTVAKT_DIST ?? CHROMIUM_DIST;
// Skatteverket's test personnummer: safe to use anywhere.
const RISKY = 'Skriv ett beslut till Anna Lindqvist, 19121212-1212, om bostadsbidraget.';
const RISKY_VALUES = ['Anna', 'Lindqvist', '19121212', '121212-1212', 'bostadsbidraget'];

let server;
let b;
before(async () => {
  server = await startServer();
  b = await launch({ server, extensionDir: DIST, managedPolicy: { allowOverride: true, requireOverrideReason: false } });
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

/** Presses Tab until the dialog's focused button matches `re`; Enter activates it. */
async function activate(page, re) {
  for (let i = 0; i < 10; i += 1) {
    const d = await axDialog(page);
    if (re.test(d?.focused ?? '')) {
      await page.keyboard.press('Enter');
      return;
    }
    await page.keyboard.press('Tab');
  }
  assert.fail(`no dialog button matching ${re}`);
}

test('after a send-anyway the popup offers a report with the facts of that send', async () => {
  const page = await b.openSite('chatgpt.com');
  const composer = page.locator('#prompt-textarea');
  await composer.click();
  await composer.fill(RISKY);
  await page.keyboard.press('Enter');
  const dialog = await waitForDialog(page);
  assert.ok(dialog, 'the dialog opens');
  await activate(page, /send anyway/i);
  await until(() => server.posts('chatgpt.com').length > 0, 'the send to go through');

  const tabId = await b.worker.evaluate(async () => (await chrome.tabs.query({ url: 'https://chatgpt.com/*' }))[0]?.id);
  assert.equal(await b.worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId), '!');
  const popup = await b.openExtensionPage(`popup/popup.html?tabId=${tabId}`);
  await popup.waitForSelector('#offer:not([hidden])');
  assert.match(await popup.textContent('#offer-text'), /chatgpt\.com/);
  const [report] = await Promise.all([b.ctx.waitForEvent('page'), popup.click('#offer-report').catch(() => {})]);
  await report.waitForSelector('#main:not([hidden])');
  const q = new URL(report.url()).searchParams;
  assert.equal(q.get('site'), 'chatgpt.com');
  assert.equal(q.get('o'), '1');
  assert.match(q.get('c'), /personnummer:1/);
  assert.equal(await report.inputValue('#type'), 'sent_to_ai');
  assert.match(await report.textContent('#facts'), /Warning overridden\s*yes/);
  for (const v of RISKY_VALUES) assert.ok(!report.url().includes(v), v);
  assert.equal(await b.worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId), '', 'the badge is cleared');

  const again = await b.openExtensionPage(`popup/popup.html?tabId=${tabId}`);
  await again.waitForSelector('#main:not([hidden])');
  assert.equal(await again.isVisible('#offer'), false, 'the offer is gone once the report is opened');
  const stored = await b.worker.evaluate(async () => JSON.stringify([
    await chrome.storage.local.get(null), await chrome.storage.session.get(null),
  ]));
  for (const v of RISKY_VALUES) assert.ok(!stored.includes(v), `storage holds "${v}"`);
});

/** The focused node in the page's accessibility tree (closed shadow roots included). */
async function axFocused(page) {
  const nodes = await axNodes(page);
  // The document itself is "focused" too: take the innermost focused node.
  return nodes.filter((n) => !n.ignored && n.role?.value !== 'RootWebArea'
    && n.properties?.some((p) => p.name === 'focused' && p.value?.value)).at(-1) ?? null;
}

test('right after a send-anyway the page itself offers the report, reachable by keyboard', async () => {
  const page = await b.openSite('chatgpt.com', '/c/offer');
  const sentBefore = server.posts('chatgpt.com').length;
  const composer = page.locator('#prompt-textarea');
  await composer.click();
  await composer.fill(RISKY);
  await page.keyboard.press('Enter');
  assert.ok(await waitForDialog(page), 'the dialog opens');
  await activate(page, /send anyway/i);
  await until(() => server.posts('chatgpt.com').length > sentBefore, 'the send');
  // Tab to a "report" control that appears after the send, then press Enter.
  let found = null;
  for (let i = 0; i < 30 && !found; i += 1) {
    const n = await axFocused(page);
    if (n?.role?.value === 'button' && /report|rapportera/i.test(n.name?.value ?? '')) found = n;
    else await page.keyboard.press('Tab');
  }
  assert.ok(found, 'a report button is offered after the send');
  const [report] = await Promise.all([b.ctx.waitForEvent('page'), page.keyboard.press('Enter')]);
  await report.waitForSelector('#main:not([hidden])');
  const q = new URL(report.url()).searchParams;
  assert.equal(q.get('site'), 'chatgpt.com');
  assert.equal(q.get('o'), '1');
  assert.match(q.get('c') ?? '', /personnummer:1/);
});
