// The deploy kit: every generated file parses in its format and says the same thing as the
// organisation's policy; the CRX verifies and names the id the policies use. Needs `make build`.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { buildKit, extensionIdFromDer, normalizeWithCore, PROJECT_ID, ROOT, SCHEMA } from '../../scripts/deploy-kit.mjs';
import { all, elements, parseXml, plistToJs, text } from './lib/xml.mjs';
import { chromePolicyFromReg, parseReg } from './lib/reg.mjs';

let dir;
let kit;
let pubDer;
const read = (rel) => readFileSync(join(dir, 'kit', rel));
const json = (rel) => JSON.parse(read(rel).toString('utf8'));

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'promptvakt-kit-'));
  // A throwaway key: the real one is the organisation's and never enters the repository.
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(join(dir, 'key.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
  pubDer = publicKey.export({ type: 'spki', format: 'der' });
  kit = await buildKit({
    org: join(ROOT, 'deploy', 'example-organisation.json'),
    out: join(dir, 'kit'),
    key: join(dir, 'key.pem'),
    dist: join(ROOT, 'dist'),
  });
});
after(() => rmSync(dir, { recursive: true, force: true }));

const org = JSON.parse(readFileSync(join(ROOT, 'deploy', 'example-organisation.json'), 'utf8'));

test('the policy went through the core unchanged in meaning, with no issues', () => {
  assert.deepEqual(kit.issues, []);
  assert.equal(kit.id, extensionIdFromDer(pubDer));
  assert.notEqual(kit.id, PROJECT_ID);
  assert.deepEqual(json('policy.json'), org.policy);
});

test('Windows .reg: regedit syntax, force install for Chrome and Edge, settings typed by schema', () => {
  const keys = parseReg(read('windows/promptvakt-chrome-edge.reg'));
  for (const base of ['SOFTWARE\\Policies\\Google\\Chrome', 'SOFTWARE\\Policies\\Microsoft\\Edge']) {
    const force = keys.get(`HKEY_LOCAL_MACHINE\\${base}\\ExtensionInstallForcelist`);
    assert.equal(force.get('1').sz, `${kit.id};${kit.updateUrl}`);
    const policyKey = `HKEY_LOCAL_MACHINE\\${base}\\3rdparty\\extensions\\${kit.id}\\policy`;
    assert.deepEqual(chromePolicyFromReg(keys, policyKey, SCHEMA), org.policy);
  }
});

test('Firefox .reg: untyped registry values, as Firefox passes them, normalise back to the policy', async () => {
  const keys = parseReg(read('windows/promptvakt-firefox.reg'));
  const base = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Mozilla\\Firefox';
  const settings = JSON.parse(keys.get(base).get('ExtensionSettings').sz);
  assert.equal(settings[kit.geckoId].install_url, kit.xpiUrl);
  const pkey = `${base}\\3rdparty\\Extensions\\${kit.geckoId}`;
  const raw = {};
  for (const [name, v] of keys.get(pkey)) raw[name] = v.dword ?? v.sz;
  for (const [k, sub] of keys) {
    if (k.startsWith(`${pkey}\\`)) raw[k.slice(pkey.length + 1)] = Object.fromEntries([...sub].map(([n, v]) => [n, v.sz]));
  }
  assert.equal(raw.allowOverride, 1, 'booleans are DWORDs');
  assert.deepEqual(raw.sites, { 1: 'ai.kommun.example' }, 'lists are numbered subkeys');
  const { policy, issues } = await normalizeWithCore(raw, join(ROOT, 'dist'));
  assert.deepEqual(issues, []);
  assert.deepEqual(policy, org.policy);
});

test('ADMX/ADML: well-formed, every schema key for both browsers, every reference resolves', () => {
  const admx = parseXml(read('windows/admx/promptvakt.admx').toString('utf8'));
  const policies = all(admx).filter((e) => e.name === 'policy');
  assert.equal(policies.length, 2 * Object.keys(SCHEMA.properties).length);
  const refs = (s) => [...s.matchAll(/\$\((string|presentation)\.([^)]+)\)/g)].map((m) => [m[1], m[2]]);
  const used = all(admx).flatMap((e) => Object.values(e.attrs).flatMap(refs));
  for (const locale of ['sv-SE', 'en-US']) {
    const adml = parseXml(read(`windows/admx/${locale}/promptvakt.adml`).toString('utf8'));
    const ids = new Set(all(adml).filter((e) => e.name === 'string').map((e) => e.attrs.id));
    const pres = new Map(all(adml).filter((e) => e.name === 'presentation').map((e) => [e.attrs.id, e]));
    for (const [kind, id] of used) assert.ok(kind === 'string' ? ids.has(id) : pres.has(id), `${locale}: ${kind}.${id}`);
    // Every element a policy declares has a control with its refId in the presentation.
    for (const p of policies) {
      const els = elements(p).find((e) => e.name === 'elements');
      if (!els) continue;
      const presentation = pres.get(/\$\(presentation\.(.+)\)/.exec(p.attrs.presentation)[1]);
      for (const el of elements(els)) {
        assert.ok(all(presentation).some((c) => c.attrs.refId === el.attrs.id), `${p.attrs.name}: ${el.attrs.id}`);
      }
    }
  }
  const sv = read('windows/admx/sv-SE/promptvakt.adml').toString('utf8');
  assert.match(sv, /Åtgärd på publika AI-tjänster/);
  // The choices read as on the options page, with the value the policy file takes.
  assert.match(sv, /<string id="enum_warn">Fråga först \(warn\)<\/string>/);
  assert.match(read('windows/admx/en-US/promptvakt.adml').toString('utf8'), /<string id="enum_allow">Let through \(allow\)<\/string>/);
  const chromeSites = policies.find((p) => p.attrs.name === 'chrome_sites');
  assert.equal(chromeSites.attrs.key, `SOFTWARE\\Policies\\Google\\Chrome\\3rdparty\\extensions\\${kit.id}\\policy`);
  const list = all(chromeSites).find((e) => e.name === 'list');
  assert.equal(list.attrs.key, `${chromeSites.attrs.key}\\sites`);
  const bool = policies.find((p) => p.attrs.name === 'edge_allowOverride');
  assert.equal(bool.attrs.valueName, 'allowOverride');
  assert.ok(bool.attrs.key.startsWith('SOFTWARE\\Policies\\Microsoft\\Edge\\3rdparty'));
});

test('macOS .mobileconfig: a plist with install and settings payloads for Chrome, Edge and Firefox', () => {
  const profile = plistToJs(parseXml(read('macos/promptvakt.mobileconfig').toString('utf8')));
  assert.equal(profile.PayloadType, 'Configuration');
  const byType = Object.fromEntries(profile.PayloadContent.map((p) => [p.PayloadType, p]));
  const uuids = profile.PayloadContent.map((p) => p.PayloadUUID);
  assert.equal(new Set(uuids).size, uuids.length);
  for (const u of [...uuids, profile.PayloadUUID]) assert.match(u, /^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-A[0-9A-F]{3}-[0-9A-F]{12}$/);
  for (const b of ['com.google.Chrome', 'com.microsoft.Edge']) {
    assert.deepEqual(byType[b].ExtensionSettings[kit.id], { installation_mode: 'force_installed', update_url: kit.updateUrl });
    const settings = { ...byType[`${b}.extensions.${kit.id}`] };
    for (const k of Object.keys(settings)) if (k.startsWith('Payload')) delete settings[k];
    assert.deepEqual(settings, org.policy);
  }
  const ff = byType['org.mozilla.firefox'];
  assert.deepEqual(ff['3rdparty'].Extensions[kit.geckoId], org.policy);
  assert.equal(ff.ExtensionSettings[kit.geckoId].install_url, kit.xpiUrl);
});

test('Linux and Firefox JSON: force install and the same settings', () => {
  for (const b of ['chrome', 'chromium', 'edge']) {
    const p = json(`linux/${b}/promptvakt.json`);
    assert.equal(p.ExtensionSettings[kit.id].update_url, kit.updateUrl);
    assert.deepEqual(p['3rdparty'].extensions[kit.id], org.policy);
  }
  const ff = json('firefox/policies.json').policies;
  assert.equal(ff.ExtensionSettings[kit.geckoId].installation_mode, 'force_installed');
  assert.deepEqual(ff['3rdparty'].Extensions[kit.geckoId], org.policy);
});

test('update manifests point at the packages', () => {
  const gupdate = parseXml(read('updates/updates.xml').toString('utf8'));
  assert.equal(gupdate.attrs.xmlns, 'http://www.google.com/update2/response');
  const app = elements(gupdate)[0];
  assert.equal(app.attrs.appid, kit.id);
  const check = elements(app)[0];
  assert.equal(check.attrs.version, kit.version);
  assert.equal(check.attrs.codebase, kit.crxUrl);
  const ff = json('updates/firefox-updates.json').addons[kit.geckoId].updates[0];
  assert.equal(ff.update_link, kit.xpiUrl);
  const xpi = read(`packages/promptvakt-${kit.version}.xpi`);
  assert.equal(ff.update_hash, `sha256:${createHash('sha256').update(xpi).digest('hex')}`);
  assert.equal(text(check), '');
});

/** Entries of a zip, read from its central directory. */
function unzip(buf) {
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const out = new Map();
  for (let i = 0; i < count; i += 1) {
    assert.equal(buf.readUInt32LE(at), 0x02014b50);
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLen).toString('utf8');
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(dataAt, dataAt + size);
    out.set(name, method === 8 ? inflateRawSync(raw) : raw);
    at += 46 + nameLen;
  }
  return out;
}

test('CRX3: header parses, signature verifies with the organisation key, id matches', () => {
  const crx = read(`packages/promptvakt-${kit.version}.crx`);
  assert.equal(crx.subarray(0, 4).toString('binary'), 'Cr24');
  assert.equal(crx.readUInt32LE(4), 3);
  const headerLen = crx.readUInt32LE(8);
  const header = crx.subarray(12, 12 + headerLen);
  const archive = crx.subarray(12 + headerLen);
  // Minimal protobuf reader: length-delimited fields only (all CRX3 uses).
  const fields = (b) => {
    const out = [];
    let i = 0;
    const vint = () => {
      let n = 0;
      let mul = 1;
      for (;;) {
        const x = b[i++];
        n += (x & 127) * mul;
        if (x < 128) return n;
        mul *= 128;
      }
    };
    while (i < b.length) {
      const tag = vint();
      assert.equal(tag & 7, 2);
      const len = vint();
      out.push([Math.floor(tag / 8), b.subarray(i, i + len)]);
      i += len;
    }
    return out;
  };
  const top = fields(header);
  const proof = fields(top.find(([n]) => n === 2)[1]);
  const signedData = top.find(([n]) => n === 10000)[1];
  const publicKey = proof.find(([n]) => n === 1)[1];
  const signature = proof.find(([n]) => n === 2)[1];
  assert.deepEqual(Buffer.from(publicKey), Buffer.from(pubDer));
  const crxId = fields(signedData).find(([n]) => n === 1)[1];
  assert.deepEqual(Buffer.from(crxId), createHash('sha256').update(pubDer).digest().subarray(0, 16));
  const len = Buffer.alloc(4);
  len.writeUInt32LE(signedData.length);
  const signed = Buffer.concat([Buffer.from('CRX3 SignedData\x00', 'binary'), len, signedData, archive]);
  assert.ok(verify('sha256', signed, createPublicKey({ key: Buffer.from(publicKey), format: 'der', type: 'spki' }), signature));
  const tampered = Buffer.from(signed);
  tampered[tampered.length - 1] ^= 1;
  assert.ok(!verify('sha256', tampered, createPublicKey({ key: Buffer.from(publicKey), format: 'der', type: 'spki' }), signature));
  const files = unzip(archive);
  const manifest = JSON.parse(files.get('manifest.json'));
  assert.equal(manifest.update_url, kit.updateUrl);
  assert.equal(manifest.key, undefined);
  assert.ok(files.has('pkg/promptvakt_bg.wasm') && files.has('schema.json'));
});

test('store zip and xpi: manifests fit their channel', () => {
  const zipFiles = unzip(read(`packages/promptvakt-${kit.version}-chromium.zip`));
  const m = JSON.parse(zipFiles.get('manifest.json'));
  assert.equal(m.key, undefined);
  assert.equal(m.update_url, undefined);
  assert.ok(m.storage.managed_schema);
  const xpiFiles = unzip(read(`packages/promptvakt-${kit.version}.xpi`));
  const fm = JSON.parse(xpiFiles.get('manifest.json'));
  assert.equal(fm.browser_specific_settings.gecko.id, kit.geckoId);
  assert.equal(fm.browser_specific_settings.gecko.update_url, `${org.distribution.baseUrl}firefox-updates.json`);
  assert.deepEqual([...xpiFiles.keys()].sort(), [...zipFiles.keys()].sort());
});

test('a bad organisation policy stops the kit with the problems listed', async () => {
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ organization: { name: 'X' }, policy: { actionName: 'sometimes', sitez: [] } }));
  await assert.rejects(
    buildKit({ org: bad, out: join(dir, 'bad-kit'), dist: join(ROOT, 'dist') }),
    (e) => /actionName/.test(e.message) && /sitez/.test(e.message),
  );
  assert.ok(!existsSync(join(dir, 'bad-kit')));
});
