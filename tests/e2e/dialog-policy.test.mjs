// The dialog under a managed policy: the language is forced to Swedish, a block may be overridden
// but only with a reason, and the override sends the original exactly once.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axDialog, launch, startServer, waitForDialog } from './harness.mjs';
import { PNR, RISKY, backgroundReady, draft, focusButton, sent, siteInfo, type, until } from './protect.mjs';

const HOST = 'claude.ai';
let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launch({
    server,
    extensionDir: process.env.PROMPTVAKT_EXT,
    managedPolicy: { language: 'sv', allowOverride: true, requireOverrideReason: true, organizationName: 'Exempelkommun' },
  });
  await backgroundReady(browser);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('forced Swedish; send anyway needs a reason, then sends the original once', async () => {
  const page = await browser.openSite(HOST);
  const info = await siteInfo(page);
  await page.locator(info.composer).click();
  await page.waitForTimeout(500); // focus loads the site's policy
  await type(page, info, RISKY);
  await page.locator(info.composer).press('Enter');
  const d = await waitForDialog(page);
  assert.ok(d);
  assert.equal(d.name, 'Stopp: texten innehåller uppgifter som inte får skickas');
  assert.equal(d.focused, 'Gå tillbaka och ändra');
  assert.deepEqual(d.buttons, ['Gå tillbaka och ändra', 'Ersätt med platshållare och skicka', 'Skicka ändå', 'Rapportera en incident']);
  assert.match(d.text, /GDPR/);

  // Without a reason nothing is sent and the reason field gets focus.
  assert.ok(await focusButton(page, axDialog, /^Skicka ändå$/));
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
  assert.ok(await axDialog(page), 'still open');
  assert.deepEqual(sent(server, HOST, info), []);
  await page.keyboard.type('Testdata från Skatteverket');
  assert.ok(await focusButton(page, axDialog, /^Skicka ändå$/));
  await page.keyboard.press('Enter');
  await until(() => sent(server, HOST, info).length);
  await page.waitForTimeout(300);
  assert.deepEqual(sent(server, HOST, info), [RISKY]);
  // The reason stays in the dialog: it is never stored or sent anywhere.
  for (const r of server.requests.filter((x) => x.path !== info.path)) assert.ok(!r.body.includes(PNR) && !r.body.includes('Skatteverket'));
  assert.equal(await draft(page, info), '');
  await page.close();
});
