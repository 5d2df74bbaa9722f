// extension/background/policy.js from the build, with the real wasm core and a fake `chrome`:
// normalisation of what managed storage hands over, a stalled or absent managed store, masking of
// the webhook URL for content scripts, refusal of settings from pages, and the content-script
// registration for IT sites (Firefox gives absolute script URLs). Needs `make build`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const DIST = fileURLToPath(new URL('../../dist/chromium/', import.meta.url));
const BASE = pathToFileURL(DIST).href;
const realFetch = globalThis.fetch;
globalThis.fetch = async (url, ...rest) => {
  if (!String(url).startsWith('file:')) return realFetch(url, ...rest);
  const file = fileURLToPath(url);
  const type = file.endsWith('.wasm') ? 'application/wasm' : 'application/json';
  return new Response(readFileSync(file), { headers: { 'content-type': type } });
};

function area() {
  const data = {};
  return {
    data,
    get: async (k) => (k === null || k === undefined ? { ...data } : k in data ? { [k]: data[k] } : {}),
    set: async (o) => Object.assign(data, o),
    remove: async (k) => delete data[k],
  };
}

function fakeChrome({ managed, absoluteScripts = false }) {
  const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8'));
  if (absoluteScripts) manifest.content_scripts[0].js = manifest.content_scripts[0].js.map((p) => BASE + p);
  const registered = new Map();
  const listeners = [];
  return {
    listeners,
    registered,
    runtime: { id: 'fake-id', getManifest: () => manifest, getURL: (p) => BASE + p, sendMessage: async () => {} },
    storage: {
      managed: { get: managed },
      session: area(),
      local: area(),
      sync: area(),
      onChanged: { addListener: (f) => listeners.push(f) },
    },
    scripting: {
      getRegisteredContentScripts: async ({ ids } = {}) => [...registered.values()].filter((s) => !ids || ids.includes(s.id)),
      registerContentScripts: async (list) => list.forEach((s) => {
        if (registered.has(s.id)) throw new Error('duplicate id');
        if (s.js.some((p) => p.includes('://'))) throw new Error('must be a relative URL');
        registered.set(s.id, s);
      }),
      updateContentScripts: async (list) => list.forEach((s) => registered.set(s.id, { ...registered.get(s.id), ...s })),
      unregisterContentScripts: async ({ ids }) => ids.forEach((id) => registered.delete(id)),
    },
    tabs: { query: async () => [], sendMessage: async () => {} },
  };
}

let n = 0;
async function load(chromeFake) {
  globalThis.chrome = chromeFake;
  n += 1;
  return import(`${BASE}background/policy.js?case=${n}`);
}

const PAGE = { url: 'https://chatgpt.com/c/1', tab: { url: 'https://chatgpt.com/c/1' } };
const OPTIONS = { url: `${BASE}options/options.html` };
const tick = () => new Promise((r) => setTimeout(r, 20));

test('managed values are normalised, bad ones reported, and the webhook masked for pages', async () => {
  const fake = fakeChrome({
    managed: async () => ({
      actionName: 'off', allowOverride: 1, sites: { 1: 'AI.kommun.example' }, bogus: true,
      incidentChannel: 'webhook', incidentWebhookUrl: 'https://hooks.kommun.example/T0KEN',
    }),
  });
  const policy = await load(fake);
  const fromPage = await policy.handlers.getPolicy({}, PAGE);
  assert.equal(fromPage.policy.actionName, 'off');
  assert.equal(fromPage.policy.allowOverride, true);
  assert.deepEqual(fromPage.policy.sites, ['ai.kommun.example']);
  assert.equal(fromPage.policy.incidentWebhookUrl, '********');
  assert.ok(!JSON.stringify(fromPage).includes('T0KEN'), 'coreJson and all else masked too');
  assert.deepEqual(fromPage.issues.map((i) => [i.source, i.key]), [['managed', 'bogus']]);
  const fromOptions = await policy.handlers.getPolicy({}, OPTIONS);
  assert.equal(fromOptions.policy.incidentWebhookUrl, 'https://hooks.kommun.example/T0KEN');
  const diag = await policy.handlers.policyDiagnostics({}, OPTIONS);
  assert.equal(diag.policy.incidentWebhookUrl, '********');
});

test('settings cannot be changed from a web page; managed keys are refused from the options page', async () => {
  const fake = fakeChrome({ managed: async () => ({ actionName: 'off' }) });
  const policy = await load(fake);
  await assert.rejects(policy.handlers.setUserPolicy({ values: { actionHealth: 'off' } }, PAGE));
  const r = await policy.handlers.setUserPolicy({ values: { actionName: 'block', actionHealth: 'warn' } }, OPTIONS);
  assert.deepEqual(r.refused, ['actionName']);
  assert.deepEqual(fake.storage.sync.data.userPolicy, { actionHealth: 'warn' });
});

test('a stalled managed store falls back to the last known policy and retries', async () => {
  let stall = false;
  const fake = fakeChrome({ managed: () => (stall ? new Promise(() => {}) : Promise.resolve({ blockedSites: ['chat.deepseek.com'] })) });
  const policy = await load(fake);
  policy.startPolicy();
  assert.equal((await policy.handlers.siteInfo({ host: 'chat.deepseek.com' }, PAGE)).trust, 'blocked');
  await tick();
  stall = true;
  fake.listeners.forEach((f) => f({}, 'managed'));
  const t0 = Date.now();
  const eff = await policy.getEffectivePolicy();
  assert.ok(Date.now() - t0 < 5000);
  assert.deepEqual(eff.policy.blockedSites, ['chat.deepseek.com'], 'last known policy, not the defaults');
  assert.ok(eff.issues.some((i) => /did not answer/.test(i.message)));
  stall = false;
  const again = await policy.getEffectivePolicy();
  assert.equal(again.stale, false, 'the next call reads managed storage again');
});

test('Firefox without a policy for the extension: nothing managed, protection on', async () => {
  const fake = fakeChrome({ managed: async () => { throw new Error('Managed storage manifest not found'); } });
  const policy = await load(fake);
  const eff = await policy.getEffectivePolicy();
  assert.deepEqual(eff.managedKeys, []);
  assert.equal(eff.policy.actionPersonnummer, 'block');
  assert.equal((await policy.handlers.siteInfo({}, PAGE)).trust, 'public');
});

test('IT sites get one registration with relative script paths, updated in place', async () => {
  let managed = { sites: ['ai.kommun.example'], blockedSites: ['chatgpt.com'] };
  const fake = fakeChrome({ managed: async () => managed, absoluteScripts: true });
  const policy = await load(fake);
  policy.startPolicy();
  for (let i = 0; i < 50 && !fake.registered.size; i += 1) await tick();
  const [reg] = fake.registered.values();
  assert.deepEqual(reg.matches, ['https://ai.kommun.example/*'], 'built-in hosts are not registered again');
  assert.ok(reg.js.length && reg.js.every((p) => p.startsWith('content/')), reg.js.join());
  managed = { sites: ['ai.kommun.example', '*.ny.kommun.example'] };
  fake.listeners.forEach((f) => f({}, 'managed'));
  for (let i = 0; i < 50 && fake.registered.get(reg.id).matches.length < 2; i += 1) await tick();
  assert.deepEqual(fake.registered.get(reg.id).matches, ['https://ai.kommun.example/*', 'https://*.ny.kommun.example/*']);
  managed = {};
  fake.listeners.forEach((f) => f({}, 'managed'));
  for (let i = 0; i < 50 && fake.registered.size; i += 1) await tick();
  assert.equal(fake.registered.size, 0);
});

test('a restarted worker serves the last effective policy at once while managed storage stalls', async () => {
  const first = fakeChrome({ managed: async () => ({ blockedSites: ['chat.deepseek.com'], actionName: 'warn' }) });
  await (await load(first)).getEffectivePolicy();
  await tick();
  let answer = () => {};
  const restarted = fakeChrome({ managed: () => new Promise((r) => (answer = r)) });
  restarted.storage.session = first.storage.session;
  let told = 0;
  restarted.runtime.sendMessage = async (m) => { if (m?.type === 'policyChanged') told += 1; };
  const policy = await load(restarted);
  const t0 = Date.now();
  const eff = await policy.getEffectivePolicy();
  assert.ok(Date.now() - t0 < 1000, 'not held up by the stalled read');
  assert.deepEqual(eff.policy.blockedSites, ['chat.deepseek.com']);
  assert.equal(eff.policy.actionName, 'warn');
  answer({ blockedSites: ['chat.deepseek.com'], actionName: 'block' });
  for (let i = 0; i < 50 && !told; i += 1) await tick();
  assert.equal(told, 1, 'the fresh policy differs: pages are told');
  assert.equal((await policy.getEffectivePolicy()).policy.actionName, 'block');
});

test('a managed read that answers after the timeout is applied and pages are told', async () => {
  // Just after the browser starts there is no copy, and Chromium answers after a few seconds.
  let answer = () => {};
  let reads = 0;
  let fresh = false;
  const fake = fakeChrome({
    managed: () => {
      reads += 1;
      return fresh ? Promise.resolve({ language: 'sv' }) : new Promise((r) => (answer = r));
    },
  });
  let told = 0;
  fake.runtime.sendMessage = async (m) => { if (m?.type === 'policyChanged') told += 1; };
  const policy = await load(fake);
  const [a, b] = await Promise.all([policy.getEffectivePolicy(), policy.getEffectivePolicy()]);
  assert.equal(reads, 1, 'calls in the same wait share one read');
  assert.equal(a.stale, true);
  assert.equal(b.stale, true);
  assert.notEqual(a.policy.language, 'sv', 'the defaults stand in');
  assert.equal(told, 0);
  fresh = true;
  answer({ language: 'sv' });
  for (let i = 0; i < 50 && !told; i += 1) await tick();
  assert.equal(told, 1, 'the late answer is worked in once and pages are told');
  assert.equal((await policy.getEffectivePolicy()).policy.language, 'sv');
});

test('a strict scan (the report page) checks every category, even one the policy turns off', async () => {
  globalThis.chrome = fakeChrome({ managed: async () => ({ actionName: 'off' }) });
  const scan = await import(`${BASE}background/scan.js?case=strict`);
  const text = 'Jag pratade med Leila Haddad igår.';
  const names = (r) => r.findings.filter((f) => f.category === 'name').length;
  assert.equal(names(await scan.handlers.scan({ text }, OPTIONS)), 0);
  assert.equal(names(await scan.handlers.scan({ text, strict: true }, OPTIONS)), 1);
  assert.equal(
    scan.strictCoreJson('{"actionName":"off","actionHealth":"block","organizationName":"X"}'),
    '{"actionName":"warn","actionHealth":"block","organizationName":"X"}',
  );
});
