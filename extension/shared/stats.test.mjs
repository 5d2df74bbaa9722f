import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addEvent, createStatsStore, dayKey, emptyStats, normalizeStats, rows, STATS_KEY, summarize } from './stats.js';

const RISKY = 'Anna Lindqvist 19850312-2387 har schizofreni';

/** chrome.storage.local double; keeps JSON copies like the real one. */
function memoryArea() {
  const data = {};
  return {
    data,
    async get(key) { return key in data ? { [key]: JSON.parse(JSON.stringify(data[key])) } : {}; },
    async set(obj) { for (const [k, v] of Object.entries(obj)) data[k] = JSON.parse(JSON.stringify(v)); },
    async remove(key) { delete data[key]; },
  };
}

const DAY = 86400000;
const NOW = new Date(2026, 10, 22, 12).getTime();

test('events are counted by day, site and category', async () => {
  const area = memoryArea();
  const store = createStatsStore(area, () => NOW);
  await store.record({ site: 'chatgpt.com', categories: { personnummer: 1, name: 2 }, outcome: 'blocked' });
  await store.record({ site: 'https://chatgpt.com/c/1', categories: { name: 1 }, outcome: 'overridden' });
  await store.record({ site: 'claude.ai', categories: {}, outcome: 'clean' });
  const s = await store.read();
  assert.deepEqual(s.days[dayKey(NOW)], {
    'chatgpt.com': { c: { personnummer: 1, name: 3 }, o: { blocked: 1, overridden: 1 } },
    'claude.ai': { c: {}, o: { clean: 1 } },
  });
  const sum = summarize(s, [dayKey(NOW)]);
  assert.equal(sum.events, 3);
  assert.equal(sum.flagged, 2);
  assert.deepEqual(sum.byCategory, { personnummer: 1, name: 3 });
  assert.deepEqual(sum.bySite, { 'chatgpt.com': 2 });
});

test('concurrent events are all counted', async () => {
  const store = createStatsStore(memoryArea(), () => NOW);
  await Promise.all(Array.from({ length: 20 }, () => store.record({ site: 'poe.com', categories: { name: 1 }, outcome: 'warned' })));
  assert.equal((await store.read()).days[dayKey(NOW)]['poe.com'].c.name, 20);
});

test('text, unknown fields and bad values never reach storage', async () => {
  const area = memoryArea();
  const store = createStatsStore(area, () => NOW);
  assert.equal(await store.record({ site: RISKY, categories: { name: 1 }, outcome: 'blocked' }), false);
  assert.equal(await store.record({ site: 'chatgpt.com', categories: { name: 1 }, outcome: RISKY }), false);
  await store.record({
    site: 'chatgpt.com', outcome: 'blocked', text: RISKY, findings: [{ value: RISKY }],
    categories: { name: 1, personnummer: RISKY, [RISKY]: 3, health: 2.5 },
  });
  const stored = JSON.stringify(area.data);
  for (const v of ['Anna', 'Lindqvist', '19850312', 'schizofreni', 'text', 'findings']) assert.ok(!stored.includes(v), v);
  assert.deepEqual(area.data[STATS_KEY].days[dayKey(NOW)]['chatgpt.com'].c, { name: 1 });
});

test('tampered stored data is normalised on read', () => {
  const s = normalizeStats({ days: { [dayKey(NOW)]: { [RISKY]: { c: { name: 1 } }, 'chatgpt.com': { c: { name: RISKY }, o: { blocked: 1, x: 2 } } }, notaday: {} } });
  assert.deepEqual(s.days, { [dayKey(NOW)]: { 'chatgpt.com': { c: {}, o: { blocked: 1 } } } });
});

test('days older than 90 are pruned', () => {
  const s = emptyStats();
  const ev = { site: 'chatgpt.com', categories: { name: 1 }, outcome: 'warned' };
  addEvent(s, ev, NOW - 95 * DAY);
  addEvent(s, ev, NOW - 89 * DAY);
  addEvent(s, ev, NOW);
  assert.deepEqual(Object.keys(s.days).sort(), [dayKey(NOW - 89 * DAY), dayKey(NOW)]);
  assert.deepEqual(rows(s).map((r) => r.day), [dayKey(NOW), dayKey(NOW - 89 * DAY)]);
});

test('clear removes everything', async () => {
  const area = memoryArea();
  const store = createStatsStore(area, () => NOW);
  await store.record({ site: 'chatgpt.com', categories: { name: 1 }, outcome: 'warned' });
  await store.clear();
  assert.deepEqual(area.data, {});
  assert.deepEqual((await store.read()).days, {});
});
