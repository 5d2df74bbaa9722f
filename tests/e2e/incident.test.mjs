// Incident self-report, end to end: facts come from a real scan of a risky text, the report page
// is opened through `openReport`, and each channel (url, mailto, webhook, copy) is submitted. Every
// request the browser and the mock server saw is checked for the scanned values.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { axNodes, CHROMIUM_DIST, launch, startServer } from './harness.mjs';
import { CATEGORIES } from '../../extension/shared/incident.js';

// PROMPTVAKT_DIST: run against another build than dist/chromium (e.g. a private one).
const DIST = process.env.PROMPTVAKT_DIST ?? CHROMIUM_DIST;
const INTERN = 'intern.kommun.example';
const RISKY = 'Kan du sammanfatta: Anna Lindqvist 19850312-2387 har diagnosen schizofreni och tar Leponex.';
const RISKY_VALUES = ['Anna', 'Lindqvist', '19850312', '850312-2387', '2387', 'schizofreni', 'Leponex'];
const DESCRIPTION = 'Jag klistrade in en text från ett ärende i ChatGPT och skickade den trots varningen.';
const UNIT = 'Socialtjänsten, barn och unga';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.close(); });

const decode = (s) => {
  try {
    return decodeURIComponent(String(s ?? '').replace(/\+/g, ' '));
  } catch {
    return String(s ?? '');
  }
};

/** No request (browser side or server side) may carry a scanned value, encoded or not. */
function assertNoScannedValues(b) {
  const seen = [
    ...b.requests.map((r) => `${r.url}\n${r.body}`),
    ...server.requests.map((r) => `${r.host}${r.path}\n${r.body}`),
  ];
  for (const s of seen) {
    for (const v of RISKY_VALUES) assert.ok(!s.includes(v) && !decode(s).includes(v), `a request carries "${v}": ${s.slice(0, 200)}`);
  }
}

/** Counts per category from a real scan of RISKY, asked the way the content script asks. */
async function scanCounts(page) {
  const r = await page.evaluate((text) => chrome.runtime.sendMessage({ type: 'scan', text }), RISKY);
  assert.equal(r.ok, true, `scan failed: ${r.error}`);
  const counts = {};
  for (const f of r.findings) counts[f.category] = (counts[f.category] ?? 0) + 1;
  assert.ok(counts.personnummer >= 1, 'the core finds the personnummer');
  return counts;
}

/** Opens the report page through `openReport` (as the dialog does) with counts from a scan. */
async function openReport(b) {
  const opener = await b.openExtensionPage('report/stats.html');
  const counts = await scanCounts(opener);
  const [page] = await Promise.all([
    b.ctx.waitForEvent('page'),
    opener.evaluate((m) => chrome.runtime.sendMessage(m), { type: 'openReport', site: 'chatgpt.com', categories: counts, overridden: true }),
  ]);
  await page.waitForSelector('#main:not([hidden])');
  await opener.close();
  return { page, counts };
}

async function fillForm(page, description = DESCRIPTION) {
  await page.check('#subject-clients');
  await page.check('#subject-children');
  await page.selectOption('#count', '2-10');
  await page.check('#measure-chat_deleted');
  await page.check('#measure-manager_told');
  await page.fill('#unit', UNIT);
  await page.fill('#description', description);
}

/** Records what the page writes to the clipboard (the test cannot read the system clipboard). */
async function catchClipboard(page) {
  await page.evaluate(() => {
    window.copied = [];
    navigator.clipboard.writeText = async (text) => { window.copied.push(text); };
  });
}
const copied = (page) => page.evaluate(() => window.copied);

async function waitFor(fn, what, timeout = 5000) {
  const until = Date.now() + timeout;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > until) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The built extension, or a copy that already holds the webhook host permission: headless Chromium
 * cannot answer the permission prompt a user sees on the first send.
 */
function extensionWithHost(host) {
  const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8'));
  const hosts = manifest.host_permissions ?? [];
  if (hosts.includes('https://*/*') || hosts.includes(`https://${host}/*`)) return { dir: DIST, cleanup() {} };
  const dir = mkdtempSync(join(tmpdir(), 'promptvakt-ext-'));
  cpSync(DIST, dir, { recursive: true });
  manifest.host_permissions = [...hosts, `https://${host}/*`];
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

describe('incident report', () => {
  test('url channel: the e-service opens with the facts as query parameters, no scanned values', async () => {
    const template = `https://${INTERN}/e-tjanst?typ={type}&tjanst={site}&tid={time}&kat={categories}&ids={category_ids}`
      + '&varning={overridden}&grupper={subjects}&antal={count}&atgard={measures}&enhet={unit}&text={description}';
    const b = await launch({ server, extensionDir: DIST, managedPolicy: { incidentChannel: 'url', incidentUrlTemplate: template, language: 'sv' } });
    try {
      const { page, counts } = await openReport(b);
      assert.equal(await page.getAttribute('html', 'lang'), 'sv');
      await fillForm(page);
      const start = server.requests.length;
      const [eservice] = await Promise.all([b.ctx.waitForEvent('page'), page.click('#submit')]);
      await eservice.waitForLoadState('load');
      const req = await waitFor(() => server.requests.slice(start).find((r) => r.host === INTERN && r.path.startsWith('/e-tjanst')), 'the e-service request');
      const p = new URL(req.path, `https://${INTERN}`).searchParams;
      assert.equal(p.get('typ'), 'Uppgifter skickade till extern AI-tjänst');
      assert.equal(p.get('tjanst'), 'chatgpt.com');
      assert.match(p.get('tid'), /^\d{4}-\d\d-\d\d \d\d:\d\d$/);
      assert.equal(p.get('ids'), CATEGORIES.filter((c) => counts[c]).map((c) => `${c}:${counts[c]}`).join(','));
      assert.match(p.get('kat'), /Personnummer: 1/);
      assert.equal(p.get('varning'), 'ja');
      assert.equal(p.get('grupper'), 'Brukare eller klienter, Barn');
      assert.equal(p.get('antal'), '2–10');
      assert.equal(p.get('atgard'), 'Konversationen är raderad i AI-tjänsten, Chefen är informerad');
      assert.equal(p.get('enhet'), UNIT);
      assert.equal(p.get('text'), DESCRIPTION);
      assertNoScannedValues(b);
    } finally {
      await b.close();
    }
  });

  test('mailto channel: subject and body prefilled with RFC 6068 encoding, no scanned values', async () => {
    const b = await launch({ server, extensionDir: DIST, managedPolicy: { incidentChannel: 'mailto', incidentMailto: 'incident@kommun.example', language: 'en' } });
    try {
      const { page } = await openReport(b);
      await fillForm(page);
      // Catch the mailto navigation instead of starting a mail client.
      await page.evaluate(() => document.addEventListener('click', (e) => {
        const a = e.target.closest?.('a[href^="mailto:"]');
        if (a) {
          e.preventDefault();
          window.mailtoOpened = a.href;
        }
      }, true));
      await page.click('#submit');
      const href = await (await page.waitForFunction(() => window.mailtoOpened)).jsonValue();
      assert.match(href, /^mailto:incident@kommun\.example\?subject=[^&]+&body=[^&]+$/);
      assert.ok(!/[ +]/.test(href) && href.includes('%20'), 'spaces are %20');
      assert.ok(href.includes('%0D%0A') && !/%0A/.test(href.replace(/%0D%0A/g, '')), 'line breaks are CRLF');
      const subject = decodeURIComponent(href.match(/subject=([^&]+)/)[1]);
      const body = decodeURIComponent(href.match(/body=([^&]+)/)[1]);
      assert.equal(subject, 'Incident report: Data sent to an external AI service (chatgpt.com)');
      for (const expected of ['AI service: chatgpt.com', 'Personal identity numbers: 1', 'Warning overridden: yes',
        'may involve health data', 'Groups affected: Service users or clients, Children', 'Approximate number of persons: 2–10',
        'Measures taken: The conversation is deleted in the AI service, My manager is informed', `Unit: ${UNIT}`, DESCRIPTION]) {
        assert.ok(body.includes(expected), `body lacks "${expected}"`);
      }
      for (const v of RISKY_VALUES) assert.ok(!href.includes(v) && !subject.includes(v) && !body.includes(v), v);
      assert.equal(await page.getAttribute('#mailto-link', 'href'), href, 'the link stays on the page as a fallback');
      assertNoScannedValues(b);
    } finally {
      await b.close();
    }
  });

  test('webhook channel: nothing is sent before confirmation; the JSON carries the facts, no scanned values', async () => {
    const ext = extensionWithHost(INTERN);
    const hook = `https://${INTERN}/hook?token=s3cret`;
    const b = await launch({
      server, extensionDir: ext.dir,
      managedPolicy: { incidentChannel: 'webhook', incidentWebhookUrl: hook, organizationName: 'Exempels kommun', language: 'en' },
    });
    try {
      const { page, counts } = await openReport(b);
      assert.ok(!(await page.textContent('body')).includes('s3cret'), 'the webhook URL is never shown in full');
      await fillForm(page);
      await page.click('#submit');
      await page.waitForSelector('#confirm:not([hidden])');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'confirm-send');
      await page.waitForTimeout(300);
      assert.equal(server.posts(INTERN).length, 0, 'no POST before the user confirms');
      // Cancel, then confirm by keyboard.
      await page.click('#confirm-cancel');
      assert.equal(await page.isVisible('#confirm'), false);
      await page.click('#submit');
      await page.waitForSelector('#confirm:not([hidden])');
      await page.keyboard.press('Enter');
      const post = await waitFor(() => server.posts(INTERN)[0], 'the webhook POST');
      assert.equal(post.path, '/hook?token=s3cret');
      const body = JSON.parse(post.body);
      assert.equal(body.schema, 'promptvakt.incident/1');
      assert.equal(body.type, 'sent_to_ai');
      assert.equal(body.site, 'chatgpt.com');
      assert.deepEqual(body.categories, counts);
      assert.equal(body.overridden, true);
      assert.ok(body.hints.includes('health'));
      assert.deepEqual(body.subjects, ['clients', 'children']);
      assert.equal(body.personCount, '2-10');
      assert.deepEqual(body.measures, ['chat_deleted', 'manager_told']);
      assert.equal(body.unit, UNIT);
      assert.equal(body.description, DESCRIPTION);
      assert.equal(body.organization, 'Exempels kommun');
      assert.ok(!Number.isNaN(Date.parse(body.time)));
      await page.waitForFunction(() => document.getElementById('result').textContent.includes('has been sent'));
      assert.equal(server.posts(INTERN).length, 1);
      assertNoScannedValues(b);
    } finally {
      await b.close();
      ext.cleanup();
    }
  });

  test('the free text is scanned: personal data in it stops every channel until it is removed', async () => {
    const ext = extensionWithHost(INTERN);
    const b = await launch({
      server, extensionDir: ext.dir,
      managedPolicy: { incidentChannel: 'webhook', incidentWebhookUrl: `https://${INTERN}/hook2`, language: 'en' },
    });
    try {
      const { page } = await openReport(b);
      await fillForm(page, `I pasted ${RISKY}`);
      await page.click('#submit');
      await page.waitForFunction(() => document.getElementById('check').textContent.includes('Personal identity numbers'));
      assert.equal(await page.isVisible('#confirm'), false, 'no confirmation offered');
      assert.equal(await page.isVisible('#override-row'), false, 'a personnummer cannot be confirmed away');
      assert.equal(await page.getAttribute('#description', 'aria-invalid'), 'true');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'description');
      await catchClipboard(page);
      await page.click('#copy');
      await page.waitForTimeout(300);
      assert.deepEqual(await copied(page), [], 'copy is stopped too');
      await page.fill('#description', DESCRIPTION);
      await page.click('#submit');
      await page.waitForSelector('#confirm:not([hidden])');
      await page.click('#confirm-send');
      const post = await waitFor(() => server.posts(INTERN).find((r) => r.path === '/hook2'), 'the webhook POST');
      assert.equal(JSON.parse(post.body).description, DESCRIPTION);
      assertNoScannedValues(b);
    } finally {
      await b.close();
      ext.cleanup();
    }
  });

  test('without a policy the page still helps: copy gives the report text, no request is made', async () => {
    const b = await launch({ server, extensionDir: DIST });
    try {
      const { page } = await openReport(b);
      assert.equal(await page.isVisible('#submit'), false);
      assert.match(await page.textContent('#channel-note'), /No reporting channel/);
      await fillForm(page);
      await catchClipboard(page);
      const start = server.requests.length;
      await page.click('#copy');
      await page.waitForFunction(() => document.getElementById('result').textContent.includes('copied'));
      const [text] = await copied(page);
      assert.match(text, /^Incident report: Data sent to an external AI service \(chatgpt\.com\)\r\n/);
      for (const expected of ['Personal identity numbers: 1', `Unit: ${UNIT}`, DESCRIPTION]) assert.ok(text.includes(expected), expected);
      for (const v of RISKY_VALUES) assert.ok(!text.includes(v), v);
      assert.equal(server.requests.length, start);
      assertNoScannedValues(b);
    } finally {
      await b.close();
    }
  });

  test('the report page is labelled and usable by keyboard alone', async () => {
    const b = await launch({ server, extensionDir: DIST });
    try {
      const { page } = await openReport(b);
      // Every form control has an accessible name.
      const controls = (await axNodes(page)).filter((n) => !n.ignored && ['textbox', 'combobox', 'checkbox', 'button'].includes(n.role?.value));
      assert.ok(controls.length >= 15);
      assert.deepEqual(controls.filter((n) => !n.name?.value).map((n) => n.role.value), []);
      const focused = () => page.evaluate(() => document.activeElement?.id);
      const tabTo = async (id) => {
        for (let i = 0; i < 40 && (await focused()) !== id; i += 1) await page.keyboard.press('Tab');
        assert.equal(await focused(), id);
      };
      await tabTo('subject-patients');
      await page.keyboard.press('Space');
      await tabTo('count');
      await page.keyboard.press('ArrowDown');
      await tabTo('measure-dpo_told');
      await page.keyboard.press('Space');
      await tabTo('description');
      await page.keyboard.type(DESCRIPTION);
      await catchClipboard(page);
      await tabTo('copy');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.getElementById('result').textContent.includes('copied'));
      const [text] = await copied(page);
      for (const expected of ['Groups affected: Patients', 'Approximate number of persons: 1', 'Measures taken: The data protection officer is informed', DESCRIPTION]) {
        assert.ok(text.includes(expected), expected);
      }
    } finally {
      await b.close();
    }
  });
});
