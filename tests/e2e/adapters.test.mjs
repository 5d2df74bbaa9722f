// Every site adapter against its mock site: risky sends are stopped with the dialog, clean text
// goes through exactly once and unchanged, paste warns, placeholders and send-anyway send what the
// user chose, the draft survives, the dialog works by keyboard, and scanned text never leaves.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axDialog, launch, startServer, waitForDialog } from './harness.mjs';
import {
  CLEAN, EMAIL, PNR, RISKY, SITES, WARN_TEXT, axText, draft, focusButton, liveTexts, sent, siteInfo, type, until,
  backgroundReady, overlaps, statusBox,
} from './protect.mjs';

const EDIT = /^(Gå tillbaka och ändra|Go back and edit)$/;
const REDACT = /^(Ersätt med platshållare och skicka|Replace with placeholders and send)$/;
const OVERRIDE = /^(Skicka ändå|Send anyway)$/;
const RESTORES = new Set(['chatgpt.com', 'claude.ai']);

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launch({ server, extensionDir: process.env.PROMPTVAKT_EXT });
  await backgroundReady(browser);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const only = process.env.PV_SITES?.split(',');
for (const host of SITES.filter((h) => !only || only.includes(h))) {
  describe(host, () => {
    let page;
    let info;
    before(async () => {
      page = await browser.openSite(host);
      info = await siteInfo(page);
      await page.locator(info.composer).waitFor();
    });
    after(() => page?.close());

    test('typing status names what would be flagged and does not cover the send button', async () => {
      await type(page, info, RISKY);
      const shown = await until(async () => (await liveTexts(page)).some((t) => /Personnummer|Personal identity/i.test(t)));
      assert.ok(shown, 'status while typing');
      const box = await statusBox(page);
      const send = await page.locator(info.send).boundingBox();
      assert.ok(box && box.width > 0 && send);
      assert.ok(!overlaps(box, send), 'status clear of the send button');
      assert.deepEqual(sent(server, host, info), []);
    });

    test('risky text + Enter: stopped, dialog with focus on edit; Escape keeps the draft', async () => {
      await type(page, info, RISKY);
      await page.locator(info.composer).press('Enter');
      const d = await waitForDialog(page);
      assert.ok(d, 'dialog shown');
      assert.match(d.focused ?? '', EDIT);
      assert.ok(d.buttons.some((b) => REDACT.test(b)));
      assert.ok(!d.buttons.some((b) => OVERRIDE.test(b)), 'a block cannot be overridden by default');
      assert.match(d.text, new RegExp(PNR));
      await page.keyboard.press('Escape');
      assert.equal(await until(async () => !(await axDialog(page))), true);
      assert.equal(await draft(page, info), RISKY);
      assert.deepEqual(sent(server, host, info), []);
    });

    test('risky text + click on send: stopped; keyboard only: Tab moves, Enter on edit closes', async () => {
      await page.locator(info.send).click();
      const d = await waitForDialog(page);
      assert.ok(d, 'dialog shown');
      await page.keyboard.press('Tab');
      assert.match((await axDialog(page)).focused ?? '', REDACT);
      await page.keyboard.press('Shift+Tab');
      assert.match((await axDialog(page)).focused ?? '', EDIT);
      await page.keyboard.press('Enter');
      assert.equal(await until(async () => !(await axDialog(page))), true);
      assert.equal(await draft(page, info), RISKY);
      assert.deepEqual(sent(server, host, info), []);
    });

    test('replace with placeholders and send: the site gets the redacted text once', async () => {
      await page.locator(info.composer).press('Enter');
      assert.ok(await waitForDialog(page));
      assert.ok(await focusButton(page, axDialog, REDACT));
      await page.keyboard.press('Enter');
      const got = await until(() => sent(server, host, info).length && sent(server, host, info));
      assert.equal(got.length, 1);
      assert.match(got[0], /\[PERSONNUMMER 1\]/);
      assert.ok(!got[0].includes(PNR));
      assert.equal(got[0], RISKY.replace(PNR, '[PERSONNUMMER 1]'));
      if (RESTORES.has(host)) {
        // The reply's placeholder is shown with the real value, in a closed shadow root only.
        const shown = await until(async () => (await axText(page)).includes(PNR));
        assert.ok(shown, 'restored value visible locally');
        assert.ok(!(await page.evaluate(() => document.body.innerText)).includes(PNR), 'page cannot read it');
      }
      await page.waitForTimeout(200);
      assert.equal(sent(server, host, info).length, 1);
    });

    test('send anyway (warning): the original is sent exactly once', async () => {
      const before = sent(server, host, info).length;
      await type(page, info, WARN_TEXT);
      await page.locator(info.composer).press('Enter');
      const d = await waitForDialog(page);
      assert.ok(d);
      assert.match(d.focused ?? '', EDIT);
      assert.ok(await focusButton(page, axDialog, OVERRIDE));
      await page.keyboard.press('Enter');
      const got = await until(() => sent(server, host, info).length > before && sent(server, host, info));
      await page.waitForTimeout(300);
      assert.deepEqual(sent(server, host, info).slice(before), [WARN_TEXT]);
      assert.ok(got);
    });

    test('clean text: Enter after the typing scan, and click before it, each send once unchanged', async () => {
      const before = sent(server, host, info).length;
      await type(page, info, CLEAN);
      await page.waitForTimeout(400);
      await page.locator(info.composer).press('Enter');
      await until(() => sent(server, host, info).length > before);
      await type(page, info, `${CLEAN} Tack!`);
      await page.locator(info.send).click();
      await until(() => sent(server, host, info).length > before + 1);
      await page.waitForTimeout(300);
      assert.deepEqual(sent(server, host, info).slice(before), [CLEAN, `${CLEAN} Tack!`]);
      assert.equal(await axDialog(page), null);
    });

    test('paste with a personnummer warns at once', async () => {
      await page.locator(info.composer).click();
      await page.locator(info.composer).evaluate((el, text) => {
        const dt = new DataTransfer();
        dt.setData('text/plain', text);
        el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
      }, RISKY);
      const warned = await until(async () => (await liveTexts(page)).some((t) => /klistrade|pasted/i.test(t)));
      assert.ok(warned, 'paste warning shown');
    });

    test('no request from page or extension carried the scanned text', async () => {
      const mine = server.requests.filter((r) => r.host === host);
      for (const r of mine) assert.ok(!`${r.path} ${r.body}`.includes(PNR), `server request ${r.path}`);
      for (const r of browser.requests) assert.ok(!`${r.url} ${r.body}`.includes(PNR), `browser request ${r.url}`);
      // The e-mail was only ever sent by the user's explicit "send anyway".
      const withEmail = server.requests.filter((r) => r.host === host && `${r.path} ${r.body}`.includes(EMAIL));
      assert.deepEqual(withEmail.map((r) => r.path), [info.path]);
    });
  });
}

test('no request on any host carried the personnummer; nothing scanned is kept in extension storage', async () => {
  for (const r of server.requests) assert.ok(!`${r.path} ${r.body}`.includes(PNR), `server request ${r.host}${r.path}`);
  const stored = await browser.worker.evaluate(async () => JSON.stringify([
    await chrome.storage.local.get(null),
    await chrome.storage.session.get(null),
    await chrome.storage.sync.get(null),
  ]));
  assert.ok(!stored.includes(PNR));
  assert.ok(!stored.includes(EMAIL));
  assert.ok(!stored.includes('bostadsbidraget'));
});
