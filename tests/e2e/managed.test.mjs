// Managed policy in Chromium: a policy file in Chromium's managed folder (as IT would deploy it on
// Linux) turns `name` off, makes `contact` block, adds a custom term, an IT site, a blocked and an
// approved site and the incident URL. The extension must follow it, show the values as managed,
// report the bad value it received, pick up a changed file without a restart, and protect the
// IT-added site with the generic adapter without any prompt. The browser runs in Swedish, so the
// options page shows its choices in plain Swedish.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_ID, MANAGED_POLICY_DIR, axNodes, launch, startServer, waitForDialog } from './harness.mjs';
import { draft, sent, siteInfo, type, until } from './protect.mjs';

const IT_SITE = 'ai.kommun.example';
const POLICY = {
  organizationName: 'Testkommun',
  policyUrl: 'https://intranet.kommun.example/ai',
  actionName: 'off',
  actionContact: 'block',
  customTerms: ['classified:Projekt Falken'],
  customPatterns: ['identifier:(unclosed', 'identifier:ÄR-[0-9]{4}'],
  sites: [IT_SITE, 'NOT A HOST'],
  approvedSites: ['copilot.microsoft.com'],
  blockedSites: ['chat.deepseek.com'],
  incidentChannel: 'url',
  incidentUrlTemplate: 'https://intranet.kommun.example/e-tjanst/incident',
};
const TEXT = 'Mejla anna@example.se om Projekt Falken och ärende ÄR-2024. Hälsningar Anna Svensson';
const CLEAN = 'Skriv ett kort, vänligt svar om bibliotekets öppettider i sommar.';

let server;
let browser;
let options;
const msg = (m) => options.evaluate((x) => chrome.runtime.sendMessage(x), m);

before(async () => {
  server = await startServer();
  browser = await launch({ server, managedPolicy: POLICY, locale: 'sv-SE' });
  options = await browser.openExtensionPage('options/options.html');
  await options.waitForSelector('body[data-loaded]');
});
after(async () => {
  await browser?.close();
  await server?.close();
});

describe('managed policy in Chromium', () => {
  test('the extension reads the managed policy, normalised, with the pinned id', async () => {
    assert.equal(browser.extensionId, EXTENSION_ID);
    const r = await msg({ type: 'getPolicy' });
    assert.equal(r.ok, true);
    assert.equal(r.policy.actionName, 'off');
    assert.equal(r.policy.actionContact, 'block');
    assert.equal(r.policy.incidentChannel, 'url');
    assert.equal(r.policy.incidentUrlTemplate, POLICY.incidentUrlTemplate);
    assert.deepEqual(r.policy.sites, [IT_SITE], 'the bad host is skipped, the list kept');
    assert.deepEqual(r.policy.customPatterns, ['identifier:ÄR-[0-9]{4}']);
    assert.equal(r.policy.actionHealth, 'block', 'unset keys keep their defaults');
    for (const k of Object.keys(POLICY)) assert.ok(r.managedKeys.includes(k), k);
  });

  test('scanning follows it: name off, contact blocks, custom term and pattern found', async () => {
    const { findings } = await msg({ type: 'scan', text: TEXT });
    const cats = findings.map((f) => `${f.category}:${f.action}`);
    assert.ok(cats.includes('contact:block'), cats.join());
    assert.ok(cats.includes('classified:block'), cats.join());
    assert.ok(cats.includes('identifier:warn'), cats.join());
    assert.ok(!findings.some((f) => f.category === 'name'), 'name is off');
    // Not vacuous: the built-in defaults do flag the name and only warn on the e-mail address.
    const defaults = await options.evaluate(async (text) => {
      const core = await import('/pkg/promptvakt.js');
      await core.default({ module_or_path: '/pkg/promptvakt_bg.wasm' });
      return new core.Engine('{}').scan(text).map((f) => `${f.category}:${f.action}`);
    }, TEXT);
    assert.ok(defaults.includes('name:warn'), defaults.join());
    assert.ok(defaults.includes('contact:warn'), defaults.join());
  });

  test('site trust: IT site public, blocked and approved sites, unknown hosts unprotected', async () => {
    const trust = async (host) => (await msg({ type: 'siteInfo', host })).trust;
    assert.equal(await trust(IT_SITE), 'public');
    assert.equal(await trust('chat.deepseek.com'), 'blocked');
    assert.equal(await trust('copilot.microsoft.com'), 'approved');
    assert.equal(await trust('claude.ai'), 'public');
    assert.equal(await trust('www.example.org'), null);
    const info = await msg({ type: 'siteInfo', host: 'chat.deepseek.com' });
    assert.equal(info.policyUrl, POLICY.policyUrl);
    assert.equal(info.organizationName, 'Testkommun');
    const approved = await msg({ type: 'siteInfo', host: 'copilot.microsoft.com' });
    assert.equal(approved.actions.secret, 'block');
    assert.equal(approved.actions.contact, 'off', 'approved sites get the lighter policy');
  });

  test('options page: managed values are marked and locked, others editable', async () => {
    for (const key of ['actionName', 'actionContact', 'customTerms', 'sites', 'incidentUrlTemplate']) {
      assert.equal(await options.locator(`#f-${key}`).isDisabled(), true, key);
      assert.match(await options.locator(`#m-${key}`).innerText(), /Hanteras av din organisation|Managed by your organisation/);
    }
    assert.equal(await options.locator('#f-actionName').inputValue(), 'off');
    assert.equal(await options.locator('#f-actionHealth').isDisabled(), false);
    assert.equal(await options.locator('#m-actionHealth').count(), 0);
  });

  test('options page: choices in plain Swedish, with the value the policy file takes', async () => {
    assert.equal(await options.getAttribute('html', 'lang'), 'sv');
    const choices = (sel) => options.$$eval(`${sel} option`, (os) => os.map((o) => [o.value, o.textContent]));
    assert.deepEqual(await choices('#f-actionHealth'), [['block', 'Stoppa (block)'], ['warn', 'Fråga först (warn)'], ['off', 'Av (off)']]);
    assert.deepEqual(await choices('#f-failMode'), [['block', 'Stoppa (block)'], ['allow', 'Släpp igenom (allow)']]);
    assert.equal(await options.locator('#f-actionContact option:checked').textContent(), 'Stoppa (block)');
    assert.equal(await options.locator('#f-incidentChannel option:checked').textContent(), 'E-tjänst (url)');
    assert.match(await options.textContent('#d-actionHealth'), /^Stoppa hejdar sändningen, Fråga först frågar/);
    // Saving a choice stores the policy value, not the label.
    await options.selectOption('#f-actionHealth', { label: 'Fråga först (warn)' });
    await options.click('#save');
    assert.ok(await until(async () => (await msg({ type: 'getPolicy' })).policy.actionHealth === 'warn'), 'saved as warn');
    await msg({ type: 'setUserPolicy', values: {} });
    assert.ok(await until(async () => (await msg({ type: 'getPolicy' })).policy.actionHealth === 'block'), 'reset');
  });

  test('options page: "Läser in …" until the background answers, then the settings', async () => {
    const page = await browser.ctx.newPage();
    // Every message to the background waits until the test lets it through; what the page showed
    // when it asked is noted, so no timing is involved.
    await page.addInitScript(() => {
      const send = chrome.runtime.sendMessage.bind(chrome.runtime);
      const held = [];
      window.shown = [];
      window.answer = () => held.splice(0).forEach((go) => go());
      chrome.runtime.sendMessage = (m) => {
        const $ = (id) => document.getElementById(id);
        window.shown.push({ status: $('load-status').textContent, role: $('load-status').getAttribute('role'), main: !$('main').hidden });
        return new Promise((resolve, reject) => held.push(() => send(m).then(resolve, reject)));
      };
    });
    await page.goto(`chrome-extension://${browser.extensionId}/options/options.html`);
    const [first] = await page.evaluate(() => window.shown);
    assert.deepEqual(first, { status: 'Läser in …', role: 'status', main: false });
    await page.evaluate(() => window.answer());
    await page.waitForSelector('body[data-loaded]');
    assert.equal(await page.isHidden('#load-state'), true);
    assert.equal(await page.isVisible('#f-actionContact'), true);
    assert.equal(await page.inputValue('#f-actionContact'), 'block');
    await page.close();
  });

  test('options test box highlights what the managed policy flags, and stores nothing', async () => {
    await options.fill('#test-text', TEXT);
    await options.click('#test-run');
    await options.waitForSelector('#test-output mark');
    const marks = await options.$$eval('#test-output mark', (ms) => ms.map((m) => [m.dataset.category, m.className, m.textContent]));
    assert.ok(marks.some(([c, a, t]) => c === 'contact' && a === 'block' && t === 'anna@example.se'), JSON.stringify(marks));
    assert.ok(marks.some(([c, , t]) => c === 'classified' && t === 'Projekt Falken'), JSON.stringify(marks));
    assert.ok(!marks.some(([c]) => c === 'name'));
    assert.equal(await options.locator('#test-output').innerText(), TEXT, 'the text is shown whole, highlights in place');
    const stored = await options.evaluate(async () => JSON.stringify([
      await chrome.storage.local.get(null), await chrome.storage.sync.get(null), await chrome.storage.session.get(null),
    ]));
    assert.ok(!stored.includes('anna@example.se') && !stored.includes('Falken och'), 'nothing scanned is stored');
  });

  test('diagnostics: id, version, managed keys, the broken pattern and the skipped host', async () => {
    const facts = await options.locator('#diag-facts').innerText();
    assert.ok(facts.includes(EXTENSION_ID));
    assert.match(facts, /0\.\d+\.\d+ \(core \d+\.\d+\.\d+\)/);
    assert.ok(facts.includes(IT_SITE), 'registered IT site listed');
    const issues = await options.locator('#diag-issues').innerText();
    assert.match(issues, /customPatterns: pattern 1 does not compile/);
    assert.match(issues, /sites: item 2 has the wrong format/);
    assert.ok(!issues.includes('anna@example.se'), 'no scanned text in diagnostics');
  });

  test('a user cannot override a managed value; an unmanaged one applies at once', async () => {
    const r = await msg({ type: 'setUserPolicy', values: { actionContact: 'off', actionHealth: 'warn' } });
    assert.deepEqual(r.refused, ['actionContact']);
    const p = await until(async () => {
      const g = await msg({ type: 'getPolicy' });
      return g.policy.actionHealth === 'warn' && g;
    });
    assert.ok(p, 'user setting applied without restart');
    assert.equal(p.policy.actionContact, 'block');
    assert.deepEqual(p.userKeys, ['actionHealth']);
    await msg({ type: 'setUserPolicy', values: {} });
  });

  test('the IT-added site is protected by the generic adapter, without any prompt', async () => {
    const page = await browser.openSite(IT_SITE);
    const info = await siteInfo(page);
    await type(page, info, TEXT);
    await page.locator(info.send).click();
    const d = await waitForDialog(page);
    assert.ok(d, 'dialog shown on the IT-added site');
    assert.deepEqual(sent(server, IT_SITE, info), [], 'nothing sent');
    assert.equal(await draft(page, info), TEXT);
    await page.keyboard.press('Escape');
    await type(page, info, CLEAN);
    await page.locator(info.send).click();
    assert.deepEqual(await until(() => sent(server, IT_SITE, info).length && sent(server, IT_SITE, info)), [CLEAN]);
    const tabs = await browser.worker.evaluate((h) => chrome.tabs.query({ url: `https://${h}/*` }), IT_SITE);
    const status = await msg({ type: 'tabStatus', tabId: tabs[0].id });
    assert.match(status.status?.adapter ?? '', /generic/);
    await page.close();
  });

  test('a blocked site shows the notice with the policy link, and nothing can be sent', async () => {
    const host = 'chat.deepseek.com';
    const page = await browser.openSite(host);
    const info = await siteInfo(page);
    const d = await waitForDialog(page);
    assert.ok(d, 'notice shown');
    const link = (await axNodes(page)).find((n) => !n.ignored && n.role?.value === 'link');
    assert.ok(link, 'policy link in the notice');
    assert.equal(link.properties.find((p) => p.name === 'url')?.value?.value, POLICY.policyUrl);
    // Input is stopped: typing and Enter or a click on send reach nothing.
    await page.keyboard.type(CLEAN);
    await page.keyboard.press('Enter');
    await page.evaluate((sel) => document.querySelector(sel)?.click(), info.send);
    await page.waitForTimeout(800);
    assert.deepEqual(sent(server, host, info), []);
    await page.close();
  });

  test('a changed policy file applies without a restart', async () => {
    const file = readdirSync(MANAGED_POLICY_DIR).find((f) => f === `promptvakt-e2e-${process.pid}.json`);
    assert.ok(file, 'harness policy file present');
    const next = { ...POLICY, actionContact: 'warn', blockedSites: [IT_SITE], sites: ['ny.kommun.example'] };
    writeFileSync(join(MANAGED_POLICY_DIR, file), JSON.stringify({ '3rdparty': { extensions: { [EXTENSION_ID]: next } } }));
    // Chromium re-reads its policy folder a few seconds after a change.
    const changed = await until(async () => (await msg({ type: 'siteInfo', host: IT_SITE })).trust === 'blocked', 30000);
    assert.ok(changed, 'the new policy reached the extension');
    const registered = await until(async () => {
      const [r] = await browser.worker.evaluate(() => chrome.scripting.getRegisteredContentScripts());
      return r?.matches?.includes('https://ny.kommun.example/*') && r;
    });
    assert.deepEqual(registered.matches.sort(), ['https://ai.kommun.example/*', 'https://ny.kommun.example/*']);
    const { findings } = await msg({ type: 'scan', text: TEXT });
    assert.ok(findings.some((f) => f.category === 'contact' && f.action === 'warn'));
    // The options page updates itself from the change broadcast.
    await until(async () => (await options.locator('#f-actionContact').inputValue()) === 'warn', 5000);
    assert.equal(await options.locator('#f-actionContact').inputValue(), 'warn');
  });
});
