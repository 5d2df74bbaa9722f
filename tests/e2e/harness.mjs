// End-to-end harness: mock chat sites served over HTTPS on their real host names, and Chromium
// with the built extension pointed at them. Every request that reaches the mock server is kept in
// `server.requests`, and every request any page makes is kept in `browser.requests`, so tests can
// assert what was sent and that scanned text never left the page.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:https';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SITES_DIR = join(ROOT, 'tests', 'e2e', 'sites');
export const MOCK_DIR = join(ROOT, 'tests', 'e2e', 'mock');
export const CHROMIUM_DIST = join(ROOT, 'dist', 'chromium');
export const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
export const MANAGED_POLICY_DIR = '/etc/chromium/policies/managed';

/** The Chromium extension id, derived from the manifest key as Chromium does. */
export const EXTENSION_ID = (() => {
  const key = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')).key;
  const hex = createHash('sha256').update(Buffer.from(key, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
})();

/** Strict CSP like the big chat sites: no inline script, no eval, no wasm compile. */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

function siteHosts(root) {
  return existsSync(root) ? readdirSync(root).filter((d) => statSync(join(root, d)).isDirectory()) : [];
}

function makeCert(hosts) {
  const dir = mkdtempSync(join(tmpdir(), 'promptvakt-cert-'));
  const san = hosts.flatMap((h) => [`DNS:${h}`, `DNS:*.${h}`]).join(',');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=promptvakt-e2e',
    '-addext', `subjectAltName=${san}`, '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
  ], { stdio: 'ignore' });
  const cert = { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  rmSync(dir, { recursive: true, force: true });
  return cert;
}

/**
 * Serves tests/e2e/sites/<host>/ for every host folder. GET serves files (a path without an
 * extension falls back to the site's index.html, like a single-page app); any other method is
 * answered with `{"ok":true}`. Every request is recorded as {host, method, path, body}.
 */
export async function startServer({ root = SITES_DIR, csp = STRICT_CSP } = {}) {
  const hosts = siteHosts(root);
  const requests = [];
  const server = createServer(makeCert(hosts), (req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const host = (req.headers.host ?? '').split(':')[0];
      const url = new URL(req.url, `https://${host}`);
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ host, method: req.method, path: url.pathname + url.search, body });
      const headers = { 'content-security-policy': csp, 'cache-control': 'no-store' };
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(200, { ...headers, 'content-type': 'application/json' });
        res.end('{"ok":true}');
        return;
      }
      // /_mock/* is the shared mock-chat code (tests/e2e/mock), served same-origin on every host.
      const shared = url.pathname.startsWith('/_mock/');
      const siteRoot = shared ? MOCK_DIR : join(root, host);
      let file = normalize(join(siteRoot, decodeURIComponent(shared ? url.pathname.slice(6) : url.pathname)));
      if (!file.startsWith(siteRoot) || !hosts.includes(host)) {
        res.writeHead(404, headers).end('not found');
        return;
      }
      // A path without an extension is an app route: serve the page, as a single-page app would.
      if ((!existsSync(file) || statSync(file).isDirectory()) && !extname(url.pathname)) {
        file = join(siteRoot, 'index.html');
      }
      if (!existsSync(file)) {
        res.writeHead(404, headers).end('not found');
        return;
      }
      res.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(readFileSync(file));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    port,
    hosts,
    requests,
    /** Requests with a body (what a site "sent"), optionally for one host. */
    posts: (host) => requests.filter((r) => r.method === 'POST' && (!host || r.host === host)),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/**
 * Starts Chromium with the built extension. Host names of the mock sites resolve to the server;
 * every other host fails to resolve, so nothing leaves the machine. `managedPolicy` is written to
 * Chromium's managed policy folder for this run (needs root; CI runs as root).
 */
export async function launch({ server, managedPolicy = null, headless = true, extensionDir = CHROMIUM_DIST, args = [], locale = null } = {}) {
  let policyFile = null;
  if (managedPolicy) {
    mkdirSync(MANAGED_POLICY_DIR, { recursive: true });
    policyFile = join(MANAGED_POLICY_DIR, `promptvakt-e2e-${process.pid}.json`);
    writeFileSync(policyFile, JSON.stringify({ '3rdparty': { extensions: { [EXTENSION_ID]: managedPolicy } } }));
  }
  const rules = (server?.hosts ?? []).map((h) => `MAP ${h} 127.0.0.1:${server.port}, MAP *.${h} 127.0.0.1:${server.port}`);
  rules.push('MAP * ~NOTFOUND', 'EXCLUDE localhost');
  const userDataDir = mkdtempSync(join(tmpdir(), 'promptvakt-profile-'));
  const ctx = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless,
    viewport: { width: 1280, height: 800 },
    // On Linux the UI language (chrome.i18n) follows LANGUAGE; --lang covers the rest.
    ...(locale ? { locale, env: { ...process.env, LANGUAGE: locale.split('-')[0] } } : {}),
    args: [
      ...(locale ? [`--lang=${locale}`] : []),
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      `--host-resolver-rules=${rules.join(', ')}`,
      '--ignore-certificate-errors',
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ...args,
    ],
  });
  const requests = [];
  ctx.on('request', (r) => requests.push({ url: r.url(), method: r.method(), body: r.postData() ?? '' }));
  const worker = ctx.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'))
    ?? await ctx.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith('chrome-extension://'), timeout: 15000 });
  const extensionId = new URL(worker.url()).host;
  if (managedPolicy) await managedInEffect(ctx, extensionId);
  return {
    ctx,
    extensionId,
    worker,
    requests,
    /** Opens https://<host><path> in a new tab and waits for it to load. */
    async openSite(host, path = '/') {
      const page = await ctx.newPage();
      await page.goto(`https://${host}${path}`, { waitUntil: 'load' });
      return page;
    },
    /** Opens an extension page, e.g. 'popup/popup.html'. */
    async openExtensionPage(path) {
      const page = await ctx.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`, { waitUntil: 'load' });
      return page;
    },
    async close() {
      await ctx.close().catch(() => {});
      if (policyFile) rmSync(policyFile, { force: true });
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Asks the background `msg` from an extension page every 200 ms until `ok(reply)`; true then,
 * false after `timeout` ms.
 */
export async function untilBackground(ctx, extensionId, msg, ok, timeout) {
  const page = await ctx.newPage();
  try {
    await page.goto(`chrome-extension://${extensionId}/manifest.json`);
    const end = Date.now() + timeout;
    for (;;) {
      const reply = await page.evaluate((m) => chrome.runtime.sendMessage(m).catch(() => null), msg);
      if (ok(reply)) return true;
      if (Date.now() > end) return false;
      await page.waitForTimeout(200);
    }
  } finally {
    await page.close();
  }
}

/**
 * Just after the browser starts, Chromium holds managed storage back for a few seconds (longer on
 * a slow machine than the background waits, so the defaults stand in until it answers). Tests of
 * a managed policy start once the background has it.
 */
async function managedInEffect(ctx, extensionId, timeout = 20000) {
  const ok = await untilBackground(ctx, extensionId, { type: 'getPolicy' }, (r) => r?.managedKeys?.length > 0, timeout);
  if (!ok) throw new Error(`the managed policy was not in effect within ${timeout} ms`);
}

/** Flattens the accessibility tree of `page` (closed shadow roots included). */
export async function axNodes(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    return nodes;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/**
 * The open dialog as the accessibility tree sees it: {name, focused, buttons, text}, or null.
 * `focused` is the name of the focused node inside the dialog.
 */
export async function axDialog(page) {
  const nodes = await axNodes(page);
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const dialog = nodes.find((n) => !n.ignored && ['dialog', 'alertdialog'].includes(n.role?.value));
  if (!dialog) return null;
  const inside = [];
  const stack = [...(dialog.childIds ?? [])];
  while (stack.length) {
    const n = byId.get(stack.shift());
    if (!n) continue;
    inside.push(n);
    stack.push(...(n.childIds ?? []));
  }
  const prop = (n, name) => n.properties?.find((p) => p.name === name)?.value?.value;
  const visible = inside.filter((n) => !n.ignored);
  return {
    name: dialog.name?.value ?? '',
    focused: visible.find((n) => prop(n, 'focused'))?.name?.value ?? null,
    buttons: visible.filter((n) => n.role?.value === 'button').map((n) => n.name?.value ?? ''),
    text: visible.map((n) => n.name?.value ?? '').filter(Boolean).join('\n'),
  };
}

/** Waits until `axDialog(page)` is non-null (or returns null after `timeout` ms). */
export async function waitForDialog(page, timeout = 5000) {
  const until = Date.now() + timeout;
  while (Date.now() < until) {
    const d = await axDialog(page);
    if (d) return d;
    await page.waitForTimeout(100);
  }
  return null;
}
