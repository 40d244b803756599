// Drives tipline's own page in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core), as a tipster would, and prints what happened as one JSON line: what the
// page showed, every URL the browser requested, console errors (a Content-Security-Policy
// violation among them), axe-core's serious and critical findings on each screen, cookies and
// storage. Every request's method, URL, headers and post body are in "traffic", for the test
// to check that nothing of the tip or the passphrase left the browser in clear. Screenshots of
// each step at 360x740 and 1280x800 go to the folder given.
// Run by PageBrowserTests: node page-flow.mjs '<json options>'
//   {"flow": "tip", "base": "http://localhost:8081", "lang": "fr", "javaScript": true,
//    "description": "...", "screenshots": "/abs/folder"}
//   {"flow": "replies", "base": ..., "lang": "en", "reference": ..., "passphrase": ..., "answer": "...", ...}
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const options = JSON.parse(process.argv[2]);
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };

mkdirSync(options.screenshots, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.TIPLINE_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const result = { requests: [], traffic: [], consoleErrors: [], accessibility: [], screenshots: [] };
const recording = [];
let checker = null; // a page with JavaScript, for axe-core when the tipster's page has none
try {
  const context = await browser.newContext({ javaScriptEnabled: options.javaScript !== false, viewport: PHONE });
  if (options.javaScript === false) {
    checker = await (await browser.newContext({ viewport: PHONE })).newPage();
  }
  context.on('request', (request) => {
    result.requests.push(request.method() + ' ' + request.url());
    const seen = { method: request.method(), url: request.url(), headers: request.headers(), body: request.postData() };
    result.traffic.push(seen);
    // Every header as sent, where the browser reports them (a request that never ends may not).
    recording.push(request.allHeaders().then((headers) => {
      seen.headers = { ...seen.headers, ...headers };
    }));
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') {
      result.consoleErrors.push(message.text());
    }
  });
  page.on('pageerror', (error) => result.consoleErrors.push(String(error)));

  if (options.flow === 'tip') {
    await tip(page);
  } else {
    await replies(page);
  }
  result.cookies = (await context.cookies()).length;
  await Promise.race([Promise.allSettled(recording), new Promise((done) => setTimeout(done, 5000))]);
} catch (error) {
  result.error = String(error && error.stack ? error.stack : error);
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));

async function tip(page) {
  await page.goto(options.base + '/?lang=' + options.lang);
  result.formTitle = await page.textContent('h1');
  result.htmlLang = await page.getAttribute('html', 'lang');
  await check(page, 'tip-' + flowName() + '-1-form');
  await page.selectOption('#category', 'drugs');
  await page.fill('#description', options.description);
  await page.fill('#location', 'Elm Street');
  await page.fill('#date', '2026-11-20');
  await page.fill('#time', '21:30');
  await shoot(page, 'tip-' + flowName() + '-2-filled');
  if (options.javaScript !== false) {
    // Every text the status line shows, in order (the sealing step among them).
    await page.evaluate(() => {
      window.statusTexts = [];
      const status = document.getElementById('status');
      new MutationObserver(() => window.statusTexts.push(status.textContent))
        .observe(status, { childList: true, characterData: true, subtree: true });
    });
    await page.click('#submit');
    await page.waitForSelector('#progress', { state: 'visible', timeout: 10000 }).catch(() => {});
    await shoot(page, 'tip-' + flowName() + '-3-solving');
    await page.waitForFunction(() => !document.getElementById('receipt').hidden
      || !document.getElementById('page-error').hidden, null, { timeout: 90000 });
    result.pageError = await page.textContent('#page-error');
    await page.waitForSelector('#receipt', { state: 'visible', timeout: 1000 });
    result.statusTexts = await page.evaluate(() => window.statusTexts.filter((t) => t));
    result.focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
    await readReceipt(page);
    result.storage = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length,
      cookie: document.cookie }));
    await check(page, 'tip-' + flowName() + '-4-receipt');
    // Leaving without confirming is held back; confirming leaves for a fresh form.
    await page.click('#receipt-done');
    result.confirmNeededShown = await page.isVisible('#receipt-confirm-needed');
    result.stillOnReceipt = await page.isVisible('#receipt');
    await page.check('#receipt-confirm');
    await Promise.all([page.waitForURL((url) => url.pathname === '/' && url.search.includes('lang=')),
      page.click('#receipt-done')]);
    result.afterConfirm = await page.isVisible('#tip-form');
    await shoot(page, 'tip-' + flowName() + '-5-after');
  } else {
    await Promise.all([page.waitForURL((url) => url.pathname === '/page/tip'), page.click('#submit')]);
    await readReceipt(page);
    await check(page, 'tip-' + flowName() + '-4-receipt');
  }
}

async function readReceipt(page) {
  result.receiptTitle = (await page.textContent('#receipt-title')).trim();
  result.reference = (await page.textContent('#receipt-reference')).trim();
  result.passphrase = (await page.textContent('#receipt-passphrase')).trim();
}

async function replies(page) {
  await page.goto(options.base + '/page/replies?lang=' + options.lang);
  await check(page, 'replies-1-signin');
  await page.fill('#reference', options.reference);
  await page.fill('#passphrase', options.passphrase);
  await page.click('#signin');
  await page.waitForFunction(() => !document.getElementById('mailbox').hidden
    || !document.getElementById('page-error').hidden, null, { timeout: 90000 });
  result.signinError = await page.textContent('#page-error');
  await page.waitForSelector('#mailbox', { state: 'visible', timeout: 1000 });
  result.status = await page.textContent('#mailbox-status');
  result.messages = await page.$$eval('#messages .text', (items) => items.map((item) => item.textContent));
  await check(page, 'replies-2-mailbox');
  await page.fill('#answer', options.answer);
  await page.click('#answer-send');
  await page.waitForFunction(() => document.querySelectorAll('#messages .text').length > 0
    && document.getElementById('answer-status').textContent.length > 0, null, { timeout: 30000 });
  result.messagesAfter = await page.$$eval('#messages .text', (items) => items.map((item) => item.textContent));
  await shoot(page, 'replies-3-answered');
  result.storage = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length,
    cookie: document.cookie }));
}

function flowName() {
  return (options.javaScript === false ? 'nojs-' : 'js-') + options.lang;
}

/**
 * Screenshots at both sizes, then axe-core's findings on this screen. axe-core needs
 * JavaScript (timers): for a page without it, the same HTML is checked at the same address
 * in a page with JavaScript, its stylesheet loaded from tipline.
 */
async function check(page, name) {
  await shoot(page, name);
  let target = page;
  if (checker) {
    const html = await page.content();
    const url = page.url();
    await checker.route(url, (route) => route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }));
    await checker.goto(url);
    await checker.unroute(url);
    target = checker;
  }
  const violations = await axeFindings(target);
  result.accessibility.push({ screen: name, violations });
}

async function axeFindings(page) {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const found = await window.axe.run(document, { resultTypes: ['violations'] });
    return found.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

async function shoot(page, name) {
  for (const [size, viewport] of [['360x740', PHONE], ['1280x800', DESKTOP]]) {
    await page.setViewportSize(viewport);
    const file = join(options.screenshots, name + '-' + size + '.png');
    await page.screenshot({ path: file, fullPage: true });
    result.screenshots.push(file);
  }
  await page.setViewportSize(PHONE);
}
