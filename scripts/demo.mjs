#!/usr/bin/env node
// `make run`: the extension in Chromium on a local copy of a chat site. With a display, a window
// opens and stays until you close it. Without one, the same demo runs headless: it types a risky
// prompt, presses Enter, and writes a screenshot and a short report to target/demo/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, launch, startServer, waitForDialog } from '../tests/e2e/harness.mjs';

const SITE = 'chatgpt.com';
// Skatteverket's test personnummer and a fictional person: safe to show anywhere.
const RISKY =
  'Hjälp mig skriva ett beslut om försörjningsstöd till Leila Haddad, 19780623-2380. ' +
  'Hon är sjukskriven för depression sedan mars.';
const CLEAN = 'Skriv ett kort, vänligt svar till en medborgare som frågar om öppettiderna på biblioteket.';

const outDir = join(ROOT, 'target', 'demo');
const headless = !process.env.DISPLAY || process.env.PROMPTVAKT_HEADLESS === '1';

const server = await startServer();
const browser = await launch({ server, headless, locale: process.env.PROMPTVAKT_LOCALE ?? 'sv-SE' });
const page = await browser.openSite(SITE);
const composer = page.locator('#prompt-textarea');
const draftText = () => composer.evaluate((el) => (el.tagName === 'TEXTAREA' ? el.value : el.innerText).trim());

if (!headless) {
  console.log(`Promptvakt demo: Chromium shows a local copy of ${SITE} with the extension loaded.`);
  console.log('Try a prompt with a personnummer or a name. Close the browser window to stop.');
  await composer.fill(RISKY);
  await new Promise((resolve) => browser.ctx.on('close', resolve));
  await server.close();
  process.exit(0);
}

console.log('No display found: running the demo headless.');
mkdirSync(outDir, { recursive: true });
const lines = [`Promptvakt demo (headless), extension id ${browser.extensionId}`, `Site: https://${SITE}/ (local mock)`, ''];

await composer.click();
await composer.fill(RISKY);
await page.waitForTimeout(600);
await composer.press('Enter');
const dialog = await waitForDialog(page, 8000);
const sentRisky = server.posts(SITE).length;
lines.push('1. Risky prompt + Enter:');
lines.push(dialog ? `   stopped; dialog "${dialog.name}" shown, focus on "${dialog.focused}"` : '   NO DIALOG SHOWN');
lines.push(`   requests that carried the prompt to the site: ${sentRisky}`);
if (dialog) lines.push(`   dialog actions: ${dialog.buttons.join(' | ')}`);
await page.screenshot({ path: join(outDir, 'dialog.png') });
lines.push(`   screenshot: target/demo/dialog.png`, '');

await page.keyboard.press('Escape');
await page.waitForTimeout(300);
const draft = await draftText();
lines.push(`2. Escape: the draft is ${draft === RISKY ? 'kept unchanged' : 'CHANGED OR LOST'}`, '');

await composer.fill(CLEAN);
await page.waitForTimeout(600);
await composer.press('Enter');
await page.waitForTimeout(1000);
const sent = server.posts(SITE).map((r) => r.body);
await page.waitForTimeout(300);
const cleanSent = sent.filter((b) => b.includes('biblioteket')).length;
lines.push(`3. Clean prompt + Enter: sent ${cleanSent} time(s)`);
await page.screenshot({ path: join(outDir, 'clean.png') });

const ok = Boolean(dialog) && sentRisky === 0 && draft === RISKY && cleanSent === 1;
lines.push('', ok ? 'Result: Promptvakt stopped the risky prompt and let the clean one through.' : 'Result: UNEXPECTED, see above.');
writeFileSync(join(outDir, 'report.txt'), lines.join('\n') + '\n');
console.log(lines.join('\n'));
console.log(`\nWrote ${join('target', 'demo', 'report.txt')} and screenshots in target/demo/.`);
await browser.close();
await server.close();
process.exit(ok ? 0 : 1);
