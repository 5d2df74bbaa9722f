import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  CATEGORIES, INCIDENT_TYPES, MEASURES, PERSON_COUNTS, SPECIAL, SUBJECT_GROUPS,
} from '../shared/incident.js';
import { OUTCOMES } from '../shared/stats.js';
import { pickLanguage } from './i18n.js';

const read = (rel) => readFileSync(new URL(rel, import.meta.url), 'utf8');
const locales = { sv: JSON.parse(read('../_locales/sv/messages.json')), en: JSON.parse(read('../_locales/en/messages.json')) };
const MINE = /^(report|popup|stats)_/;
const FILES = ['report.html', 'report.js', 'stats.html', 'stats.js', '../popup/popup.html', '../popup/popup.js', '../shared/incident.js'];

test('Swedish and English have the same report, popup and statistics strings', () => {
  const keys = (m) => Object.keys(m).filter((k) => MINE.test(k)).sort();
  assert.deepEqual(keys(locales.sv), keys(locales.en));
});

test('every string the pages use exists in both languages', () => {
  const used = new Set([
    ...CATEGORIES.map((c) => `report_cat_${c}`),
    ...INCIDENT_TYPES.map((c) => `report_type_${c}`),
    ...SUBJECT_GROUPS.map((c) => `report_subject_${c}`),
    ...PERSON_COUNTS.map((c) => `report_count_${c.replace(/[^a-z0-9]/g, '_')}`),
    ...MEASURES.map((c) => `report_measure_${c}`),
    ...SPECIAL.map((c) => `report_hint_${c}`),
    ...OUTCOMES.map((c) => `stats_outcome_${c}`),
    ...['url', 'mailto', 'webhook'].map((c) => `report_submit_${c}`),
  ]);
  for (const f of FILES) {
    for (const [, key] of read(f).matchAll(/(?:data-i18n="|\bt\(')((?:report|popup|stats)_[a-z0-9_]+)/g)) used.add(key);
    for (const [, key] of read(f).matchAll(/'((?:report|popup|stats)_[a-z0-9_]*[a-z0-9])'/g)) used.add(key);
  }
  assert.ok(used.size > 100);
  for (const lang of ['sv', 'en']) {
    const missing = [...used].filter((k) => !locales[lang][k]);
    assert.deepEqual(missing, [], `missing in ${lang}`);
  }
});

test('language: policy forces sv or en, otherwise Swedish browsers get Swedish', () => {
  assert.equal(pickLanguage('en', 'sv-SE'), 'en');
  assert.equal(pickLanguage('sv', 'en-US'), 'sv');
  assert.equal(pickLanguage('auto', 'sv-SE'), 'sv');
  assert.equal(pickLanguage('auto', 'en-GB'), 'en');
  assert.equal(pickLanguage(undefined, 'de'), 'en');
});
