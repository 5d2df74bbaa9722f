#!/usr/bin/env node
// Browser benchmark (`make bench-browser`): the built extension in headless Chromium on the mock
// Copilot page. Reports the wasm size (raw, gzip), background init time, and the time from Enter
// to the decision for 4 KB and 100 KB prompts: with the verdict from typing (synchronous), without
// one (stop, scan in the background, replay), and after the service worker was stopped (cold).
// Prints a table and writes target/bench-browser.json. Not a test: it never fails on targets.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CHROMIUM_DIST, ROOT, launch, startServer } from '../tests/e2e/harness.mjs';

const HOST = 'copilot.microsoft.com';
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 6);
const TARGETS = { gzipKB: 1536, warm4: 10, warm100: 60, cold: 300 };

const extDir = process.env.PROMPTVAKT_EXT ?? CHROMIUM_DIST;
const wasm = readFileSync(join(extDir, 'pkg', 'promptvakt_bg.wasm'));
const size = { rawKB: wasm.length / 1024, gzipKB: gzipSync(wasm, { level: 9 }).length / 1024 };

// Clean, realistic prose (no findings), so the decision is "send" and the site's send is timed.
const PARA = 'Skriv ett kort och vänligt svar till en invånare som undrar över bibliotekets öppettider under sommaren, '
  + 'och förklara hur man lånar om böcker via webben. Håll tonen enkel och tydlig. ';
const textOf = (bytes, n) => `${n} ${PARA.repeat(Math.ceil(bytes / PARA.length))}`.slice(0, bytes);

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const stats = (xs) => ({ p50: pct(xs, 50), p95: pct(xs, 95), n: xs.length });

const server = await startServer();
const browser = await launch({ server, extensionDir: extDir });
const page = await browser.openSite(HOST);
const cdp = await page.context().newCDPSession(page);
await cdp.send('ServiceWorker.enable');
const composer = page.locator('#userInput');
await composer.click();

/** Puts `text` in the composer as the site sees it (input event), without waiting for a scan. */
const setDraft = (text) => composer.evaluate((el, t) => {
  el.value = t;
  el.dispatchEvent(new Event('input', { bubbles: true }));
}, text);

/** Enter → the site's send, in ms. */
async function enterToSend() {
  await page.evaluate(() => (window.mockLastSend = 0));
  const t0 = performance.timeOrigin + performance.now();
  await composer.press('Enter');
  const sentAt = await page.waitForFunction(() => window.mockLastSend || 0, null, { timeout: 30000, polling: 'raf' });
  return (await sentAt.jsonValue()) - t0;
}

async function stopWorker() {
  await cdp.send('ServiceWorker.stopAllWorkers');
  await page.waitForTimeout(400);
}

/** Background init: a stopped worker answering its first `warm` (wasm compile + engine). */
async function initTime() {
  const times = [];
  const ext = await browser.openExtensionPage('manifest.json');
  for (let i = 0; i < COLD_RUNS; i += 1) {
    await stopWorker();
    const r = await ext.evaluate(async () => {
      const t0 = performance.now();
      const reply = await chrome.runtime.sendMessage({ type: 'warm' });
      return {
        roundTrip: performance.now() - t0, afterStart: reply.afterStartMs, inWorker: reply.ms, wasm: reply.wasmMs, core: reply.coreMs, policy: reply.policyMs, engine: reply.engineMs,
      };
    });
    times.push(r);
  }
  await ext.close();
  const pick = (k) => stats(times.map((t) => t[k]));
  return {
    roundTrip: pick('roundTrip'), afterStart: pick('afterStart'), inWorker: pick('inWorker'), wasm: pick('wasm'), core: pick('core'), policy: pick('policy'), engine: pick('engine'),
  };
}

const results = { size, init: await initTime(), decision: {} };
let n = 0;
for (const [label, bytes] of [['4KB', 4096], ['100KB', 102400]]) {
  const synced = [];
  const unscanned = [];
  const cold = [];
  for (let i = 0; i < RUNS; i += 1) {
    // Verdict from typing: wait for the typing scan, then Enter is decided synchronously.
    await setDraft(textOf(bytes, (n += 1)));
    await page.waitForTimeout(bytes > 50000 ? 900 : 400);
    synced.push(await enterToSend());
    // No verdict yet (Enter right after the change): stop, scan, replay through the button.
    await setDraft(textOf(bytes, (n += 1)));
    unscanned.push(await enterToSend());
  }
  for (let i = 0; i < COLD_RUNS; i += 1) {
    await setDraft(textOf(bytes, (n += 1)));
    await page.waitForTimeout(bytes > 50000 ? 900 : 400);
    await stopWorker();
    await setDraft(textOf(bytes, (n += 1)));
    cold.push(await enterToSend());
  }
  results.decision[label] = { withTypingVerdict: stats(synced), withoutVerdict: stats(unscanned), coldWorker: stats(cold) };
}
await browser.close();
await server.close();

const f = (x) => (x === undefined ? '-' : x.toFixed(1));
const line = (name, s) => `  ${name.padEnd(34)} p50 ${f(s.p50).padStart(7)} ms   p95 ${f(s.p95).padStart(7)} ms   (n=${s.n})`;
const out = [
  'Promptvakt browser benchmark (headless Chromium, mock copilot.microsoft.com)',
  `wasm: ${f(size.rawKB)} KB raw, ${f(size.gzipKB)} KB gzip (target ≤ ${TARGETS.gzipKB} KB gzip)`,
  'background init after the worker was stopped (first message → reply):',
  line('round trip from an extension page', results.init.roundTrip),
  line('worker start → message handler', results.init.afterStart),
  line('in the handler', results.init.inWorker),
  'steps (wasm and core start at the top level, the policy is read meanwhile):',
  line('  wasm compile + instantiate', results.init.wasm),
  line('  policy-independent core', results.init.core),
  line('  effective policy, after the core', results.init.policy),
  line('  engine for the policy', results.init.engine),
];
for (const [label, d] of Object.entries(results.decision)) {
  out.push(`Enter → decision, ${label} prompt:`);
  out.push(line('verdict from typing (sync)', d.withTypingVerdict));
  out.push(line('no verdict yet: stop, scan, replay', d.withoutVerdict));
  out.push(line('service worker stopped (cold)', d.coldWorker));
}
out.push('(the sync row is the harness baseline: key dispatch over CDP to the page sending; the extension decides in');
out.push(' microseconds there, so "no verdict" minus "sync" is the cost of stopping, scanning and replaying)');
out.push(`targets: warm p95 ≤ ${TARGETS.warm4} ms at 4 KB and ≤ ${TARGETS.warm100} ms at 100 KB; cold first scan ≤ ${TARGETS.cold} ms`);
console.log(out.join('\n'));
mkdirSync(join(ROOT, 'target'), { recursive: true });
writeFileSync(join(ROOT, 'target', 'bench-browser.json'), `${JSON.stringify(results, null, 2)}\n`);
