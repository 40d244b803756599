// Opens a page in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core)
// and prints, as one JSON line, what the page put in window.tiplineResult once it is set,
// with the console errors the browser reported on the way (CORS refusals among them).
// Run by the browser tests: node open-page.mjs <url> [timeout-ms]
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const url = process.argv[2];
const timeout = Number(process.argv[3] ?? 60000);
const profile = mkdtempSync(join(process.env.TIPLINE_BROWSER_PROFILES ?? tmpdir(), 'tipline-chromium-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.TIPLINE_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const consoleErrors = [];
try {
  const page = await browser.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') {
      consoleErrors.push(message.text());
    }
  });
  await page.goto(url);
  await page.waitForFunction(() => window.tiplineResult !== undefined, null, { timeout });
  const result = await page.evaluate(() => window.tiplineResult);
  console.log(JSON.stringify({ result, consoleErrors }));
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
