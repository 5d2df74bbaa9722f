import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  buildFacts, buildMailto, channelFromPolicy, buildReport, buildUrl, buildWebhookBody, encodeMailtoValue, factsFromQuery,
  factsToQuery, reportText, sanitizeCategories, sanitizeSite,
} from './incident.js';

function messages(lang) {
  const m = JSON.parse(readFileSync(new URL(`../_locales/${lang}/messages.json`, import.meta.url), 'utf8'));
  return (key, ...subs) => {
    assert.ok(m[key], `missing message ${key} (${lang})`);
    return m[key].message.replace(/\$(\d)/g, (_, i) => subs[i - 1] ?? '');
  };
}
const sv = messages('sv');
const en = messages('en');

// The prompt the user tried to send: none of its values may reach any channel.
const RISKY = 'Anna Lindqvist 19850312-2387 har fått diagnosen schizofreni och bor på Storgatan 5';
const RISKY_VALUES = ['Anna', 'Lindqvist', '19850312-2387', '850312', '2387', 'schizofreni', 'Storgatan'];

const TIME = Date.UTC(2026, 10, 22, 13, 5);
const facts = () => buildFacts({
  site: 'https://chatgpt.com/c/abc?q=1', categories: { personnummer: 1, name: 2, health: 1 }, overridden: true, time: TIME,
});
const answers = {
  type: 'sent_to_ai', subjects: ['clients', 'children', 'bogus'], personCount: '1', measures: ['chat_deleted', 'manager_told'],
  unit: 'Socialtjänsten, enhet barn och unga', description: 'Jag klistrade in en utredning i ChatGPT och skickade trots varningen.',
};

function assertClean(output) {
  const text = typeof output === 'string' ? output : JSON.stringify(output);
  // Also the decoded form, so percent-encoding cannot hide a value.
  let decoded = text;
  try { decoded = decodeURIComponent(text); } catch { /* keep raw */ }
  for (const v of RISKY_VALUES) {
    assert.ok(!text.includes(v) && !decoded.includes(v), `channel output carries a scanned value: ${v}`);
  }
}

test('site is reduced to a hostname; anything else is dropped', () => {
  assert.equal(sanitizeSite('https://user:pw@Chat.OpenAI.com/c/123?x=19850312-2387'), 'chat.openai.com');
  assert.equal(sanitizeSite('chatgpt.com'), 'chatgpt.com');
  assert.equal(sanitizeSite(RISKY), '');
  assert.equal(sanitizeSite('chatgpt.com/path'), '');
  assert.equal(sanitizeSite(42), '');
});

test('categories keep known ids with positive integer counts only', () => {
  assert.deepEqual(sanitizeCategories({ personnummer: 2, name: 1.5, health: -1, foo: 3, secret: '4', [RISKY]: 1 }), { personnummer: 2 });
  assert.deepEqual(sanitizeCategories('personnummer'), {});
});

test('facts: hints for health, sensitive and classified data', () => {
  const f = buildFacts({ categories: { health: 1, classified: 2, name: 1 } });
  assert.deepEqual(f.hints, ['health', 'classified']);
  assert.deepEqual(buildFacts({ categories: { name: 1 } }).hints, []);
});

test('facts round-trip through the report page query, and a smuggled value does not', () => {
  const q = factsToQuery(facts());
  assert.equal(new URLSearchParams(q).get('site'), 'chatgpt.com');
  assert.deepEqual(factsFromQuery(q), facts());
  const evil = factsFromQuery(`site=${encodeURIComponent(RISKY)}&c=personnummer:1,${encodeURIComponent(RISKY)}:1&t=${TIME}&text=${encodeURIComponent(RISKY)}`);
  assertClean(evil);
  assert.deepEqual(evil.categories, { personnummer: 1 });
});

test('default type: stopped without override is a near miss, overridden is sent', () => {
  assert.equal(buildReport({ categories: { name: 1 } }).type, 'near_miss');
  assert.equal(buildReport({ categories: { name: 1 }, overridden: true }).type, 'sent_to_ai');
  assert.equal(buildReport({}).type, 'sent_to_ai');
});

test('report answers are limited to known ids and capped free text', () => {
  const r = buildReport(facts(), { ...answers, personCount: '19850312', measures: ['x'], description: 'a'.repeat(5000) });
  assert.deepEqual(r.subjects, ['clients', 'children']);
  assert.equal(r.personCount, 'unknown');
  assert.deepEqual(r.measures, []);
  assert.equal(r.description.length, 1500);
});

test('url channel: placeholders filled and encoded, facts present, no scanned values', () => {
  const template = 'https://e-tjanst.kommun.example/avvikelse?typ={type}&tjanst={site}&tid={time}&kat={categories}'
    + '&ids={category_ids}&varning={overridden}&grupper={subjects}&antal={count}&atgard={measures}&enhet={unit}&text={description}&x={nope}';
  const url = buildUrl(template, buildReport(facts(), answers), sv);
  const u = new URL(url);
  assert.equal(u.origin + u.pathname, 'https://e-tjanst.kommun.example/avvikelse');
  const p = u.searchParams;
  assert.equal(p.get('typ'), 'Uppgifter skickade till extern AI-tjänst');
  assert.equal(p.get('tjanst'), 'chatgpt.com');
  assert.match(p.get('tid'), /^2026-11-22 \d\d:05$/);
  assert.equal(p.get('kat'), 'Personnummer: 1, Namn: 2, Hälsouppgifter: 1');
  assert.equal(p.get('ids'), 'personnummer:1,name:2,health:1');
  assert.equal(p.get('varning'), 'ja');
  assert.equal(p.get('grupper'), 'Brukare eller klienter, Barn');
  assert.equal(p.get('antal'), '1');
  assert.equal(p.get('atgard'), 'Konversationen är raderad i AI-tjänsten, Chefen är informerad');
  assert.equal(p.get('enhet'), answers.unit);
  assert.equal(p.get('text'), answers.description);
  assert.equal(p.get('x'), '');
  assertClean(url);
});

test('url channel: a value cannot break out of its parameter or change the host', () => {
  const r = buildReport(facts(), { ...answers, unit: 'a&typ=x#frag', description: 'b/../@evil.example' });
  const url = buildUrl('https://e.example/r?enhet={unit}&d={description}', r, sv);
  const p = new URL(url).searchParams;
  assert.equal(new URL(url).hostname, 'e.example');
  assert.equal(p.get('enhet'), 'a&typ=x#frag');
  assert.deepEqual([...p.keys()], ['enhet', 'd']);
  assert.throws(() => buildUrl('http://e.example/?t={type}', r, sv));
  assert.throws(() => buildUrl('javascript:alert(1)//{type}', r, sv));
  assert.throws(() => buildUrl('{site}/x', r, sv));
});

test('mailto channel: RFC 6068 encoding, facts present, no scanned values', () => {
  const mail = buildMailto('incident@kommun.example', buildReport(facts(), answers), sv, { organization: 'Exempels kommun' });
  assert.match(mail, /^mailto:incident@kommun\.example\?subject=[^&]+&body=[^&]+$/);
  assert.ok(!mail.includes('+'), 'spaces must be %20, not +');
  assert.ok(!/[ \r\n]/.test(mail), 'no raw spaces or line breaks');
  assert.ok(mail.includes('%0D%0A'), 'line breaks are CRLF');
  assert.ok(!/[^\r]\n/.test(decodeURIComponent(mail.split('body=')[1])), 'no bare LF');
  const subject = decodeURIComponent(mail.match(/subject=([^&]+)/)[1]);
  const body = decodeURIComponent(mail.match(/body=([^&]+)/)[1]);
  assert.equal(subject, 'Incidentrapport: Uppgifter skickade till extern AI-tjänst (chatgpt.com) - Exempels kommun');
  for (const expected of [
    'AI-tjänst: chatgpt.com', 'Funna uppgifter (antal): Personnummer: 1, Namn: 2, Hälsouppgifter: 1',
    'Varning åsidosatt: ja', 'Observera: kan röra hälsouppgifter', 'Berörda grupper: Brukare eller klienter, Barn',
    'Ungefärligt antal personer: 1', 'Vidtagna åtgärder: Konversationen är raderad', `Enhet: ${answers.unit}`, answers.description,
  ]) assert.ok(body.includes(expected), `body lacks "${expected}"`);
  assertClean(mail);
});

test('mailto channel: encoding of special characters and bad addresses', () => {
  assert.equal(encodeMailtoValue('a b\nc&d=e?f%'), 'a%20b%0D%0Ac%26d%3De%3Ff%25');
  assert.equal(encodeMailtoValue('å'), '%C3%A5');
  assert.throws(() => buildMailto('not an address', buildReport(facts(), answers), sv));
  assert.throws(() => buildMailto('a@b.example?bcc=x@y.example', buildReport(facts(), answers), sv));
  assert.match(buildMailto('mailto:x@kommun.example', buildReport({}, {}), en), /^mailto:x@kommun\.example\?subject=Incident%20report/);
});

test('webhook channel: JSON body with ids, counts and labels, no scanned values', () => {
  const body = buildWebhookBody(buildReport(facts(), answers), en, { organization: 'Exempels kommun', language: 'en', version: '0.1.0' });
  assert.deepEqual(body, {
    schema: 'promptvakt.incident/1',
    type: 'sent_to_ai',
    typeLabel: 'Data sent to an external AI service',
    site: 'chatgpt.com',
    time: '2026-11-22T13:05:00.000Z',
    categories: { personnummer: 1, name: 2, health: 1 },
    overridden: true,
    hints: ['health'],
    subjects: ['clients', 'children'],
    personCount: '1',
    measures: ['chat_deleted', 'manager_told'],
    unit: answers.unit,
    description: answers.description,
    organization: 'Exempels kommun',
    language: 'en',
    extensionVersion: '0.1.0',
  });
  assertClean(JSON.stringify(body));
});

test('copy text works without any policy, in both languages', () => {
  for (const t of [sv, en]) {
    const { subject, body } = reportText(buildReport(facts(), answers), t);
    assert.ok(subject.includes('chatgpt.com'));
    assert.ok(body.includes(answers.description));
    assertClean(subject + body);
  }
  const empty = reportText(buildReport({}, {}), en).body;
  assert.ok(empty.includes('Data found (counts): none'));
});

test('url channel: a template without placeholders gets the facts as query parameters, not the description', () => {
  const url = buildUrl('https://e.example/avvikelse?form=ai', buildReport(facts(), answers), en);
  const p = new URL(url).searchParams;
  assert.equal(p.get('form'), 'ai');
  assert.equal(p.get('site'), 'chatgpt.com');
  assert.equal(p.get('categories'), 'Personal identity numbers: 1, Names: 2, Health data: 1');
  assert.equal(p.get('overridden'), 'yes');
  assert.equal(p.get('description'), null);
  assertClean(url);
});

test('channel from policy: each kind, bad targets and no policy', () => {
  assert.equal(channelFromPolicy({}).channel, 'copy');
  assert.equal(channelFromPolicy(undefined).channel, 'copy');
  assert.equal(channelFromPolicy({ incidentChannel: 'none' }).channel, 'copy');
  const none = channelFromPolicy({ incidentChannel: 'none', incidentInstructionsUrl: 'https://intra.example/rutin' });
  assert.deepEqual([none.channel, none.instructionsUrl], ['none', 'https://intra.example/rutin']);
  const url = channelFromPolicy({ incidentChannel: 'url', incidentUrlTemplate: 'https://e.example/r?s={site}' });
  assert.deepEqual([url.channel, url.host], ['url', 'e.example']);
  const mail = channelFromPolicy({ incidentChannel: 'mailto', incidentMailto: 'dso@kommun.example' });
  assert.deepEqual([mail.channel, mail.target], ['mailto', 'dso@kommun.example']);
  const hook = channelFromPolicy({ incidentChannel: 'webhook', incidentWebhookUrl: 'https://intern.kommun.example/hook?token=abc' });
  assert.deepEqual([hook.channel, hook.host], ['webhook', 'intern.kommun.example']);
  assert.equal(channelFromPolicy({ incidentChannel: 'webhook', incidentWebhookUrl: 'http://intern.kommun.example/hook' }).channel, 'error');
  assert.equal(channelFromPolicy({ incidentChannel: 'mailto', incidentMailto: 'nope' }).channel, 'error');
  assert.equal(channelFromPolicy({ incidentChannel: 'url' }).channel, 'error');
  assert.equal(channelFromPolicy({ policyUrl: 'javascript:alert(1)' }).policyUrl, '');
});
