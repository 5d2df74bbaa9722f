// Loads the WebAssembly core once per background lifetime and keeps a few Engines, one per policy.
import init, { Engine, prepareCore, version } from '../pkg/promptvakt.js';

let ready = null;
let core = null;
// Public and approved sites have different policies: keep both (and a few more) built.
const MAX_ENGINES = 4;
const engines = new Map();
/** Durations of the one-time steps, in ms (diagnostics and the browser benchmark). */
export const initTimings = { wasmMs: null, coreMs: null };

/** Resolves when the wasm module is instantiated; safe to call many times. */
export function initCore() {
  if (!ready) {
    const t0 = performance.now();
    ready = init({ module_or_path: chrome.runtime.getURL('pkg/promptvakt_bg.wasm') });
    ready.then(() => (initTimings.wasmMs = performance.now() - t0), () => {});
  }
  return ready;
}

/**
 * Builds the policy-independent part of every engine (most of its cost) as soon as the module is
 * there, so it overlaps the policy read; an Engine for a policy is then cheap.
 */
export function prepareEngine() {
  core ??= initCore().then(() => {
    const t0 = performance.now();
    prepareCore();
    initTimings.coreMs = performance.now() - t0;
  });
  return core;
}

/** The engine for `policyJson`, built once per policy text. */
export async function getEngine(policyJson = '{}') {
  await prepareEngine();
  let engine = engines.get(policyJson);
  if (!engine) {
    if (engines.size >= MAX_ENGINES) {
      const [oldest] = engines.keys();
      engines.get(oldest).free();
      engines.delete(oldest);
    }
    engine = new Engine(policyJson);
    engines.set(policyJson, engine);
  }
  return engine;
}

export async function coreVersion() {
  await initCore();
  return version();
}
