#!/usr/bin/env node
// Assembles the extension for each browser from one source: the root manifest.json, extension/,
// the wasm-bindgen output and the managed-storage schema. Usage: node scripts/build.mjs PKG_DIR
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkgDir = process.argv[2] ?? join(root, 'target', 'wasm-pkg');
const source = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));

/** Per-browser manifests: Chromium keeps the key and the service worker, Firefox the gecko id. */
export function manifestFor(browser, base = source) {
  const m = structuredClone(base);
  if (browser === 'chromium') {
    delete m.browser_specific_settings;
    m.background = { service_worker: base.background.service_worker, type: 'module' };
  } else {
    delete m.key;
    delete m.minimum_chrome_version;
    m.background = { scripts: base.background.scripts, type: 'module' };
    // Firefox reads managed settings from policies.json ("3rdparty"), not from a schema file.
    delete m.storage;
  }
  return m;
}

function build(browser) {
  const out = join(root, 'dist', browser);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  cpSync(join(root, 'extension'), out, {
    recursive: true,
    filter: (src) => !/\.test\.m?js$|\.md$/.test(src),
  });
  const pkgOut = join(out, 'pkg');
  mkdirSync(pkgOut, { recursive: true });
  for (const f of ['promptvakt.js', 'promptvakt_bg.wasm']) {
    const src = join(pkgDir, f);
    if (!existsSync(src)) throw new Error(`missing ${src}: run "make build" (it builds the wasm first)`);
    cpSync(src, join(pkgOut, f));
  }
  const schema = join(root, 'deploy', 'schema.json');
  if (existsSync(schema)) cpSync(schema, join(out, 'schema.json'));
  writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifestFor(browser), null, 2) + '\n');
  console.log(`built dist/${browser}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const b of ['chromium', 'firefox']) build(b);
}
