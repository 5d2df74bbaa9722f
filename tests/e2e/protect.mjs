// Helpers for the interception tests: the mock sites' own description of their composer and
// send control (data attributes on <body>), and small actions on them.
import { axNodes, untilBackground } from './harness.mjs';

export const SITES = [
  'chatgpt.com', 'claude.ai', 'gemini.google.com', 'copilot.microsoft.com', 'chat.mistral.ai',
  'www.perplexity.ai', 'chat.deepseek.com', 'grok.com', 'www.meta.ai', 'poe.com',
];

// Skatteverket's test personnummer and a fictional address: safe to use anywhere.
export const PNR = '19121212-1212';
export const RISKY = `Hjälp mig formulera ett beslut till personen med personnummer ${PNR} om bostadsbidraget.`;
export const EMAIL = 'kim.exempel@example.se';
export const WARN_TEXT = `Skriv ett kort svar som jag kan mejla till ${EMAIL} om öppettiderna.`;
export const CLEAN = 'Skriv ett kort, vänligt svar om bibliotekets öppettider i sommar.';

/** {composer, send, editor, path} as the mock page declares them. */
export async function siteInfo(page) {
  return page.evaluate(() => ({ ...document.body.dataset }));
}

export async function draft(page, info) {
  return page.locator(info.composer).evaluate((el) => (el.tagName === 'TEXTAREA' ? el.value : el.innerText).trim());
}

export async function type(page, info, text) {
  const c = page.locator(info.composer);
  await c.click();
  await c.fill(text);
}

/** Texts the site POSTed to its send path. */
export function sent(server, host, info) {
  return server.posts(host).filter((r) => r.path === info.path).map((r) => JSON.parse(r.body).text);
}

export async function until(fn, timeout = 4000) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await fn();
    if (v || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Names of live status/alert nodes (our non-modal status), closed shadow roots included. */
export async function liveTexts(page) {
  const nodes = await axNodes(page);
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const textOf = (n) => [n.name?.value ?? '', ...(n.childIds ?? []).map((id) => byId.get(id)).filter(Boolean).map(textOf)].join(' ');
  return nodes.filter((n) => !n.ignored && ['status', 'alert'].includes(n.role?.value)).map(textOf);
}

/** Text of every node in the accessibility tree. */
export async function axText(page) {
  const nodes = await axNodes(page);
  return nodes.filter((n) => !n.ignored).map((n) => n.name?.value ?? '').join('\n');
}

/** Tabs through the dialog until a button whose name matches `re` is focused. */
export async function focusButton(page, axDialog, re, max = 8) {
  for (let i = 0; i < max; i += 1) {
    const d = await axDialog(page);
    if (d && re.test(d.focused ?? '')) return true;
    await page.keyboard.press('Tab');
  }
  return false;
}

/**
 * Waits until the background answers a scan (policy read, core loaded), so the first test does
 * not measure browser start-up. Returns the wait in ms.
 */
export async function backgroundReady(browser, timeout = 30000) {
  const t0 = Date.now();
  await untilBackground(browser.ctx, browser.extensionId, { type: 'scan', text: 'start' }, (r) => r?.ok, timeout);
  return Date.now() - t0;
}

/** The box {x, y, width, height} of our live status (inside the closed shadow root), or null. */
export async function statusBox(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const node = nodes.find((n) => !n.ignored && ['status', 'alert'].includes(n.role?.value) && n.backendDOMNodeId);
    if (!node) return null;
    const { model } = await cdp.send('DOM.getBoxModel', { backendNodeId: node.backendDOMNodeId });
    const [x1, y1, , , x3, y3] = model.border;
    return { x: x1, y: y1, width: x3 - x1, height: y3 - y1 };
  } catch {
    return null;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

export const overlaps = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
