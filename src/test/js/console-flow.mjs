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
//   {"flow": "casework", ..., "description", "purpose", "question", "answer", "reopenedAnswer", "wrongCode",
//    "reward": {"amount", "currency", "approvalReference", "instructions"}}   (the tipster on tipline's page too)
//   {"flow": "reviewer", ..., "reference", "otherReference", "purpose", "question", "description"}
//   {"flow": "audit-trail", ..., "reference", "actor", "pagedReference"}   {"flow": "no-tips", ...}
//   {"flow": "session-expiry", ..., "reference", "purpose", "description", "liveAfterMs"}
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const options = JSON.parse(process.argv[2]);
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const LAPTOP = { width: 1280, height: 800 };
const TABLET = { width: 768, height: 1024 };
const PHONE = { width: 360, height: 740 };
/** The work flows of issue 14, each its own function below. */
const FLOWS = { casework, reviewer, 'audit-trail': auditTrail, 'session-expiry': sessionExpiry,
  'no-tips': async (page) => { await noTips(page); await signOut(page); } };

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
  await page.fill('#username', options.username);
  await page.fill('#password', options.password);
  await page.fill('#totp', options.totp);
  await page.click('#signin-submit');
  result.signedInAt = Date.now();

  if (options.flow === 'wrong-code') {
    await page.waitForSelector('#signin-error', { state: 'visible', timeout: 30000 });
    result.signinError = (await page.textContent('#signin-error')).trim();
    result.passwordKept = await page.inputValue('#password');
    await check(page, options.flow + '-2-refused');
  } else if (options.flow === 'auditor') {
    await page.waitForSelector('#audit', { state: 'visible', timeout: 30000 });
    result.tipScreens = await page.evaluate(() => ['tips', 'tip', 'nav-tips'].filter((id) => !document.getElementById(id).hidden));
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
  } else if (FLOWS[options.flow]) {
    await FLOWS[options.flow](page);
  } else {
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

// ---- the work flows of issue 14 ------------------------------------------------------------

/**
 * A tip from tipline's page to a paid reward: the coordinator is signed in when a tipster
 * submits a tip on the page (a second browser, a phone); the coordinator finds it (100 tips a
 * page), reads it, assigns it and asks; the tipster answers on the page; the coordinator reads
 * the answer and records the board's reward; the tipster sees it with its payout code; a wrong
 * code is refused, the code as the tipster reads it out marks it paid; the coordinator closes
 * the conversation (the page then takes no answer) and reopens it (the page takes one again).
 */
async function casework(page) {
  await page.waitForSelector('#tips', { state: 'visible', timeout: 30000 });
  const tipster = await tipsterPage();
  const receipt = await tipsterSubmits(tipster, options.description);
  result.reference = receipt.reference;

  await Promise.all([page.waitForResponse((r) => r.url().includes('/api/v1/review/tips?') && r.url().includes('size=100')),
    page.selectOption('#page-size', '100')]);
  result.storageWithPageSize = await storage(page);
  result.urlWithPageSize = page.url();
  await openFromList(page, receipt.reference, 'casework-2-list');
  await readWithPurpose(page, options.purpose);
  result.description = await page.textContent('#tip-description');
  await page.waitForFunction(() => document.getElementById('reward-state').textContent.length > 0);
  result.rewardBefore = (await page.textContent('#reward-state')).trim();
  result.payoutOfferedBefore = await page.isVisible('#payout-form');
  await page.fill('#w-assignee', options.username);
  result.afterSave = await noticeAfter(page, () => page.click('#save'));
  await page.fill('#ask', options.question);
  await page.click('#ask-send');
  await waitForMessage(page, options.question);

  const first = await tipsterChecks(tipster, receipt, 'casework-tipster-1-question');
  result.tipsterSawQuestion = first.messages;
  await tipsterAnswers(tipster, options.answer);

  await page.click('#dialogue-read');
  await waitForMessage(page, options.answer);
  result.consoleMessages = await page.$$eval('#messages li', (items) => items.map((item) => item.textContent));
  await check(page, 'casework-3-answer');

  const reward = options.reward;
  await page.fill('#r-amount', reward.amount);
  await page.fill('#r-currency', reward.currency);
  await page.fill('#r-approval', reward.approvalReference);
  await page.fill('#r-instructions', reward.instructions);
  result.afterReward = await noticeAfter(page, () => page.click('#reward-form button[type=submit]'));
  result.rewardApproved = (await page.textContent('#reward-state')).trim();
  result.payoutOffered = await page.isVisible('#payout-form');
  await check(page, 'casework-4-reward');

  const second = await tipsterChecks(tipster, receipt, 'casework-tipster-2-reward');
  result.tipsterReward = second.reward;
  const code = second.reward.code;
  await page.fill('#r-code', options.wrongCode);
  result.afterWrongCode = await noticeAfter(page, () => page.click('#payout-form button[type=submit]'));
  // Read out over the phone: lower case, spaces for dashes.
  await page.fill('#r-code', code.toLowerCase().replaceAll('-', ' '));
  result.afterPayout = await noticeAfter(page, () => page.click('#payout-form button[type=submit]'));
  result.rewardPaid = (await page.textContent('#reward-state')).trim();
  result.offeredWhenPaid = { record: await page.isVisible('#reward-form'), payout: await page.isVisible('#payout-form') };

  result.afterClose = await noticeAfter(page, () => page.click('#dialogue-close'));
  result.offeredWhenClosed = { ask: await page.isVisible('#ask-form'), close: await page.isVisible('#dialogue-close'),
    reopen: await page.isVisible('#dialogue-open') };
  await check(page, 'casework-5-closed');
  const third = await tipsterChecks(tipster, receipt, 'casework-tipster-3-closed');
  result.tipsterWhenClosed = third;

  result.afterReopen = await noticeAfter(page, () => page.click('#dialogue-open'));
  result.offeredWhenOpen = { ask: await page.isVisible('#ask-form'), close: await page.isVisible('#dialogue-close'),
    reopen: await page.isVisible('#dialogue-open') };
  const fourth = await tipsterChecks(tipster, receipt, null);
  result.tipsterWhenReopened = { closedShown: fourth.closedShown, answerForm: fourth.answerForm };
  await tipsterAnswers(tipster, options.reopenedAnswer);
  result.tipsterStorage = await storage(tipster);
  result.tipsterCookies = (await tipster.context().cookies()).length;

  await signOut(page);
  result.textAfterSignOut = await page.evaluate(() => document.body.textContent);
  result.storageAfterSignOut = await storage(page);
}

/**
 * A reviewer: the list holds the tip assigned to them and not the other; the tip screen offers
 * status, disposition, notes and the conversation, shows the reward's state, and offers no
 * assignee, unit, closing, reopening or reward. Shown by force, closing and recording a reward
 * get the API's 403. Then the session is ended on the server: the next request (r) finds it gone, and the
 * console clears the tip and asks to sign in again.
 */
async function reviewer(page) {
  await page.waitForSelector('#tips', { state: 'visible', timeout: 30000 });
  await page.waitForFunction(() => document.querySelectorAll('#tip-rows tr').length > 0
    || !document.getElementById('tips-empty').hidden);
  result.listed = await page.$$eval('#tip-rows button', (buttons) => buttons.map((b) => b.textContent));
  result.navAudit = await page.isVisible('#nav-audit');
  await check(page, 'reviewer-2-list');
  await openFromList(page, options.reference, null, '');
  await readWithPurpose(page, options.purpose);
  result.description = await page.textContent('#tip-description');
  await page.waitForFunction(() => document.getElementById('reward-state').textContent.length > 0);
  result.rewardState = (await page.textContent('#reward-state')).trim();
  result.offered = await page.evaluate(() => Object.fromEntries(['w-status', 'w-disposition', 'note-form', 'dialogue-read',
    'ask-form', 'w-assignee', 'w-unit', 'dialogue-close', 'dialogue-open', 'reward-form', 'payout-form']
    .map((id) => [id, document.getElementById(id).checkVisibility()])));
  await check(page, 'reviewer-3-tip');
  await page.selectOption('#w-status', 'triaged');
  result.afterStatus = await noticeAfter(page, () => page.click('#save'));
  await page.click('#dialogue-read');
  await page.waitForFunction(() => document.getElementById('dialogue-state').textContent.length > 0);
  await page.fill('#ask', options.question);
  await page.click('#ask-send');
  await waitForMessage(page, options.question);

  // What the role may not use, shown by force: the API refuses each.
  await page.evaluate(() => document.querySelectorAll('.coordinator').forEach((element) => { element.hidden = false; }));
  result.forced = {};
  result.forced.close = await noticeAfter(page, () => page.click('#dialogue-close'));
  await page.fill('#r-amount', '100');
  await page.fill('#r-currency', 'USD');
  await page.fill('#r-approval', 'BOARD-FORCED');
  await page.fill('#r-instructions', 'forced');
  result.forced.reward = await noticeAfter(page, () => page.click('#reward-form button[type=submit]'));

  // The session ends on the server (as when an admin disables the account); the console finds out at its next request.
  result.deleted = await fetch(options.base + '/api/v1/review/session',
    { method: 'DELETE', headers: { Authorization: 'Bearer ' + token } }).then((r) => r.status);
  await page.keyboard.press('Escape');
  await page.waitForSelector('#tips', { state: 'visible' });
  // r asks for the list and the count of new tips at once; the list's 401 is made to come second.
  await page.route((url) => url.pathname === '/api/v1/review/tips' && !url.search.includes('status=new'),
    async (route) => {
      const response = await route.fetch();
      await new Promise((done) => setTimeout(done, 500));
      await route.fulfill({ response });
    });
  const listAnswered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/review/tips'
    && !r.url().includes('status=new'));
  await page.keyboard.press('r');
  await page.waitForSelector('#signin', { state: 'visible', timeout: 30000 });
  await listAnswered;
  await page.evaluate(() => new Promise((done) => setTimeout(done, 100)));
  result.noticeAfterEnd = (await page.textContent('#notice')).trim();
  result.textAfterEnd = await page.evaluate(() => document.body.textContent);
  result.storageAfterEnd = await storage(page);
  await check(page, 'reviewer-9-ended');
}

/**
 * An auditor: verifies the chain, finds a tip's entries (the coordinator's reads with their
 * purposes), narrows to one actor and action, and pages through more entries than a page
 * holds. Asks for no tip; shown the tips screen by force, the API refuses (403).
 */
async function auditTrail(page) {
  await page.waitForSelector('#audit', { state: 'visible', timeout: 30000 });
  await page.click('#audit-verify');
  await page.waitForFunction(() => document.getElementById('verify-result').textContent.length > 0);
  result.verify = await page.textContent('#verify-result');

  await auditFilter(page, { 'a-reference': options.reference.toLowerCase() });
  result.tipEntries = await auditRows(page);
  await check(page, 'audit-trail-2-tip');
  await auditFilter(page, { 'a-actor': options.actor, 'a-action': 'tip.read' });
  result.actorReads = await auditRows(page);

  await auditFilter(page, { 'a-reference': options.pagedReference });
  result.pages = [{ rows: await auditRows(page), label: await page.textContent('#audit-page-label'),
    prev: await page.isEnabled('#audit-prev'), next: await page.isEnabled('#audit-next') }];
  while (await page.isEnabled('#audit-next') && result.pages.length < 10) {
    const last = result.pages[result.pages.length - 1].rows[0].seq;
    await page.click('#audit-next');
    await page.waitForFunction((was) => document.querySelector('#audit-rows td').textContent !== was, String(last));
    result.pages.push({ rows: await auditRows(page), label: await page.textContent('#audit-page-label'),
      prev: await page.isEnabled('#audit-prev'), next: await page.isEnabled('#audit-next') });
  }
  await check(page, 'audit-trail-3-paged');
  await page.click('#audit-prev');
  await page.waitForFunction(() => document.getElementById('audit-page-label').textContent.endsWith(' 1'));
  result.backToFirst = (await auditRows(page))[0].seq;
  await noTips(page);
  await signOut(page);
}

/**
 * A role that reads no tip (auditor, admin): no tip screen or menu, and no request for a
 * tip; shown the tips screen by force, the console gets the API's 403 and shows no tip.
 */
async function noTips(page) {
  await page.waitForFunction(() => document.getElementById('signin').hidden);
  await page.waitForTimeout(300); // anything the start would ask for has been asked
  result.tipScreens = await page.evaluate(() => ['tips', 'tip', 'nav-tips', 'new-count']
    .filter((id) => !document.getElementById(id).hidden));
  result.tipRequestsBefore = result.requests.filter((r) => r.includes('/api/v1/review/tips'));
  if (options.flow === 'no-tips') {
    await check(page, 'no-tips-2-start');
  }
  await page.evaluate(() => { document.getElementById('nav-tips').hidden = false; });
  result.forcedTips = await noticeAfter(page, () => page.click('#nav-tips'));
  result.forcedRows = await page.$$eval('#tip-rows tr', (rows) => rows.length);
}

/**
 * A short session (ConsoleSessionBrowserTests' profile): the console refreshes the token
 * before it expires, so the session outlives its first lifetime, and a request made while a
 * refresh is under way goes with the new token; when the session reaches its limit, the
 * refresh is refused and the console clears everything and asks to sign in again.
 */
async function sessionExpiry(page) {
  // Each refresh reaches tipline at once, but when asked, its answer is held back from the page
  // a while: the page's old token is already retired and the page does not know it yet.
  let hold = null;
  await page.route('**/api/v1/review/session/refresh', async (route) => {
    const response = await route.fetch();
    if (hold) {
      hold();
      hold = null;
      await new Promise((done) => setTimeout(done, 1500));
    }
    await route.fulfill({ response });
  });
  await page.waitForSelector('#tips', { state: 'visible', timeout: 30000 });
  await Promise.all([page.waitForResponse((r) => r.url().includes('size=100')), page.selectOption('#page-size', '100')]);
  await openFromList(page, options.reference, null);
  await readWithPurpose(page, options.purpose);
  result.description = await page.textContent('#tip-description');
  await check(page, 'session-expiry-2-tip');
  const wait = result.signedInAt + options.liveAfterMs - Date.now();
  if (wait > 0) {
    await page.waitForTimeout(wait);
  }
  result.firstTokenLater = await fetch(options.base + '/api/v1/review/tips?size=1',
    { headers: { Authorization: 'Bearer ' + token } }).then((r) => r.status);
  // Read the conversation during a refresh: the console must not send the retired token.
  await new Promise((held, none) => {
    hold = held;
    setTimeout(() => none(new Error('no refresh within 15 s')), 15000);
  });
  const [read] = await Promise.all([
    page.waitForResponse((r) => r.url().includes('/messages?'), { timeout: 10000 }),
    page.click('#dialogue-read')]);
  result.readAfterFirstLifetime = { status: read.status(), afterMs: Date.now() - result.signedInAt };
  result.refreshes = result.requests.filter((r) => r.endsWith('/api/v1/review/session/refresh')).length;
  await page.waitForSelector('#signin', { state: 'visible', timeout: 60000 });
  result.endedAfterMs = Date.now() - result.signedInAt;
  result.noticeAfterEnd = (await page.textContent('#notice')).trim();
  result.textAfterEnd = await page.evaluate(() => document.body.textContent);
  result.storageAfterEnd = await storage(page);
  await check(page, 'session-expiry-3-ended');
  await page.goBack().catch(() => {});
  result.textAfterBack = await page.evaluate(() => (document.body ? document.body.textContent : ''));
}

/** Filters the list by status ('' for any) and pages on until the reference is listed, then opens it. */
async function openFromList(page, reference, screen, status = 'new') {
  await page.selectOption('#f-status', status);
  await Promise.all([page.waitForResponse((r) => r.url().includes('/api/v1/review/tips?')
    && (status === '' || r.url().includes('status=' + status))), page.click('#filters button[type=submit]')]);
  await page.waitForFunction(() => document.querySelectorAll('#tip-rows tr').length > 0
    || !document.getElementById('tips-empty').hidden);
  if (screen) {
    await check(page, screen);
  }
  for (let pages = 0; pages < 100; pages++) {
    const references = await page.$$eval('#tip-rows button', (buttons) => buttons.map((b) => b.textContent));
    if (references.includes(reference)) {
      result.listPageRows = references.length;
      await page.click('#tip-rows button >> text=' + reference);
      await page.waitForSelector('#purpose-form', { state: 'visible' });
      return;
    }
    if (await page.isDisabled('#next')) {
      break;
    }
    await page.click('#next');
    await page.waitForFunction((was) => document.querySelector('#tip-rows button').textContent !== was, references[0]);
  }
  throw new Error('the tip is not in the list');
}

async function readWithPurpose(page, purpose) {
  await page.fill('#purpose', purpose);
  await page.click('#read');
  await page.waitForSelector('#tip-content', { state: 'visible', timeout: 30000 });
}

async function waitForMessage(page, text) {
  await page.waitForFunction((wanted) => [...document.querySelectorAll('#messages .text')].some((n) => n.textContent === wanted),
    text, { timeout: 30000 });
}

/** Empties the notice, does the action, and returns the notice it then shows. */
async function noticeAfter(page, action) {
  await page.evaluate(() => { document.getElementById('notice').textContent = ''; });
  await action();
  await page.waitForFunction(() => document.getElementById('notice').textContent.length > 0, null, { timeout: 30000 });
  return (await page.textContent('#notice')).trim();
}

async function auditFilter(page, fields) {
  await page.evaluate(() => {
    document.getElementById('audit-form').reset();
    document.getElementById('audit-page-label').textContent = '';
  });
  for (const [id, value] of Object.entries(fields)) {
    await page.fill('#' + id, value);
  }
  await Promise.all([page.waitForResponse((r) => r.url().includes('/api/v1/review/audit?')),
    page.click('#audit-show')]);
  await page.waitForFunction(() => document.getElementById('audit-page-label').textContent.length > 0);
}

async function auditRows(page) {
  return page.$$eval('#audit-rows tr', (rows) => rows.map((row) => {
    const cells = [...row.querySelectorAll('td')].map((cell) => cell.textContent);
    return { seq: Number(cells[0]), actor: cells[2], action: cells[3], reference: cells[4], purpose: cells[5], detail: cells[6] };
  }));
}

// ---- the tipster, on tipline's page (a phone) ----------------------------------------------

async function tipsterPage() {
  const context = await browser.newContext({ viewport: PHONE });
  context.on('request', (request) => result.requests.push(request.method() + ' ' + request.url()));
  // Refused and failed requests, to say why when the page does not get through.
  result.tipsterFailures = [];
  context.on('response', (response) => {
    if (response.status() >= 400) {
      result.tipsterFailures.push(response.status() + ' ' + response.url());
    }
  });
  context.on('requestfailed', (request) => result.tipsterFailures.push('failed ' + request.url()));
  const tipster = await context.newPage();
  tipster.on('console', (message) => {
    if (message.type() === 'error') {
      result.consoleErrors.push('tipster: ' + message.text());
    }
  });
  tipster.on('pageerror', (error) => result.consoleErrors.push('tipster: ' + String(error)));
  return tipster;
}

async function tipsterSubmits(tipster, description) {
  await tipster.goto(options.base + '/?lang=' + options.lang);
  await tipster.selectOption('#category', 'drugs');
  await tipster.fill('#description', description);
  await tipster.fill('#location', 'Pier 4');
  await tipster.click('#submit');
  await tipster.waitForFunction(() => !document.getElementById('receipt').hidden
    || !document.getElementById('page-error').hidden, null, { timeout: 90000 });
  if (!await tipster.isVisible('#receipt')) {
    throw new Error('the page refused the tip: ' + await tipster.textContent('#page-error') + ' '
      + JSON.stringify(result.tipsterFailures));
  }
  const receipt = { reference: (await tipster.textContent('#receipt-reference')).trim(),
    passphrase: (await tipster.textContent('#receipt-passphrase')).trim() };
  await tipster.check('#receipt-confirm');
  await Promise.all([tipster.waitForURL((url) => url.pathname === '/'), tipster.click('#receipt-done')]);
  return receipt;
}

/** Back on the form, "Check for replies" with the reference and passphrase: what the mailbox shows. */
async function tipsterChecks(tipster, receipt, screen) {
  await tipster.goto(options.base + '/?lang=' + options.lang);
  await Promise.all([tipster.waitForURL((url) => url.pathname === '/page/replies'),
    tipster.click('a[href^="/page/replies"]')]);
  await tipster.fill('#reference', receipt.reference);
  await tipster.fill('#passphrase', receipt.passphrase);
  await tipster.click('#signin');
  await tipster.waitForFunction(() => !document.getElementById('mailbox').hidden
    || !document.getElementById('page-error').hidden, null, { timeout: 90000 });
  if (!await tipster.isVisible('#mailbox')) {
    throw new Error('the page did not open the mailbox: ' + await tipster.textContent('#page-error') + ' '
      + JSON.stringify(result.tipsterFailures));
  }
  const seen = {
    status: (await tipster.textContent('#mailbox-status')).trim(),
    messages: await tipster.$$eval('#messages .text', (items) => items.map((item) => item.textContent)),
    closedShown: await tipster.isVisible('#dialogue-closed'),
    answerForm: await tipster.isVisible('#answer-form'),
    reward: await tipster.isVisible('#reward') ? {
      status: (await tipster.textContent('#reward-status')).trim(),
      amount: (await tipster.textContent('#reward-amount')).trim(),
      instructions: (await tipster.textContent('#reward-instructions')).trim(),
      code: (await tipster.textContent('#reward-code')).trim(),
      codeShown: await tipster.isVisible('#reward-code-term') } : null,
  };
  if (screen) {
    await check(tipster, screen);
    await tipster.setViewportSize(PHONE);
  }
  return seen;
}

async function tipsterAnswers(tipster, text) {
  const before = await tipster.$$eval('#messages .text', (items) => items.length);
  await tipster.fill('#answer', text);
  await tipster.click('#answer-send');
  await tipster.waitForFunction((count) => document.querySelectorAll('#messages .text').length > count
    && document.getElementById('answer-status').textContent.length > 0, before, { timeout: 30000 });
}
