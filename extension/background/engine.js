// Loads the WebAssembly core once per background lifetime and keeps one Engine per policy.
import init, { Engine, version } from '../pkg/promptvakt.js';

let ready = null;
let engine = null;
let enginePolicy = null;

/** Resolves when the wasm module is instantiated; safe to call many times. */
export function initCore() {
  ready ??= init({ module_or_path: chrome.runtime.getURL('pkg/promptvakt_bg.wasm') });
  return ready;
}

/** The engine for `policyJson`, rebuilt only when the policy text changes. */
export async function getEngine(policyJson = '{}') {
  await initCore();
  if (!engine || enginePolicy !== policyJson) {
    engine?.free();
    engine = new Engine(policyJson);
    enginePolicy = policyJson;
  }
  return engine;
}

export async function coreVersion() {
  await initCore();
  return version();
}
