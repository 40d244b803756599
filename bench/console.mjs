// console.mjs: how long office staff wait on the office console (bench/console.sh runs it; see
// bench/README.md, "The office console"). Debian's chromium, driven by playwright-core (from
// src/test/js), opens /office/ once per account, each time in a fresh context (empty cache), at
// 1280x800, and measures:
//   - sign-in to a decrypted tip on screen: from the click on "Sign in" (username, password and
//     the current TOTP code already typed) to the tips list, then opening the first tip, typing
//     a purpose and clicking "Read", until the tip's text is shown; the robot types at once, so
//     this is what the machine adds to a person's own time;
//   - its parts: sign-in to the list shown, opening a tip to the purpose form, "Read" to the text;
//   - the list screen with 100 tips a page: from choosing 100 tips a page, and from each click on
//     "Next page", to 100 new rows drawn (PAGES clicks a run), over the whole table of tips.
// Prints one JSON line: every run's figures, and medians and p95 over all runs.
// Usage: node bench/console.mjs '{"base": "http://127.0.0.1:8080", "accounts": [{"username": ..,
//   "password": .., "secret": "<base32 TOTP secret>"}], "pages": 20}'
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const { chromium } = createRequire(join(here, '..', 'src', 'test', 'js', 'package.json'))('playwright-core');
const options = { pages: 20, ...JSON.parse(process.argv[2]) };
const PURPOSE = 'console benchmark';

// RFC 6238 with the parameters tipline's enrolment uses (SHA-1, 6 digits, 30 s), as review.py does.
function totp(base32, at = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of base32.replace(/=+$/, '').toUpperCase()) {
    bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  }
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const digest = createHmac('sha1', key).update(counter).digest();
  const offset = digest[digest.length - 1] & 0x0f;
  return String((digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

const median = (values) => percentile(values, 0.5);
function percentile(values, fraction) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(fraction * sorted.length) - 1)];
}

const browser = await chromium.launch({
  executablePath: process.env.TIPLINE_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const runs = [];
try {
  for (const account of options.accounts) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const failures = [];
    page.on('response', (response) => {
      if (response.status() >= 400 && !response.url().endsWith('/reward')) {
        failures.push(response.status() + ' ' + new URL(response.url()).pathname);
      }
    });
    await page.goto(options.base + '/office/?lang=en', { waitUntil: 'load' });
    await page.waitForSelector('#signin-submit');
    await page.fill('#username', account.username);
    await page.fill('#password', account.password);
    // A code early in its 30-second step, so that it is still current when it arrives.
    while (Date.now() / 1000 % 30 > 25) {
      await page.waitForTimeout(500);
    }
    await page.fill('#totp', totp(account.secret));
    const signInAt = await now(page);
    await page.click('#signin-submit');
    await page.waitForFunction(() => !document.getElementById('tips').hidden
      && document.querySelectorAll('#tip-rows tr').length > 0, null, { timeout: 60000 });
    const listAt = await now(page);
    const first = await page.textContent('#tip-rows tr:first-child button');
    await page.click('#tip-rows tr:first-child button');
    await page.waitForSelector('#purpose-form', { state: 'visible' });
    const purposeAt = await now(page);
    await page.fill('#purpose', PURPOSE);
    const readAt = await now(page);
    await page.click('#read');
    await page.waitForFunction(() => {
      const content = document.getElementById('tip-content');
      return content && !content.hidden && document.getElementById('tip-description').textContent.length > 0;
    }, null, { timeout: 60000 });
    const shownAt = await now(page);
    const run = {
      reference: first,
      signInToDecryptedMs: shownAt - signInAt,
      signInToListMs: listAt - signInAt,
      openToPurposeMs: purposeAt - listAt,
      readToTextMs: shownAt - readAt,
      pageOf100Ms: [],
    };

    // Back to the list; 100 tips a page; then "Next page" PAGES times.
    await page.click('#back');
    await page.waitForSelector('#tips', { state: 'visible' });
    let before;
    let t0 = await now(page);
    await page.selectOption('#page-size', '100');
    await waitForPage(page, null); // the first page again, now of 100
    run.pageSizeTo100Ms = (await now(page)) - t0;
    for (let i = 0; i < options.pages && !(await page.isDisabled('#next')); i++) {
      before = await page.textContent('#tip-rows tr:first-child button');
      t0 = await now(page);
      await page.click('#next');
      await waitForPage(page, before);
      run.pageOf100Ms.push((await now(page)) - t0);
    }
    run.failures = failures;
    runs.push(run);
    await context.close();
  }
} finally {
  await browser.close();
}
const pages = runs.flatMap((run) => run.pageOf100Ms);
console.log(JSON.stringify({
  runs,
  summary: {
    runs: runs.length,
    signInToDecryptedMedianMs: median(runs.map((r) => r.signInToDecryptedMs)),
    signInToDecryptedMaxMs: Math.max(...runs.map((r) => r.signInToDecryptedMs)),
    signInToListMedianMs: median(runs.map((r) => r.signInToListMs)),
    openToPurposeMedianMs: median(runs.map((r) => r.openToPurposeMs)),
    readToTextMedianMs: median(runs.map((r) => r.readToTextMs)),
    pagesOf100: pages.length,
    pageOf100MedianMs: median(pages),
    pageOf100P95Ms: percentile(pages, 0.95),
    failures: runs.flatMap((r) => r.failures),
  },
}));

async function now(page) {
  return page.evaluate(() => performance.now());
}

// 100 rows, whose first reference differs from the page before's (unless none is given).
async function waitForPage(page, before) {
  await page.waitForFunction((was) => {
    const rows = document.querySelectorAll('#tip-rows tr');
    const first = document.querySelector('#tip-rows tr:first-child button');
    return rows.length === 100 && first && (was === null || first.textContent !== was);
  }, before, { timeout: 60000 });
}
