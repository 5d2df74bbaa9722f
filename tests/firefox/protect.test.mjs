// Firefox: the built extension (dist/firefox) in headless firefox-esr stops a risky send on a mock
// site, lets a clean one through exactly once, and never sends the scanned text anywhere.
// Mock hosts resolve to the local server through network.dns.forceResolve.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { ROOT, startServer } from '../e2e/harness.mjs';
import { CLEAN, PNR, RISKY } from '../e2e/protect.mjs';

const HOST = 'chatgpt.com';
let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_BIN ?? '/usr/bin/firefox-esr',
    headless: true,
    acceptInsecureCerts: true,
    extraPrefsFirefox: {
      'network.dns.forceResolve': '127.0.0.1',
      'network.trr.mode': 5,
      'network.proxy.type': 0,
      // Host permissions of a temporarily installed MV3 add-on are granted, as for IT's installs.
      'extensions.originControls.grantByDefault': true,
    },
  });
  await browser.installExtension(join(ROOT, 'dist', 'firefox'));
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const sent = () => server.posts(HOST).filter((r) => r.path === '/backend-api/conversation').map((r) => JSON.parse(r.body).text);

/** Whether our dialog is open: its host element is in the page, the dialog in a closed root. */
async function dialogOpen(page) {
  // The page cannot see into the closed root; the modal dialog makes the rest of the page inert,
  // which the page can observe through document.elementFromPoint.
  return page.evaluate(() => {
    const hit = document.elementFromPoint(innerWidth / 2, innerHeight / 2);
    return hit?.localName === 'promptvakt-ui';
  });
}

test('a risky send is stopped in Firefox; a clean one goes through once', async () => {
  const page = await browser.newPage();
  await page.goto(`https://${HOST}:${server.port}/`, { waitUntil: 'load' });
  const composer = await page.waitForSelector('#prompt-textarea');
  // Give the content script (document_start) its start.
  await new Promise((r) => setTimeout(r, 500));
  await composer.click();
  await page.keyboard.type(RISKY, { delay: 0 });
  await page.keyboard.press('Enter');
  let open = false;
  for (let i = 0; i < 50 && !open; i += 1) {
    await new Promise((r) => setTimeout(r, 100));
    open = await dialogOpen(page);
  }
  assert.ok(open, 'dialog shown');
  assert.deepEqual(sent(), []);
  await page.keyboard.press('Escape');
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(await dialogOpen(page), false);
  assert.equal((await page.$eval('#prompt-textarea', (el) => el.innerText)).trim(), RISKY);

  await page.reload({ waitUntil: 'load' });
  await (await page.waitForSelector('#prompt-textarea')).click();
  await page.keyboard.type(CLEAN, { delay: 0 });
  await new Promise((r) => setTimeout(r, 500));
  await page.keyboard.press('Enter');
  for (let i = 0; i < 50 && !sent().length; i += 1) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(sent(), [CLEAN]);
  for (const r of server.requests) assert.ok(!`${r.path} ${r.body}`.includes(PNR));
  await page.close();
});

for (const [host, selector, path] of [
  [HOST, '#prompt-textarea', '/backend-api/conversation'],
  ['www.meta.ai', 'div[data-lexical-editor]', '/api/graphql'],
]) test(`placeholders in Firefox on ${host}: the site's editor gets the redacted text`, async () => {
  const sent = () => server.posts(host).filter((r) => r.path === path).map((r) => JSON.parse(r.body).text);
  const page = await browser.newPage();
  await page.goto(`https://${host}:${server.port}/c/2`, { waitUntil: 'load' });
  await (await page.waitForSelector(selector)).click();
  await page.keyboard.type(RISKY, { delay: 0 });
  await new Promise((r) => setTimeout(r, 600));
  const before = sent().length;
  await page.keyboard.press('Enter');
  let open = false;
  for (let i = 0; i < 50 && !open; i += 1) {
    await new Promise((r) => setTimeout(r, 100));
    open = await dialogOpen(page);
  }
  assert.ok(open, 'dialog shown');
  // Focus starts on "go back and edit"; the next button replaces with placeholders.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  for (let i = 0; i < 50 && sent().length === before; i += 1) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(sent().slice(before), [RISKY.replace(PNR, '[PERSONNUMMER 1]')]);
  for (const r of server.requests) assert.ok(!`${r.path} ${r.body}`.includes(PNR));
  await page.close();
});
