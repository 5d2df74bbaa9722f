// The same managed policy through Firefox's policies.json ("3rdparty"), in firefox-esr. Firefox
// hands values over untyped, so this policy is written the way registry-based deployments
// deliver it (1 for true, numbers as text, lists as numbered objects or multi-line text), with
// bad values mixed in: they must be reported in diagnostics and never switch protection off.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { ROOT, startServer } from '../e2e/harness.mjs';

const FIREFOX = process.env.FIREFOX_BIN ?? '/usr/bin/firefox-esr';
const POLICY_DIR = '/etc/firefox/policies';
const POLICY_FILE = join(POLICY_DIR, 'policies.json');
const GECKO_ID = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')).browser_specific_settings.gecko.id;
const IT_SITE = 'ai.kommun.example';
const POLICY = {
  organizationName: 'Testkommun',
  actionName: 'off',
  actionContact: 'block',
  allowOverride: 1,
  requireOverrideReason: 'false',
  typingDelayMs: '400',
  customTerms: 'classified:Projekt Falken\nidentifier:Kodnamn Ugglan',
  sites: { 1: IT_SITE },
  incidentChannel: 'url',
  incidentUrlTemplate: 'https://intranet.kommun.example/e-tjanst/incident',
  // Bad values: an unknown key, a wrong enum value, a wrong type, a broken regex.
  bogusKey: 1,
  actionPersonnummer: 'sometimes',
  showStatusWhileTyping: 'maybe',
  customPatterns: ['identifier:(unclosed'],
};
const PNR = '19121212-1212';

let server;
let browser;
let options;
let extDir;
let backup = null;
const msg = (m) => options.evaluate((x) => chrome.runtime.sendMessage(x), m);

before(async () => {
  mkdirSync(POLICY_DIR, { recursive: true });
  if (existsSync(POLICY_FILE)) {
    backup = `${POLICY_FILE}.promptvakt-backup-${process.pid}`;
    renameSync(POLICY_FILE, backup);
  }
  writeFileSync(POLICY_FILE, JSON.stringify({ policies: { '3rdparty': { Extensions: { [GECKO_ID]: POLICY } } } }));
  // WebDriver BiDi cannot navigate to moz-extension:// pages, so a copy of the build opens its
  // own options page on start; the test then drives that page.
  extDir = mkdtempSync(join(tmpdir(), 'promptvakt-ff-'));
  cpSync(join(ROOT, 'dist', 'firefox'), extDir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(extDir, 'manifest.json'), 'utf8'));
  manifest.background.scripts.push('test-open-options.js');
  writeFileSync(join(extDir, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(join(extDir, 'test-open-options.js'), "browser.tabs.create({ url: browser.runtime.getURL('options/options.html') });\n");

  server = await startServer();
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    acceptInsecureCerts: true,
    // Every host name resolves to the mock server; nothing leaves the machine.
    extraPrefsFirefox: { 'network.dns.forceResolve': '127.0.0.1', 'network.proxy.type': 0 },
  });
  await browser.installExtension(extDir);
  const end = Date.now() + 15000;
  while (!options && Date.now() < end) {
    for (const p of await browser.pages()) {
      const href = await p.evaluate(() => location.href).catch(() => '');
      if (href.startsWith('moz-extension://') && href.endsWith('/options/options.html')) options = p;
    }
    if (!options) await new Promise((r) => setTimeout(r, 200));
  }
  assert.ok(options, 'options page opened');
  await options.waitForSelector('body[data-loaded]', { timeout: 15000 });
});

after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(POLICY_FILE, { force: true });
  if (backup) renameSync(backup, POLICY_FILE);
  if (extDir) rmSync(extDir, { recursive: true, force: true });
});

describe('managed policy in Firefox (policies.json 3rdparty)', () => {
  test('registry-style values arrive normalised', async () => {
    const { policy, managedKeys } = await msg({ type: 'getPolicy' });
    assert.equal(policy.actionName, 'off');
    assert.equal(policy.actionContact, 'block');
    assert.equal(policy.allowOverride, true);
    assert.equal(policy.requireOverrideReason, false);
    assert.equal(policy.typingDelayMs, 400);
    assert.deepEqual(policy.sites, [IT_SITE]);
    assert.deepEqual(policy.customTerms, ['classified:Projekt Falken', 'identifier:Kodnamn Ugglan']);
    assert.equal(policy.incidentUrlTemplate, POLICY.incidentUrlTemplate);
    for (const k of ['actionName', 'allowOverride', 'sites', 'customTerms']) assert.ok(managedKeys.includes(k), k);
    assert.ok(!managedKeys.includes('bogusKey'));
  });

  test('bad values are reported in diagnostics and protection stays on', async () => {
    const d = await msg({ type: 'policyDiagnostics' });
    const keys = d.issues.map((i) => i.key);
    for (const k of ['bogusKey', 'actionPersonnummer', 'showStatusWhileTyping', 'customPatterns']) assert.ok(keys.includes(k), `${k} in ${keys}`);
    assert.equal(d.policy.actionPersonnummer, 'block', 'a bad action falls back to the default');
    assert.equal(d.policy.showStatusWhileTyping, true);
    const shown = await options.evaluate(() => document.getElementById('diag-issues').textContent);
    assert.match(shown, /bogusKey: unknown setting/);
    assert.match(shown, /customPatterns: pattern 1 does not compile/);
    const { findings } = await msg({ type: 'scan', text: `Personnummer ${PNR}, mejla anna@example.se om Projekt Falken. Hälsningar Anna Svensson` });
    const cats = findings.map((f) => `${f.category}:${f.action}`);
    assert.ok(cats.includes('personnummer:block'), cats.join());
    assert.ok(cats.includes('contact:block'), cats.join());
    assert.ok(cats.includes('classified:block'), cats.join());
    assert.ok(!cats.some((c) => c.startsWith('name:')), 'name is off');
    assert.ok(!JSON.stringify(d).includes('anna@example.se'), 'no scanned text in diagnostics');
  });

  test('options page marks managed values and locks them', async () => {
    const state = await options.evaluate(() => ({
      nameDisabled: document.getElementById('f-actionName').disabled,
      nameBadge: document.getElementById('m-actionName')?.textContent ?? '',
      healthDisabled: document.getElementById('f-actionHealth').disabled,
      healthBadge: Boolean(document.getElementById('m-actionHealth')),
    }));
    assert.equal(state.nameDisabled, true);
    assert.match(state.nameBadge, /Hanteras av din organisation|Managed by your organisation/);
    assert.equal(state.healthDisabled, false);
    assert.equal(state.healthBadge, false);
  });

  test('the IT-added site gets the content script and the trust level', async () => {
    const d = await msg({ type: 'policyDiagnostics' });
    assert.deepEqual(d.registeredSites, [IT_SITE]);
    assert.equal(d.registrationError, null);
    assert.equal((await msg({ type: 'siteInfo', host: IT_SITE })).trust, 'public');
    const page = await browser.newPage();
    await page.goto(`https://${IT_SITE}:${server.port}/`, { waitUntil: 'load' });
    await page.type('#fraga', 'Hälsningar Anna Svensson');
    // Clean for this policy (name is off): it goes through, once.
    const posted = async (n) => {
      const end = Date.now() + 5000;
      while (Date.now() < end && server.posts(IT_SITE).length < n) await new Promise((r) => setTimeout(r, 100));
      return server.posts(IT_SITE).map((r) => JSON.parse(r.body).text);
    };
    await page.click('#skicka');
    assert.deepEqual(await posted(1), ['Hälsningar Anna Svensson']);
    await page.evaluate(() => { document.getElementById('fraga').value = ''; });
    await page.type('#fraga', 'Mejla anna@example.se om Projekt Falken');
    await page.click('#skicka');
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(server.posts(IT_SITE).length, 1, 'the risky text was stopped on the IT-added site');
    // Not a broken page: after closing the dialog, clean text still goes through.
    await page.keyboard.press('Escape');
    await page.evaluate(() => { document.getElementById('fraga').value = ''; });
    await page.type('#fraga', 'Vilka öppettider har biblioteket?');
    await page.click('#skicka');
    assert.deepEqual((await posted(2)).slice(1), ['Vilka öppettider har biblioteket?']);
    await page.close();
  });
});
