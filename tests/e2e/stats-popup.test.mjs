// The popup per site: protected by an adapter, generic protection because the site changed,
// approved, blocked, not a protected site; the organisation's policy link; Swedish forced by policy;
// a plain message and a retry when the background does not answer.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CHROMIUM_DIST, launch, startServer } from './harness.mjs';

const DIST = process.env.PROMPTVAKT_DIST ?? CHROMIUM_DIST;
const POLICY_URL = 'https://intern.kommun.example/ai-riktlinje';

let server;
let b;
before(async () => {
  server = await startServer();
  b = await launch({
    server, extensionDir: DIST,
    managedPolicy: {
      language: 'sv', organizationName: 'Exempels kommun', policyUrl: POLICY_URL,
      blockedSites: ['grok.com'], approvedSites: ['gemini.google.com'],
    },
  });
});
after(async () => {
  await b?.close();
  await server?.close();
});

/** Opens the site, waits until the content script has reported (if `reported`), returns the popup. */
async function popupFor(host, path = '/', { reported = true } = {}) {
  const site = await b.openSite(host, path);
  const tabId = await b.worker.evaluate(async (h) => (await chrome.tabs.query({ url: `https://${h}/*` }))[0]?.id, host);
  const popup = await b.openExtensionPage(`popup/popup.html?tabId=${tabId}`);
  if (reported) {
    // The content script gives up on a changed site's composer after about 8 s.
    const end = Date.now() + 15000;
    while (!(await popup.evaluate((id) => chrome.runtime.sendMessage({ type: 'tabStatus', tabId: id }), tabId)).status) {
      assert.ok(Date.now() < end, `no adapter status from ${host}`);
      await popup.waitForTimeout(200);
    }
    await popup.reload();
  }
  await popup.waitForSelector('#main:not([hidden])');
  return { site, popup, state: await popup.textContent('#state') };
}

test('protected by the site adapter, with the policy link and organisation, in Swedish', async () => {
  const { popup, state, site } = await popupFor('chatgpt.com');
  assert.equal(state, 'Sidan är skyddad (anpassning för ChatGPT).');
  assert.equal(await popup.getAttribute('html', 'lang'), 'sv');
  assert.equal(await popup.textContent('#org'), 'Exempels kommun');
  assert.equal(await popup.getAttribute('#policy', 'href'), POLICY_URL);
  assert.equal(await popup.textContent('#report'), 'Rapportera en incident');
  assert.match(await popup.textContent('#today-summary'), /Inget flaggat i dag/);
  // Keyboard: the report button is reachable and opens the report page for this site.
  await popup.keyboard.press('Tab');
  assert.equal(await popup.evaluate(() => document.activeElement.id), 'report');
  // The popup closes itself once the report page opens, which may cut the key press short.
  const [report] = await Promise.all([b.ctx.waitForEvent('page'), popup.keyboard.press('Enter').catch(() => {})]);
  await report.waitForSelector('#main:not([hidden])');
  assert.equal(new URL(report.url()).searchParams.get('site'), 'chatgpt.com');
  assert.equal(await report.inputValue('#site'), 'chatgpt.com');
  await Promise.all([report.close(), site.close()]);
});

test('generic protection when the site changed and the known composer is gone', async () => {
  const { state, site, popup } = await popupFor('claude.ai', '/changed.html');
  assert.match(state, /^Allmänt skydd är aktivt: claude\.ai har ändrats/);
  assert.ok(await popup.$('.state.generic'));
  await site.close();
});

test('approved, blocked and unprotected sites', async () => {
  const approved = await popupFor('gemini.google.com');
  assert.match(approved.state, /Sidan är skyddad \(anpassning för Gemini\)\. Din organisation har godkänt tjänsten/);
  const blocked = await popupFor('grok.com', '/', { reported: false });
  assert.equal(blocked.state, 'grok.com är spärrad av din organisation.');
  assert.ok(await blocked.popup.$('.state.blocked'));
  const other = await popupFor('example.test', '/', { reported: false });
  assert.equal(other.state, 'Den här sidan är inte en skyddad AI-tjänst.');
  await Promise.all([approved.site.close(), blocked.site.close(), other.site.close()]);
});

test('a background that does not answer gets a plain message and a retry, never a blank popup', async () => {
  const popup = await b.ctx.newPage();
  // Nothing reaches the background until the test allows it; the flag outlives the retry's reload.
  await popup.addInitScript(() => {
    const send = chrome.runtime.sendMessage.bind(chrome.runtime);
    chrome.runtime.sendMessage = (m) => (sessionStorage.getItem('answer') ? send(m) : new Promise(() => {}));
  });
  await popup.goto(`chrome-extension://${b.extensionId}/popup/popup.html`);
  // The page speaks the browser's language until the policy is known.
  const message = (key) => popup.evaluate((k) => chrome.i18n.getMessage(k), key);
  await popup.waitForSelector('#load-retry:not([hidden])', { timeout: 15000 });
  const noAnswer = await message('page_no_answer');
  assert.match(noAnswer, /Promptvakt/);
  assert.equal(await popup.textContent('[role="status"]'), noAnswer);
  assert.equal(await popup.textContent('#load-retry'), await message('page_retry'));
  assert.equal(await popup.isHidden('#main'), true);
  await popup.evaluate(() => sessionStorage.setItem('answer', '1'));
  await popup.click('#load-retry');
  await popup.waitForSelector('#main:not([hidden])');
  assert.equal(await popup.isHidden('#load-state'), true);
  assert.equal(await popup.textContent('#state'), 'Den här sidan är inte en skyddad AI-tjänst.');
  await popup.close();
});

test('a managed policy that arrives late reaches a popup already open', async () => {
  // Managed storage stalls once, longer than the background waits for it, as it does just after
  // the browser starts; no last known copy is at hand, so the built-in defaults stand in.
  await b.worker.evaluate(async () => {
    const area = chrome.storage.managed;
    const get = area.get.bind(area);
    area.get = (...a) => {
      area.get = get;
      return new Promise((resolve) => setTimeout(() => resolve(get(...a)), 6000));
    };
    await chrome.storage.session.remove('lastManagedPolicy');
    await chrome.storage.local.set({ userPolicy: {} });
  });
  const popup = await b.openExtensionPage('popup/popup.html');
  const seen = [];
  const end = Date.now() + 20000;
  while (Date.now() < end) {
    const lang = await popup.evaluate(() => (document.getElementById('main').hidden ? '' : document.documentElement.lang))
      .catch(() => '');
    if (lang && lang !== seen.at(-1)) seen.push(lang);
    if (lang === 'sv' && seen.length > 1) break;
    await popup.waitForTimeout(100);
  }
  assert.deepEqual(seen, ['en', 'sv'], 'the stand-in first, then the managed language without a reopen');
  assert.equal(await popup.textContent('#org'), 'Exempels kommun');
  await popup.close();
});
