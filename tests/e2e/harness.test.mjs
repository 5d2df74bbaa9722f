// The harness itself: mock hosts resolve to the local server, the CSP is strict, the extension
// loads with the pinned id, and everything else fails to resolve.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EXTENSION_ID, launch, startServer } from './harness.mjs';

test('mock site is served on its host name with a strict CSP, extension id is pinned', async () => {
  const server = await startServer();
  const browser = await launch({ server });
  try {
    assert.equal(browser.extensionId, EXTENSION_ID);
    const page = await browser.openSite('example.test');
    const csp = await page.evaluate(async () => (await fetch('/')).headers.get('content-security-policy'));
    assert.match(csp, /script-src 'self';/);
    await page.fill('#t', 'hej');
    await page.click('#send');
    await page.waitForFunction(() => true);
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(server.posts('example.test').map((r) => JSON.parse(r.body)), [{ text: 'hej' }]);
    const blocked = await page.evaluate(() => fetch('https://elsewhere.invalid/').then(() => 'reached', () => 'failed'));
    assert.equal(blocked, 'failed');
  } finally {
    await browser.close();
    await server.close();
  }
});
