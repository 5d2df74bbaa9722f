// The deploy kit end to end in real Chromium: the generated Linux policy file force-installs the
// generated CRX (signed with a throwaway organisation key) from the generated update manifest on a
// mock intranet, and the installed extension gets the organisation's settings under the kit's id.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, MANAGED_POLICY_DIR, ROOT, startServer } from './harness.mjs';
import { buildKit } from '../../scripts/deploy-kit.mjs';

const INTRANET = 'intranet.kommun.example';
let dir;
let kit;
let server;
let ctx;
let policyFile;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'promptvakt-install-'));
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(join(dir, 'key.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const org = JSON.parse(readFileSync(join(ROOT, 'deploy', 'example-organisation.json'), 'utf8'));
  org.distribution.baseUrl = `https://${INTRANET}/promptvakt/`;
  writeFileSync(join(dir, 'org.json'), JSON.stringify(org));
  kit = await buildKit({ org: join(dir, 'org.json'), out: join(dir, 'kit'), key: join(dir, 'key.pem'), dist: join(ROOT, 'dist') });
  // The intranet serves exactly what the kit says to upload.
  const site = join(dir, 'sites', INTRANET, 'promptvakt');
  mkdirSync(site, { recursive: true });
  cpSync(join(dir, 'kit', 'updates', 'updates.xml'), join(site, 'updates.xml'));
  cpSync(join(dir, 'kit', 'packages', `promptvakt-${kit.version}.crx`), join(site, `promptvakt-${kit.version}.crx`));
  server = await startServer({ root: join(dir, 'sites') });
  policyFile = join(MANAGED_POLICY_DIR, `promptvakt-kit-${process.pid}.json`);
  mkdirSync(MANAGED_POLICY_DIR, { recursive: true });
  cpSync(join(dir, 'kit', 'linux', 'chromium', 'promptvakt.json'), policyFile);
  ctx = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    // Playwright's defaults switch extensions and their update checks off.
    ignoreDefaultArgs: ['--disable-extensions', '--disable-background-networking', '--disable-component-extensions-with-background-pages', '--disable-default-apps'],
    args: [
      `--host-resolver-rules=MAP ${INTRANET} 127.0.0.1:${server.port}, MAP * ~NOTFOUND, EXCLUDE localhost`,
      '--ignore-certificate-errors', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-component-update', '--disable-sync',
    ],
  });
});

after(async () => {
  await ctx?.close().catch(() => {});
  await server?.close();
  if (policyFile) rmSync(policyFile, { force: true });
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** All text of a WebUI page, open shadow roots included; `ready(text)` says when it has rendered. */
async function pageText(url, ready = (t) => t.length > 0, timeout = 15000) {
  const page = await ctx.newPage();
  await page.goto(url);
  let text = '';
  const end = Date.now() + timeout;
  do {
    await page.waitForTimeout(200);
    text = (await page.evaluate(() => {
      const walk = (n) => {
        let out = '';
        for (const c of n.childNodes) {
          if (c.nodeType === 3) out += `${c.textContent} `;
          else if (c.nodeType === 1) out += (c.shadowRoot ? walk(c.shadowRoot) : '') + walk(c);
        }
        return out;
      };
      return walk(document.body);
    })).replace(/\s+/g, ' ');
  } while (!ready(text) && Date.now() < end);
  await page.close();
  return text;
}

// Playwright does not attach to a policy-installed extension's worker, and Chromium closes tabs
// opened on its pages, so the checks read Chromium's own internals and policy pages.
test('the kit\'s policy file, update manifest and CRX install the extension, enabled, with all hosts and no prompt', async () => {
  let ext = null;
  const end = Date.now() + 60000;
  while (!ext?.event_listeners?.count && Date.now() < end) {
    const text = await pageText('chrome://extensions-internals', (t) => t.includes('['));
    ext = JSON.parse(text.slice(text.indexOf('['))).find((e) => e.id === kit.id) ?? null;
    if (!ext?.event_listeners?.count) await new Promise((r) => setTimeout(r, 500));
  }
  assert.ok(ext, `extension ${kit.id} installed (requests: ${server.requests.map((r) => r.path.split('?')[0]).join(', ')})`);
  assert.equal(ext.location, 'EXTERNAL_POLICY_DOWNLOAD');
  assert.equal(ext.version, kit.version);
  assert.equal(ext.registry_status, 'ENABLED');
  assert.deepEqual(ext.disable_reasons, []);
  assert.ok(ext.permissions.active.explicit_hosts.includes('https://*/*'), 'all-sites host permission granted');
  assert.deepEqual(ext.permissions.withheld.explicit_hosts, [], 'nothing withheld: no prompt needed for IT-added sites');
  assert.ok(ext.event_listeners.listeners.some((l) => l.event_name === 'storage.onChanged'), 'background ran and watches the policy');
  assert.ok(server.requests.some((r) => r.path.startsWith('/promptvakt/updates.xml?')), 'update manifest fetched');
  assert.ok(server.requests.some((r) => r.path === `/promptvakt/promptvakt-${kit.version}.crx`), 'CRX downloaded');
});

test('chrome://policy shows every organisation setting for the extension as valid under the schema', async () => {
  const org = JSON.parse(readFileSync(join(dir, 'org.json'), 'utf8'));
  const rows = Object.entries(org.policy).map(([key, value]) =>
    `${key} ${typeof value === 'string' ? value : JSON.stringify(value)} Platform Machine Mandatory OK`);
  // The page renders its rows progressively: read it until every row is there or time is up.
  const missingIn = (text) => rows.filter((r) => !text.slice(text.indexOf(`Promptvakt ${kit.id}`)).includes(r));
  const missing = missingIn(await pageText('chrome://policy', (t) => t.includes(kit.id) && missingIn(t).length === 0));
  assert.deepEqual(missing, [], 'every setting shown with status OK');
});
