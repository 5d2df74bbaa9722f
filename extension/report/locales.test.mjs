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
const schema = JSON.parse(read('../../deploy/schema.json'));
const MINE = /^(report|popup|stats|options|page)_/;
const FILES = [
  'report.html', 'report.js', 'stats.html', 'stats.js', '../popup/popup.html', '../popup/popup.js', '../shared/incident.js',
  '../options/options.html', '../options/options.js', '../shared/loading.js',
];

test('Swedish and English have the same strings for the report, popup, statistics and options pages', () => {
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
    // Every choice of every setting is shown with a label on the options page.
    ...Object.values(schema.properties).flatMap((p) => p.enum ?? []).map((v) => `options_value_${v}`),
    ...[.../GROUPS = \{([^}]*)\}/.exec(read('../options/options.js'))[1].matchAll(/(\w+):/g)].map((m) => `options_group_${m[1]}`),
  ]);
  for (const f of FILES) {
    for (const [, key] of read(f).matchAll(/(?:data-i18n="|\bt\(')((?:report|popup|stats|options)_[a-z0-9_]+)/g)) used.add(key);
    for (const [, key] of read(f).matchAll(/'((?:report|popup|stats|options|page)_[a-z0-9_]*[a-z0-9])'/g)) used.add(key);
  }
  assert.ok(used.size > 150);
  assert.ok(used.has('options_value_block') && used.has('options_group_behaviour') && used.has('page_no_answer'));
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
