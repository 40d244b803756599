// Drives the office console (/office/) in headless Chromium (Debian's /usr/bin/chromium, driven
// by playwright-core) as office staff would, and prints what happened as one JSON line: what
// the console showed, every URL the browser requested, console errors (a Content-Security-
// Policy violation among them), axe-core's findings on each screen, cookies and storage.
// Screenshots of each screen at 1280x800 and 768x1024 (a tablet) go to the folder given.
// Run by ConsoleBrowserTests: node console-flow.mjs '<json options>'
//   {"flow": "coordinator", "base": "http://localhost:8081", "lang": "en", "username": ..., "password": ...,
//    "totp": "123456", "reference": ..., "purpose": ..., "assignee": ..., "note": ..., "question": ...,
//    "secret": "tip text that must be gone after sign-out", "screenshots": "/abs/folder"}
//   {"flow": "wrong-code", ...}   {"flow": "auditor", ...}
//   {"flow": "admin", ..., "newUsername": ..., "newPassword": ..., "unit": ..., "newUnit": ..., "handoff": "/abs/folder"}
// The admin flow hands over to the test twice (handoff below): after the new account's QR code is
// read, and after the account is disabled; it goes on when the test has tried to sign in with it.
//   {"flow": "provider", "issuer": "http://127.0.0.1:port/realms/office", "reference": ..., "purpose": ...,
//    "waitForRefresh": true}   signs in at the office's identity provider (FakeIdentityProvider)
//   {"flow": "provider-refused", "issuer": ...}   the provider or tipline refuses: what the console says
import { chromium } from 'playwright-core';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const options = JSON.parse(process.argv[2]);
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const LAPTOP = { width: 1280, height: 800 };
const TABLET = { width: 768, height: 1024 };

mkdirSync(options.screenshots, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.TIPLINE_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const result = { requests: [], consoleErrors: [], apiRefusals: [], accessibility: [], screenshots: [] };
let token = null;
try {
  const context = await browser.newContext({ viewport: LAPTOP });
  context.on('request', (request) => result.requests.push(request.method() + ' ' + request.url()));
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() !== 'error') {
      return;
    }
    // Chromium logs every answer of 400 and more; those of the review API are the console's
    // to handle (a 401 for a wrong code, a 404 for a tip without a reward) and are kept apart.
    const url = message.location().url ?? '';
    if (message.text().startsWith('Failed to load resource') && url.startsWith(options.base + '/api/v1/review/')) {
      result.apiRefusals.push(new URL(url).pathname + ' ' + message.text().replace(/.*status of /, ''));
    } else {
      result.consoleErrors.push(message.text() + ' ' + url);
    }
  });
  page.on('pageerror', (error) => result.consoleErrors.push(String(error)));
  page.on('response', async (response) => {
    if (response.url().endsWith('/api/v1/review/session') && response.request().method() === 'POST'
        && response.status() === 200) {
      token = (await response.json()).token;
    }
  });

  await page.goto(options.base + '/office/?lang=' + options.lang);
  await page.waitForSelector('#signin-submit');
  await page.waitForFunction(() => document.documentElement.lang !== '' && document.title !== '');
  result.htmlLang = await page.getAttribute('html', 'lang');
  result.signInTitle = (await page.textContent('#signin-title')).trim();
  await check(page, options.flow + '-1-signin');
  await page.waitForLoadState('networkidle'); // the sign-in options are read and shown
  result.providerShown = await page.isVisible('#provider-signin');
  if (options.flow.startsWith('provider')) {
    await provider(page, context);
  } else {
    await page.fill('#username', options.username);
    await page.fill('#password', options.password);
    await page.fill('#totp', options.totp);
    await page.click('#signin-submit');
  }

  if (options.flow === 'wrong-code') {
    await page.waitForSelector('#signin-error', { state: 'visible', timeout: 30000 });
    result.signinError = (await page.textContent('#signin-error')).trim();
    result.passwordKept = await page.inputValue('#password');
    await check(page, options.flow + '-2-refused');
  } else if (options.flow === 'auditor') {
    await page.waitForSelector('#audit', { state: 'visible', timeout: 30000 });
    result.tipScreens = await page.evaluate(() => ['tips', 'tip', 'nav-tips'].filter((id) => !document.getElementById(id).hidden));
    result.accountScreens = await page.evaluate(() => ['accounts', 'nav-accounts']
      .filter((id) => !document.getElementById(id).hidden));
    await page.click('#audit-verify');
    await page.waitForFunction(() => document.getElementById('verify-result').textContent.length > 0);
    result.verify = await page.textContent('#verify-result');
    await page.click('#audit-head');
    await page.waitForFunction(() => document.getElementById('head-result').textContent.length > 0);
    await page.click('#audit-form button[type=submit]');
    await page.waitForFunction(() => document.querySelectorAll('#audit-rows tr').length > 0);
    result.auditActions = await page.$$eval('#audit-rows tr td:nth-child(4)', (cells) => cells.map((c) => c.textContent));
    await check(page, options.flow + '-2-audit');
    await signOut(page);
  } else if (options.flow === 'admin') {
    await admin(page, context);
  } else if (!options.flow.startsWith('provider')) {
    await coordinator(page);
  }
  result.cookies = (await context.cookies()).length;
} catch (error) {
  result.error = String(error && error.stack ? error.stack : error);
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));

async function coordinator(page) {
  await page.waitForSelector('#tips', { state: 'visible', timeout: 30000 });
  await page.waitForFunction(() => !document.getElementById('new-count').hidden);
  result.newCount = (await page.textContent('#new-count')).trim();
  // Filter to new tips, then page through until the tip is in the list.
  await page.selectOption('#f-status', 'new');
  await page.click('#filters button[type=submit]');
  await page.waitForFunction(() => document.querySelectorAll('#tip-rows tr').length > 0);
  await check(page, 'coordinator-2-list');
  let index = -1;
  for (let pages = 0; pages < 200; pages++) {
    const references = await page.$$eval('#tip-rows button', (buttons) => buttons.map((b) => b.textContent));
    index = references.indexOf(options.reference);
    if (index >= 0 || await page.isDisabled('#next')) {
      break;
    }
    const first = references[0];
    await page.click('#next');
    await page.waitForFunction((was) => document.querySelector('#tip-rows button').textContent !== was, first);
  }
  if (index < 0) {
    throw new Error('the tip is not in the list');
  }
  // The keyboard: j moves down, k up, Enter opens.
  await page.focus('#tip-rows tr:first-child button');
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  result.afterJK = await page.evaluate(() => document.activeElement.closest('tr') === document.querySelector('#tip-rows tr'));
  for (let i = 0; i < index; i++) {
    await page.keyboard.press('j');
  }
  result.selected = await page.evaluate(() => document.activeElement.textContent);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#purpose-form', { state: 'visible' });
  result.focusedOnOpen = await page.evaluate(() => document.activeElement.id);
  result.contentBeforeRead = await page.isVisible('#tip-content');
  await check(page, 'coordinator-3-purpose');
  await page.fill('#purpose', options.purpose);
  await page.click('#read');
  await page.waitForSelector('#tip-content', { state: 'visible', timeout: 30000 });
  result.description = await page.textContent('#tip-description');
  result.recorded = (await page.textContent('#recorded')).trim();
  result.storageSignedIn = await storage(page);
  await check(page, 'coordinator-4-tip');

  await page.fill('#w-assignee', options.assignee);
  await page.click('#save');
  await page.waitForFunction(() => document.getElementById('notice').textContent.length > 0);
  result.afterSave = (await page.textContent('#notice')).trim();
  await page.fill('#note', options.note);
  await page.click('#note-add');
  await page.waitForFunction((note) => [...document.querySelectorAll('#notes .text')].some((n) => n.textContent === note),
    options.note, { timeout: 30000 });
  await page.fill('#ask', options.question);
  await page.click('#ask-send');
  await page.waitForFunction((q) => [...document.querySelectorAll('#messages .text')].some((n) => n.textContent === q),
    options.question, { timeout: 30000 });
  result.messages = await page.$$eval('#messages .text', (items) => items.map((item) => item.textContent));
  await check(page, 'coordinator-5-worked');

  await signOut(page);
  // textContent, not innerText: hidden screens count too.
  result.textAfterSignOut = await page.evaluate(() => document.body.textContent);
  result.storageAfterSignOut = await storage(page);
  await page.goBack().catch(() => {});
  result.textAfterBack = await page.evaluate(() => (document.body ? document.body.textContent : ''));
  await page.goForward().catch(() => {});
  result.textAfterForward = await page.evaluate(() => (document.body ? document.body.textContent : ''));
  result.tokenAfterSignOut = await fetch(options.base + '/api/v1/review/tips',
    { headers: { Authorization: 'Bearer ' + token } }).then((r) => r.status);
}

/**
 * An admin: the accounts screen only; creates an account, reads its enrolment QR code from the
 * pixels the browser drew, removes it with "done", meets two refusals, disables the account,
 * changes its roles, programs and unit, and enables it again.
 */
async function admin(page, context) {
  const rowOf = (username) => '#account-rows tr[data-username="' + username + '"]';
  await page.waitForSelector('#accounts', { state: 'visible', timeout: 30000 });
  await page.waitForSelector(rowOf(options.username));
  result.otherScreens = await page.evaluate(() => ['tips', 'tip', 'audit', 'nothing', 'nav-tips', 'nav-audit', 'new-count']
    .filter((id) => !document.getElementById(id).hidden));
  result.navAccounts = await page.isVisible('#nav-accounts');
  await check(page, 'admin-2-accounts');

  await page.fill('#c-username', options.newUsername);
  await page.fill('#c-password', options.newPassword);
  await page.check('#c-role-coordinator');
  await page.fill('#c-programs', 'default');
  await page.fill('#c-unit', options.unit);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url() === options.base + '/api/v1/review/accounts' && r.request().method() === 'POST'),
    page.click('#account-create')]);
  result.createStatus = response.status();
  result.createdUri = (await response.json()).totpUri;
  await page.waitForSelector('#enrolment-code', { state: 'visible' });
  await page.waitForSelector(rowOf(options.newUsername));
  result.focusAfterCreate = await page.evaluate(() => document.activeElement.id);
  result.passwordAfterCreate = await page.inputValue('#c-password');
  // What the browser drew, as pixels: the QR element's screenshot, decoded here.
  const image = PNG.sync.read(await page.locator('#enrolment-code').screenshot());
  const decoded = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
  result.qrText = decoded ? decoded.data : null;
  result.secretShown = (await page.textContent('#enrolment-secret')).trim();
  await check(page, 'admin-3-enrolment');
  // The heap check below sees a text that the page's script holds (and so could see the secret).
  const marker = 'heap-probe-' + Math.random().toString(36).slice(2);
  await page.evaluate((text) => { window.tiplineProbe = Array.from(text).reverse().join(''); }, marker);
  result.heapHoldsProbe = await heapHolds(page, context, Array.from(marker).reverse().join(''));
  await page.evaluate(() => { delete window.tiplineProbe; });
  await handoff('enrolled', { qrText: result.qrText });

  await page.click('#enrolment-done');
  result.focusAfterDone = await page.evaluate(() => document.activeElement.id);
  result.textAfterDone = await page.evaluate(() => document.body.textContent);
  result.htmlAfterDone = await page.evaluate(() => document.documentElement.outerHTML);
  result.qrElementsAfterDone = await page.evaluate(() => document.querySelectorAll('svg, canvas, img, #enrolment-code').length);
  result.heapHoldsSecret = await heapHolds(page, context, secretOf(result.createdUri));

  // Refusals: the same username again (409), a password too short (400).
  await page.fill('#c-username', options.newUsername);
  await page.fill('#c-password', options.newPassword);
  await page.check('#c-role-reviewer');
  await page.fill('#c-programs', 'default');
  await page.click('#account-create');
  await page.waitForSelector('#account-error', { state: 'visible' });
  result.duplicateError = (await page.textContent('#account-error')).trim();
  await page.fill('#c-username', options.newUsername + '-b');
  await page.fill('#c-password', 'too short');
  await page.click('#account-create');
  await page.waitForFunction((was) => document.getElementById('account-error').textContent !== was, result.duplicateError);
  result.shortPasswordError = (await page.textContent('#account-error')).trim();
  result.enrolmentShownAfterRefusals = await page.isVisible('#enrolment');
  await check(page, 'admin-4-refused');

  await page.click(rowOf(options.newUsername) + ' button.toggle');
  await page.waitForFunction((selector) => document.querySelector(selector + ' td:nth-child(5)').textContent === 'disabled',
    rowOf(options.newUsername));
  result.noticeAfterDisable = (await page.textContent('#notice')).trim();
  await handoff('disabled', {});

  await page.click(rowOf(options.newUsername) + ' button.edit');
  await page.waitForSelector('#account-edit', { state: 'visible' });
  result.focusOnEdit = await page.evaluate(() => document.activeElement.id);
  result.editRolesBefore = await page.$$eval('#account-edit input[name=roles]:checked', (boxes) => boxes.map((b) => b.value));
  await page.uncheck('#e-role-coordinator');
  await page.check('#e-role-reviewer');
  await page.fill('#e-programs', 'default, east');
  await page.fill('#e-unit', options.newUnit);
  await check(page, 'admin-5-edit');
  await page.click('#edit-save');
  await page.waitForSelector('#account-edit', { state: 'hidden' });
  await page.click(rowOf(options.newUsername) + ' button.toggle');
  await page.waitForFunction((selector) => document.querySelector(selector + ' td:nth-child(5)').textContent === 'active',
    rowOf(options.newUsername));
  result.rowAfterChanges = await page.$$eval(rowOf(options.newUsername) + ' td', (cells) => cells.slice(0, 5)
    .map((cell) => cell.textContent));
  await check(page, 'admin-6-changed');
  await signOut(page);
  result.textAfterSignOut = await page.evaluate(() => document.body.textContent);
}

function secretOf(uri) {
  return (/[?&]secret=([A-Z2-7]+)/.exec(uri ?? '') || [])[1] ?? '';
}

/** Whether the page's JavaScript heap, after a full collection, still holds this text. */
async function heapHolds(page, context, text) {
  const cdp = await context.newCDPSession(page);
  const chunks = [];
  cdp.on('HeapProfiler.addHeapSnapshotChunk', (event) => chunks.push(event.chunk));
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  await cdp.detach();
  return chunks.join('').includes(text);
}

/** Writes <name>.json for the test and waits for its <name>.go. */
async function handoff(name, data) {
  const file = join(options.handoff, name + '.json');
  writeFileSync(file + '.part', JSON.stringify(data));
  renameSync(file + '.part', file);
  const go = join(options.handoff, name + '.go');
  for (let waited = 0; !existsSync(go); waited += 100) {
    if (waited > 120000) {
      throw new Error('the test did not answer ' + name);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// Signs in through the identity provider: its button, the provider's immediate answer, back to the
// console. Records where the browser is and what storage holds once back, the token each API
// request carried, whether a refresh happened, and after sign-out: any request that still
// carries a token or refreshes one, and which of the tokens the provider issued the page's
// JavaScript heap still holds.
async function provider(page, context) {
  const bearers = [];
  page.on('request', (request) => {
    const authorization = request.headers().authorization;
    if (authorization) {
      bearers.push({ url: request.url(), token: authorization.replace(/^Bearer /, '') });
    }
  });
  result.providerButton = (await page.textContent('#provider-signin')).replace(/\s+/g, ' ').trim();
  await page.click('#provider-signin');
  if (options.flow === 'provider-refused') {
    await page.waitForSelector('#signin-error', { state: 'visible', timeout: 30000 });
    result.signinError = (await page.textContent('#signin-error')).trim();
    result.urlAfterCallback = page.url();
    result.storageAfterCallback = await storage(page);
    result.signedIn = await page.isVisible('#signout');
    await check(page, options.flow + '-2-refused');
    return;
  }
  await page.waitForSelector('#tips', { state: 'visible', timeout: 30000 });
  result.urlAfterCallback = page.url();
  result.storageAfterCallback = await storage(page);
  result.whoami = (await page.textContent('#whoami')).trim();
  await check(page, 'provider-2-list');
  if (options.waitForRefresh) {
    await page.waitForResponse((response) => response.url().startsWith(options.issuer) && response.url().endsWith('/token')
      && (response.request().postData() ?? '').includes('grant_type=refresh_token'), { timeout: 30000 });
    await page.waitForTimeout(500);
  }
  await page.selectOption('#f-status', 'new');
  await page.click('#filters button[type=submit]');
  await page.waitForFunction(() => document.querySelectorAll('#tip-rows tr').length > 0);
  for (let pages = 0; pages < 200; pages++) {
    const references = await page.$$eval('#tip-rows button', (buttons) => buttons.map((b) => b.textContent));
    if (references.includes(options.reference) || await page.isDisabled('#next')) {
      break;
    }
    await page.click('#next');
    await page.waitForFunction((was) => document.querySelector('#tip-rows button').textContent !== was, references[0]);
  }
  await page.click(`#tip-rows button:text-is("${options.reference}")`);
  await page.fill('#purpose', options.purpose);
  await page.click('#read');
  await page.waitForSelector('#tip-content', { state: 'visible', timeout: 30000 });
  result.description = await page.textContent('#tip-description');
  result.readToken = bearers.filter((b) => b.url.includes('/tips/' + options.reference + '?')).map((b) => b.token)[0];
  result.storageSignedIn = await storage(page);
  await check(page, 'provider-3-tip');

  const before = bearers.length;
  let refreshesAfter = 0;
  page.on('request', (request) => {
    if (request.url().startsWith(options.issuer)) {
      refreshesAfter += 1;
    }
  });
  await signOut(page);
  await page.waitForTimeout(7000); // past the next refresh the signed-in console would have made
  result.bearersAfterSignOut = bearers.length - before;
  result.providerRequestsAfterSignOut = refreshesAfter;
  result.storageAfterSignOut = await storage(page);
  result.textAfterSignOut = await page.evaluate(() => document.body.textContent);
  const issued = (await (await fetch(new URL('/control/state', options.issuer))).json()).issued;
  const cdp = await context.newCDPSession(page);
  const chunks = [];
  cdp.on('HeapProfiler.addHeapSnapshotChunk', (event) => chunks.push(event.chunk));
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  const heap = chunks.join('');
  result.tokensIssued = issued.length;
  result.tokensInHeap = issued.filter((token) => heap.includes(token)).length;
}

async function signOut(page) {
  await page.click('#signout');
  await page.waitForSelector('#signin', { state: 'visible' });
  await check(page, options.flow + '-9-signed-out');
}

async function storage(page) {
  return page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length, cookie: document.cookie }));
}

async function check(page, name) {
  for (const [size, viewport] of [['1280x800', LAPTOP], ['768x1024', TABLET]]) {
    await page.setViewportSize(viewport);
    const file = join(options.screenshots, name + '-' + size + '.png');
    await page.screenshot({ path: file, fullPage: true });
    result.screenshots.push(file);
  }
  await page.setViewportSize(LAPTOP);
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const found = await window.axe.run(document, { resultTypes: ['violations'] });
    return found.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
  result.accessibility.push({ screen: name, violations });
}
