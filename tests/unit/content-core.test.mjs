// Pure logic of the content script: verdict caching, chunking and merging, highlight offsets with
// astral characters, placeholder restoration, write-back planning and adapter matching.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const load = (...files) => {
  const ctx = vm.createContext({});
  for (const f of files) {
    vm.runInContext(readFileSync(fileURLToPath(new URL(`../../extension/content/${f}`, import.meta.url)), 'utf8'), ctx);
  }
  return ctx.promptvakt;
};
const PV = load('core.js', 'adapters.js');
// Values from the vm realm: compare as plain JSON.
const plain = (v) => JSON.parse(JSON.stringify(v));

test('a verdict counts only for the exact text, and the cache is bounded', () => {
  const c = new PV.VerdictCache(2);
  c.set('a', { verdict: 'allow' });
  assert.equal(c.get('a '), null);
  assert.equal(c.get('a').verdict, 'allow');
  c.set('b', { verdict: 'block' });
  c.get('a');
  c.set('c', { verdict: 'warn' });
  assert.equal(c.get('a'), null, 'oldest entry evicted');
  assert.equal(c.get('c').verdict, 'warn');
});

test('the verdict cache also bounds the characters it holds', () => {
  const c = new PV.VerdictCache(8, 100);
  c.set('a'.repeat(60), { verdict: 'allow' });
  c.set('b'.repeat(60), { verdict: 'block' });
  assert.equal(c.get('a'.repeat(60)), null);
  assert.equal(c.get('b'.repeat(60)).verdict, 'block');
  c.set('c'.repeat(500), { verdict: 'warn' });
  assert.equal(c.get('c'.repeat(500)).verdict, 'warn', 'the newest entry is always kept');
});

test('verdict is the strongest action', () => {
  assert.equal(PV.verdictOf([]), 'allow');
  assert.equal(PV.verdictOf([{ action: 'warn' }]), 'warn');
  assert.equal(PV.verdictOf([{ action: 'warn' }, { action: 'block' }]), 'block');
  assert.equal(PV.verdictOf([{ action: 'off' }]), 'allow');
});

test('chunks cover the whole text with overlap and never split a surrogate pair', () => {
  const text = '😀'.repeat(3000) + 'x'.repeat(1001);
  const parts = PV.chunks(text, 1000, 100);
  assert.equal(parts[0].start, 0);
  let covered = 0;
  for (const p of parts) {
    assert.ok(p.start <= covered, 'no gap');
    assert.equal(text.slice(p.start, p.start + p.text.length), p.text);
    assert.ok(!/^[\udc00-\udfff]/.test(p.text), 'does not start inside a pair');
    assert.ok(!/[\ud800-\udbff]$/.test(p.text), 'does not end inside a pair');
    covered = p.start + p.text.length;
  }
  assert.equal(covered, text.length);
  assert.deepEqual(plain(PV.chunks('short')), [{ start: 0, text: 'short' }]);
});

test('findings from overlapping chunks merge into whole-text offsets without duplicates', () => {
  const merged = PV.mergeChunkFindings([
    { start: 0, findings: [{ category: 'contact', start: 10, end: 20 }, { category: 'personnummer', start: 95, end: 108 }] },
    { start: 90, findings: [{ category: 'personnummer', start: 5, end: 18 }, { category: 'name', start: 30, end: 35 }] },
  ]);
  assert.deepEqual(plain(merged).map((f) => [f.category, f.start, f.end]), [['contact', 10, 20], ['personnummer', 95, 108], ['name', 120, 125]]);
});

test('snippets use UTF-16 offsets and keep emoji whole', () => {
  const text = 'Hej 👋🏽 du, ring 070-123 45 67 i dag 🙂 tack';
  const start = text.indexOf('070');
  const s = PV.snippet(text, start, start + 13, 8);
  assert.equal(s.match, '070-123 45 67');
  assert.ok(!/[\ud800-\udbff]$/.test(s.before) && !/^[\udc00-\udfff]/.test(s.before.replace('…', '')));
  const e = text.indexOf('🙂');
  const s2 = PV.snippet(text, e, e + 2, 3);
  assert.equal(s2.match, '🙂');
  assert.ok(!/[\ud800-\udbff]…?$/.test(s2.after) && s2.after.startsWith(' tack'.slice(0, 3)));
  // Out-of-range offsets are clamped, never thrown.
  assert.equal(PV.snippet('abc', 5, 9).match, '');
});

test('findings group by category, blocking categories first', () => {
  const g = PV.groupFindings([
    { category: 'contact', action: 'warn' }, { category: 'personnummer', action: 'block' }, { category: 'contact', action: 'warn' },
  ]);
  assert.deepEqual(plain(g).map((x) => [x.category, x.action, x.findings.length]), [['personnummer', 'block', 1], ['contact', 'warn', 2]]);
  assert.deepEqual(plain(PV.countByCategory([{ category: 'name' }, { category: 'name' }])), { name: 2 });
});

test('write-back plan: native setter for textareas, paste before insertText for rich editors, never a DOM rewrite', () => {
  assert.deepEqual([...PV.planWriteBack('textarea')], ['nativeValue']);
  assert.deepEqual([...PV.planWriteBack('rich')], ['paste', 'beforeinput', 'insertText']);
  assert.ok(PV.sameText('a\u00a0b\n\n', 'a b'));
  assert.ok(!PV.sameText('a b', 'a c'));
});

test('placeholders in replies split into parts with the real values; mappings merge by placeholder', () => {
  const mapping = [{ placeholder: '[NAMN 1]', value: 'Kim' }, { placeholder: '[NAMN 10]', value: 'Alex' }];
  const parts = PV.restoreParts('Hej [NAMN 10] och [NAMN 1]!', mapping);
  assert.deepEqual(JSON.parse(JSON.stringify(parts)), [
    { text: 'Hej ' }, { placeholder: '[NAMN 10]', value: 'Alex' }, { text: ' och ' }, { placeholder: '[NAMN 1]', value: 'Kim' }, { text: '!' },
  ]);
  assert.deepEqual(JSON.parse(JSON.stringify(PV.restoreParts('x', []))), [{ text: 'x' }]);
  const merged = PV.mergeMapping(mapping, [{ placeholder: '[NAMN 1]', value: 'Kim' }, { placeholder: '[KONTAKT 1]', value: 'a@b.se' }]);
  assert.equal(merged.length, 3);
});

test('text-like files are recognised by name or type', () => {
  for (const n of ['a.txt', 'b.CSV', 'c.md', 'd.json', 'e.log']) assert.ok(PV.isTextFile(n, ''), n);
  assert.ok(PV.isTextFile('noext', 'text/plain'));
  assert.ok(!PV.isTextFile('bild.png', 'image/png'));
});

test('adapters: one entry per supported site, matched by host, generic otherwise', () => {
  const expected = {
    'chatgpt.com': 'chatgpt', 'claude.ai': 'claude', 'gemini.google.com': 'gemini', 'copilot.microsoft.com': 'copilot',
    'chat.mistral.ai': 'mistral', 'www.perplexity.ai': 'perplexity', 'chat.deepseek.com': 'deepseek', 'grok.com': 'grok',
    'www.meta.ai': 'meta', 'poe.com': 'poe', 'ai.intranet.example': 'generic', 'CHATGPT.COM.': 'chatgpt',
  };
  for (const [host, id] of Object.entries(expected)) assert.equal(PV.adapterForHost(host).id, id, host);
  for (const a of PV.ADAPTERS) {
    assert.ok(a.composer.length && (a.send.length || a.sendNear), `${a.id} has selectors`);
    assert.ok(Array.isArray(a.replies));
  }
  const manifest = JSON.parse(readFileSync(fileURLToPath(new URL('../../manifest.json', import.meta.url)), 'utf8'));
  const hosts = manifest.content_scripts[0].matches.map((m) => new URL(m.replace('/*', '/')).hostname);
  for (const h of hosts) assert.notEqual(PV.adapterForHost(h).id, 'generic', `${h} has an adapter`);
});
