// The office console (docs/console.md). Plain ES module, no build step, no package. It works
// through the review API only; the bearer token lives in this module's memory and nowhere
// else, and tip content is only ever put into the page with textContent, never stored.
// Sign-in at the office's identity provider is in oidc.js.
import { accountsScreen } from './accounts.js';
import * as provider from './oidc.js';

const STATUSES = ['new', 'triaged', 'assigned', 'forwarded', 'actioned', 'closed', 'spam'];
const DISPOSITIONS = ['arrest', 'recovered-property', 'cleared', 'unfounded'];
const LANGUAGES = ['en', 'fr'];
const API = '/api/v1/review';
const PAGE_SIZES = [25, 50, 100];
const AUDIT_PAGE_SIZE = 50;
const REFRESH_MARGIN_MS = 60_000;

const $ = (id) => document.getElementById(id);

let texts = {};
let language = 'en';
let session = null; // {token, roles, username, expiresAt, refreshTimer}
let refreshing = null; // the refresh under way (until the new token is in place), if any
let list = newList();
let current = null; // the tip on screen: {meta, purpose}
let audit = newAudit();

/** The list's state; its page size is chosen on the list screen and kept in memory only. */
function newList() {
  return { cursors: [null], index: 0, items: [], selected: 0, filters: {}, size: PAGE_SIZES[0] };
}

/** The audit screen's state: the filters shown, the page (from 0) and whether another follows. */
function newAudit() {
  return { filters: {}, page: 0, more: false };
}

// ---- texts --------------------------------------------------------------------------------

function t(key, values = {}) {
  const text = texts[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

async function setLanguage(wanted) {
  language = LANGUAGES.includes(wanted) ? wanted : 'en';
  const response = await fetch('i18n/' + language + '.json');
  texts = await response.json();
  document.documentElement.lang = language;
  document.title = t('brand');
  document.querySelectorAll('[data-i18n]').forEach((element) => { element.textContent = t(element.dataset.i18n); });
  document.querySelectorAll('[data-i18n-label]').forEach((element) => {
    element.setAttribute('aria-label', t(element.dataset.i18nLabel));
  });
  document.querySelectorAll('select[data-options]').forEach(fillOptions);
  document.querySelectorAll('button.lang').forEach((button) => {
    button.setAttribute('aria-pressed', String(button.dataset.lang === language));
  });
  const url = new URL(window.location.href);
  url.searchParams.set('lang', language);
  window.history.replaceState(null, '', url.pathname + url.search);
  if (session) {
    showWho();
    renderList();
    refreshNewCount();
    accounts.relabel();
  }
}

function fillOptions(select) {
  const keys = select.dataset.options === 'statuses' ? STATUSES : DISPOSITIONS;
  const names = texts[select.dataset.options] ?? {};
  const value = select.value;
  select.replaceChildren();
  if (select.dataset.any) {
    select.append(new Option(select.dataset.options === 'statuses' ? t('any') : t('none'), ''));
  }
  keys.forEach((key) => select.append(new Option(names[key] ?? key, key)));
  select.value = value;
}

function statusName(status) {
  return (texts.statuses ?? {})[status] ?? status;
}

// ---- the API --------------------------------------------------------------------------------

async function api(method, path, body) {
  // A refresh replaces the token: wait for it rather than send the token it is retiring.
  if (refreshing && !path.startsWith('/session')) {
    await refreshing.catch(() => {});
  }
  const headers = {};
  const token = session ? session.token : null;
  if (token) {
    headers.Authorization = 'Bearer ' + token;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(API + path, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store', credentials: 'omit', redirect: 'error',
  });
  let data = null;
  if (response.status !== 204 && (response.headers.get('Content-Type') ?? '').includes('json')) {
    data = await response.json();
  }
  if (response.status === 401 && !path.startsWith('/session')) {
    // Sent while a refresh retired its token: refused before anything was done, so ask again with the new one.
    if (refreshing) {
      await refreshing.catch(() => {});
    }
    if (session && session.token !== token) {
      return api(method, path, body);
    }
    // The session has ended; a request that was under way at the same time has nothing more to say.
    if (session) {
      forget();
      notice(t('expired'));
    }
    throw new Handled();
  }
  return { status: response.status, data, retryAfter: response.headers.get('Retry-After') };
}

class Handled extends Error {}

/** A clear message for a refused request: our own words, the field name for a 400. */
function refusal(answer) {
  switch (answer.status) {
    case 400: {
      const errors = (answer.data && answer.data.errors) || [];
      return t('err400', { field: errors.length ? errors[0].field : '?' });
    }
    case 403: return t('err403');
    case 404: return t('err404');
    case 409: return t('err409', { detail: (answer.data && answer.data.detail) || '' });
    default: return t('errOther');
  }
}

function notice(text) {
  $('notice').textContent = text;
}

async function run(task) {
  try {
    await task();
  } catch (error) {
    if (!(error instanceof Handled)) {
      notice(t('errOther'));
    }
  }
}

// ---- signing in and out --------------------------------------------------------------------

async function signIn(event) {
  event.preventDefault();
  const form = $('signin-form');
  const error = $('signin-error');
  error.hidden = true;
  const body = { username: form.username.value.trim(), password: form.password.value, totp: form.totp.value.trim() };
  form.password.value = '';
  form.totp.value = '';
  let answer;
  try {
    answer = await api('POST', '/session', body);
  } catch (e) {
    answer = { status: 0 };
  }
  if (answer.status === 200) {
    session = { token: answer.data.token, roles: answer.data.roles, username: body.username };
    form.username.value = '';
    notice('');
    schedule(answer.data);
    start();
    return;
  }
  error.textContent = answer.status === 401 ? t('err401')
    : answer.status === 429 ? t('err429', { s: answer.retryAfter ?? '60' }) : t('errSignIn');
  error.hidden = false;
  form.totp.focus();
}

/** Refreshes the token a minute before it expires; a refused refresh ends the session. */
function schedule(answer) {
  clearTimeout(session.refreshTimer);
  const wait = Math.max(5_000, Date.parse(answer.expiresAt) - Date.now() - REFRESH_MARGIN_MS);
  session.refreshTimer = setTimeout(() => run(refresh), wait);
}

async function refresh() {
  if (!session) {
    return;
  }
  refreshing = (async () => {
    const answer = await api('POST', '/session/refresh');
    if (answer.status === 200 && session) {
      session.token = answer.data.token;
      schedule(answer.data);
    } else {
      forget();
      notice(t('expired'));
    }
  })();
  try {
    await refreshing;
  } finally {
    refreshing = null;
  }
}

async function signOut() {
  if (session && !session.provider) {
    await api('DELETE', '/session').catch(() => {});
  }
  forget();
  notice(t('signedOut'));
}

/** Forgets the token and clears every screen: nothing of the session stays in the page. */
function forget() {
  provider.forget();
  if (session) {
    clearTimeout(session.refreshTimer);
  }
  session = null;
  current = null;
  list = newList();
  audit = newAudit();
  accounts.forget();
  $('page-size').value = String(PAGE_SIZES[0]);
  ['audit-prev', 'audit-next'].forEach((id) => { $(id).disabled = true; });
  ['tip-rows', 'tip-meta', 'tip-description', 'tip-extra', 'notes', 'messages', 'audit-rows']
    .forEach((id) => $(id).replaceChildren());
  ['dialogue-state', 'reward-state', 'verify-result', 'head-result', 'page-label', 'whoami', 'new-count', 'tip-title',
    'audit-page-label']
    .forEach((id) => { $(id).textContent = ''; });
  document.querySelectorAll('form').forEach((form) => form.reset());
  ['tips', 'tip', 'audit', 'accounts', 'nothing', 'nav-tips', 'nav-audit', 'nav-accounts', 'signout', 'whoami',
    'new-count', 'tip-content', 'audit-empty']
    .forEach((id) => { $(id).hidden = true; });
  $('signin').hidden = false;
  $('signin-error').hidden = true;
  $('username').focus();
}

/** Signed in at the provider: who tipline takes the token's holder for, then the screens of their roles. */
async function enterWithProvider(token) {
  session = { token, roles: [], username: '', provider: true };
  const answer = await api('GET', '/session').catch(() => ({ status: 0 }));
  if (answer.status === 200 && answer.data.roles.length) {
    session.roles = answer.data.roles;
    session.username = answer.data.username;
    notice('');
    start();
    return true;
  }
  forget();
  refusedSignIn(answer.status === 200 ? t('providerNoRole', { user: answer.data.username })
    : [401, 403].includes(answer.status) ? t('providerNotAccepted') : t('errSignIn'));
  return false;
}

function refusedSignIn(text) {
  $('signin-error').textContent = text;
  $('signin-error').hidden = false;
}

function has(role) {
  return session !== null && session.roles.includes(role);
}

function readsTips() {
  return has('reviewer') || has('coordinator');
}

function showWho() {
  $('whoami').textContent = t('whoami', { user: session.username, roles: session.roles.join(', ') });
}

function start() {
  $('signin').hidden = true;
  $('signout').hidden = false;
  $('whoami').hidden = false;
  showWho();
  $('nav-tips').hidden = !readsTips();
  $('nav-audit').hidden = !has('auditor');
  $('nav-accounts').hidden = !has('admin');
  document.querySelectorAll('.coordinator').forEach((element) => { element.hidden = !has('coordinator'); });
  if (readsTips()) {
    showScreen('tips');
    run(loadList);
    run(refreshNewCount);
  } else if (has('auditor')) {
    showScreen('audit');
  } else if (has('admin')) {
    showScreen('accounts');
    run(accounts.load);
  } else {
    showScreen('nothing');
  }
}

function showScreen(name) {
  ['tips', 'tip', 'audit', 'accounts', 'nothing'].forEach((id) => { $(id).hidden = id !== name; });
  $('nav-tips').setAttribute('aria-current', String(name === 'tips' || name === 'tip'));
  $('nav-audit').setAttribute('aria-current', String(name === 'audit'));
  $('nav-accounts').setAttribute('aria-current', String(name === 'accounts'));
}

// ---- the list ------------------------------------------------------------------------------

function query(values) {
  const params = new URLSearchParams();
  Object.entries(values).forEach(([key, value]) => {
    if (value !== null && value !== undefined && value !== '') {
      params.set(key, value);
    }
  });
  const text = params.toString();
  return text ? '?' + text : '';
}

async function loadList() {
  const cursor = list.cursors[list.index];
  const answer = await api('GET', '/tips' + query({ ...list.filters, size: list.size, cursor }));
  if (answer.status !== 200) {
    notice(refusal(answer));
    return;
  }
  list.items = answer.data.items;
  list.cursors.length = list.index + 1;
  if (answer.data.more) {
    list.cursors.push(answer.data.nextCursor);
  }
  list.selected = Math.min(list.selected, Math.max(0, list.items.length - 1));
  renderList();
}

function renderList() {
  const rows = list.items.map((tip, index) => {
    const row = document.createElement('tr');
    row.className = index === list.selected ? 'selected' : '';
    const open = document.createElement('button');
    open.type = 'button';
    open.className = 'link';
    open.textContent = tip.reference;
    open.tabIndex = index === list.selected ? 0 : -1;
    open.addEventListener('click', () => { list.selected = index; openTip(tip); });
    const first = document.createElement('td');
    first.append(open);
    row.append(first);
    [formatTime(tip.receivedAt), tip.category, tip.channel ?? '', statusName(tip.status),
      [tip.assignee, tip.assignedUnit].filter(Boolean).join(' / ')].forEach((text) => {
      const cell = document.createElement('td');
      cell.textContent = text ?? '';
      row.append(cell);
    });
    return row;
  });
  $('tip-rows').replaceChildren(...rows);
  $('tips-empty').hidden = list.items.length > 0;
  $('page-label').textContent = t('page', { n: list.index + 1 });
  $('prev').disabled = list.index === 0;
  $('next').disabled = list.cursors.length <= list.index + 1;
}

function formatTime(instant) {
  if (!instant) {
    return '';
  }
  return new Intl.DateTimeFormat(language === 'fr' ? 'fr-CA' : 'en-CA', { dateStyle: 'medium', timeStyle: 'short' })
    .format(new Date(instant));
}

/** The number of untriaged tips, counted up to 100 (then "100+"). */
async function refreshNewCount() {
  if (!readsTips()) {
    return;
  }
  const answer = await api('GET', '/tips' + query({ status: 'new', size: 100 }));
  if (answer.status === 200) {
    const n = answer.data.items.length + (answer.data.more ? '+' : '');
    $('new-count').textContent = t('newCount', { n });
    $('new-count').hidden = false;
  }
}

function moveSelection(step) {
  if (!list.items.length) {
    return;
  }
  list.selected = Math.max(0, Math.min(list.items.length - 1, list.selected + step));
  renderList();
  $('tip-rows').querySelectorAll('button')[list.selected].focus();
}

// ---- one tip -------------------------------------------------------------------------------

function openTip(meta) {
  current = { meta, purpose: null };
  showScreen('tip');
  $('tip-title').textContent = meta.reference;
  renderMeta(meta);
  ['tip-description', 'tip-extra', 'notes', 'messages'].forEach((id) => $(id).replaceChildren());
  $('dialogue-state').textContent = '';
  $('reward-state').textContent = '';
  // Until the conversation is read, its state is unknown: every control the role may use is offered.
  ['ask-form', 'dialogue-close', 'dialogue-open', 'reward-form', 'payout-form'].forEach((id) => { $(id).hidden = false; });
  $('tip-content').hidden = true;
  $('purpose-form').hidden = false;
  $('purpose-form').reset();
  notice('');
  $('purpose').focus();
}

function renderMeta(meta) {
  const pairs = [[t('received'), formatTime(meta.receivedAt)], [t('category'), meta.category],
    [t('channel'), meta.channel ?? ''], [t('status'), statusName(meta.status)],
    [t('assignee'), meta.assignee ?? ''], [t('unit'), meta.assignedUnit ?? ''],
    [t('disposition'), meta.disposition ? ((texts.dispositions ?? {})[meta.disposition] ?? meta.disposition) : '']];
  $('tip-meta').replaceChildren(...definitions(pairs));
}

function definitions(pairs) {
  const out = [];
  pairs.forEach(([term, value]) => {
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    dd.textContent = value ?? '';
    out.push(dt, dd);
  });
  return out;
}

async function readTip(event) {
  event.preventDefault();
  const purpose = $('purpose').value.trim();
  if (!purpose) {
    notice(t('purposeNeeded'));
    $('purpose').focus();
    return;
  }
  const reference = current.meta.reference;
  const answer = await api('GET', '/tips/' + encodeURIComponent(reference) + query({ purpose }));
  if (answer.status !== 200) {
    notice(refusal(answer));
    return;
  }
  current = { meta: answer.data.tip, purpose };
  renderMeta(answer.data.tip);
  $('tip-description').textContent = answer.data.description ?? '';
  $('tip-extra').replaceChildren(...definitions([[t('location'), answer.data.location],
    [t('occurredAt'), answer.data.occurredAt], [t('language_'), answer.data.language],
    [t('details'), answer.data.details ? JSON.stringify(answer.data.details) : '']].filter(([, value]) => value)));
  $('w-status').value = answer.data.tip.status;
  $('w-disposition').value = answer.data.tip.disposition ?? '';
  $('w-assignee').value = answer.data.tip.assignee ?? '';
  $('w-unit').value = answer.data.tip.assignedUnit ?? '';
  $('purpose-form').hidden = true;
  $('tip-content').hidden = false;
  $('recorded').focus();
  await loadNotes();
  await loadReward();
}

function tipPath(suffix = '') {
  return '/tips/' + encodeURIComponent(current.meta.reference) + suffix;
}

async function saveWork(event) {
  event.preventDefault();
  const meta = current.meta;
  const change = {};
  const status = $('w-status').value;
  const disposition = $('w-disposition').value;
  if (status !== meta.status) change.status = status;
  if (disposition !== (meta.disposition ?? '')) change.disposition = disposition;
  if (has('coordinator')) {
    const assignee = $('w-assignee').value.trim();
    const unit = $('w-unit').value.trim();
    if (assignee !== (meta.assignee ?? '')) change.assignee = assignee;
    if (unit !== (meta.assignedUnit ?? '')) change.assignedUnit = unit;
  }
  if (!Object.keys(change).length) {
    notice(t('saved'));
    return;
  }
  const answer = await api('PATCH', tipPath(), change);
  if (answer.status !== 200) {
    notice(refusal(answer));
    return;
  }
  current.meta = answer.data;
  list.items = list.items.map((item) => (item.reference === answer.data.reference ? answer.data : item));
  renderMeta(answer.data);
  $('w-status').value = answer.data.status;
  notice(t('saved'));
  run(refreshNewCount);
}

async function loadNotes() {
  const answer = await api('GET', tipPath('/notes') + query({ purpose: current.purpose }));
  if (answer.status !== 200) {
    notice(refusal(answer));
    return;
  }
  $('notes').replaceChildren(...answer.data.map((note) => item(note.author + ', ' + formatTime(note.createdAt), note.text)));
}

function item(heading, text) {
  const li = document.createElement('li');
  const head = document.createElement('p');
  head.className = 'by';
  head.textContent = heading;
  const body = document.createElement('p');
  body.className = 'text';
  body.textContent = text ?? '';
  li.append(head, body);
  return li;
}

async function addNote(event) {
  event.preventDefault();
  const text = $('note').value;
  const answer = await api('POST', tipPath('/notes'), { text });
  if (answer.status !== 201) {
    notice(refusal(answer));
    return;
  }
  $('note').value = '';
  $('notes').append(item(answer.data.author + ', ' + formatTime(answer.data.createdAt), answer.data.text));
  notice(t('noteAdded'));
}

/** Says whether the conversation is open, and offers only what can be done in that state. */
function showDialogueState(state) {
  const closed = state === 'closed';
  $('dialogue-state').textContent = closed ? t('dialogueClosedState') : t('dialogueOpenState');
  $('ask-form').hidden = closed;
  $('dialogue-close').hidden = closed;
  $('dialogue-open').hidden = !closed;
}

function renderDialogue(data) {
  showDialogueState(data.dialogue);
  $('messages').replaceChildren(...data.messages.map((message) => item(
    (message.from === 'office' ? t('fromOffice', { author: message.author ?? '' }) : t('fromTipster')) + ', '
      + formatTime(message.sentAt), message.text)));
  if (!data.messages.length) {
    $('messages').append(item('', t('noMessages')));
  }
}

async function readDialogue() {
  const answer = await api('GET', tipPath('/messages') + query({ purpose: current.purpose }));
  if (answer.status !== 200) {
    notice(refusal(answer));
    return;
  }
  renderDialogue(answer.data);
}

async function ask(event) {
  event.preventDefault();
  const answer = await api('POST', tipPath('/messages'), { text: $('ask').value });
  if (answer.status !== 201) {
    notice(refusal(answer));
    return;
  }
  $('ask').value = '';
  notice(t('sent'));
  await readDialogue();
}

async function setDialogue(state) {
  const answer = await api('PUT', tipPath('/dialogue'), { dialogue: state });
  if (answer.status !== 200) {
    notice(refusal(answer));
    return;
  }
  // The answer holds the state only: the messages on screen stay, and nothing more is read.
  showDialogueState(answer.data.dialogue);
  notice($('dialogue-state').textContent);
}

async function loadReward() {
  const answer = await api('GET', tipPath('/reward'));
  if (answer.status === 404) {
    showReward(null);
  } else if (answer.status === 200) {
    showReward(answer.data);
  }
}

/** The reward's state; a coordinator is offered recording it until it is paid, and the payout while approved. */
function showReward(reward) {
  $('reward-state').textContent = !reward ? t('rewardNone')
    : t(reward.status === 'paid' ? 'rewardPaidState' : 'rewardState', reward);
  $('reward-form').hidden = reward !== null && reward.status === 'paid';
  $('payout-form').hidden = reward === null || reward.status !== 'approved';
}

async function recordReward(event) {
  event.preventDefault();
  const form = $('reward-form');
  const amount = Number(form.amount.value.replace(',', '.'));
  const answer = await api('PUT', tipPath('/reward'), { amount, currency: form.currency.value.trim().toUpperCase(),
    approvalReference: form.approvalReference.value.trim(), paymentInstructions: form.paymentInstructions.value });
  if (answer.status !== 200) {
    notice(refusal(answer));
    return;
  }
  form.reset();
  showReward(answer.data);
  notice(t('rewardRecorded'));
}

async function payout(event) {
  event.preventDefault();
  const answer = await api('POST', tipPath('/reward/payout'), { payoutCode: $('r-code').value });
  $('r-code').value = '';
  if (answer.status !== 200) {
    notice(refusal(answer));
    return;
  }
  showReward(answer.data);
  notice(t('rewardMarkedPaid'));
}

function backToList() {
  current = null;
  ['tip-description', 'tip-extra', 'notes', 'messages'].forEach((id) => $(id).replaceChildren());
  $('tip-content').hidden = true;
  showScreen('tips');
  renderList();
  const buttons = $('tip-rows').querySelectorAll('button');
  if (buttons[list.selected]) {
    buttons[list.selected].focus();
  }
}

// ---- audit ---------------------------------------------------------------------------------

async function verify() {
  const answer = await api('GET', '/audit/verify');
  if (answer.status !== 200) {
    notice(refusal(answer));
    return;
  }
  $('verify-result').textContent = answer.data.ok ? t('verifyOk', answer.data) : t('verifyBroken', answer.data);
}

async function head() {
  const answer = await api('GET', '/audit/head');
  if (answer.status !== 200) {
    notice(refusal(answer));
    return;
  }
  $('head-result').textContent = t('headText', answer.data);
}

async function auditList(event) {
  event.preventDefault();
  const form = new FormData($('audit-form'));
  audit = { filters: Object.fromEntries([...form.entries()].map(([key, value]) => [key, value.trim()])
    .filter(([, value]) => value !== '')), page: 0, more: false };
  await auditPage();
}

async function auditPage() {
  const answer = await api('GET', '/audit' + query({ ...audit.filters, page: audit.page, size: AUDIT_PAGE_SIZE }));
  if (answer.status !== 200) {
    notice(refusal(answer));
    return;
  }
  notice('');
  audit.more = answer.data.more;
  $('audit-rows').replaceChildren(...answer.data.entries.map((entry) => {
    const row = document.createElement('tr');
    const detail = entry.detail ? Object.entries(entry.detail).map(([key, value]) => key + ': ' + value).join(', ') : '';
    [entry.seq, formatTime(entry.at), entry.actor, entry.action, entry.tipReference, entry.purpose, detail].forEach((text) => {
      const cell = document.createElement('td');
      cell.textContent = text ?? '';
      row.append(cell);
    });
    return row;
  }));
  $('audit-empty').hidden = answer.data.entries.length > 0;
  $('audit-page-label').textContent = t('page', { n: audit.page + 1 });
  $('audit-prev').disabled = audit.page === 0;
  $('audit-next').disabled = !audit.more;
}

// ---- keyboard ------------------------------------------------------------------------------

function shortcut(event) {
  if (!session || event.ctrlKey || event.metaKey || event.altKey) {
    return;
  }
  const target = event.target;
  const typing = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement
    || target instanceof HTMLSelectElement;
  if (!$('tips').hidden && !typing) {
    if (event.key === 'j') { moveSelection(1); event.preventDefault(); }
    if (event.key === 'k') { moveSelection(-1); event.preventDefault(); }
    if (event.key === 'r') { run(loadList); run(refreshNewCount); event.preventDefault(); }
  } else if (!$('tip').hidden && event.key === 'Escape') {
    backToList();
    event.preventDefault();
  }
}

// ---- wiring --------------------------------------------------------------------------------

const accounts = accountsScreen({ api, t, notice, run });

function on(id, type, handler) {
  $(id).addEventListener(type, (event) => run(() => handler(event)));
}

on('signin-form', 'submit', signIn);
on('signout', 'click', signOut);
on('nav-tips', 'click', () => { showScreen('tips'); return loadList(); });
on('nav-audit', 'click', () => showScreen('audit'));
on('nav-accounts', 'click', () => { showScreen('accounts'); return accounts.load(); });
on('filters', 'submit', (event) => {
  event.preventDefault();
  const form = new FormData($('filters'));
  list.filters = Object.fromEntries([...form.entries()].filter(([, value]) => value !== ''));
  list.cursors = [null];
  list.index = 0;
  list.selected = 0;
  return loadList();
});
on('prev', 'click', () => { list.index = Math.max(0, list.index - 1); list.selected = 0; return loadList(); });
on('page-size', 'change', () => {
  const size = Number($('page-size').value);
  list.size = PAGE_SIZES.includes(size) ? size : PAGE_SIZES[0];
  list.cursors = [null];
  list.index = 0;
  list.selected = 0;
  return loadList();
});
on('next', 'click', () => { list.index += 1; list.selected = 0; return loadList(); });
on('back', 'click', backToList);
on('purpose-form', 'submit', readTip);
on('work-form', 'submit', saveWork);
on('note-form', 'submit', addNote);
on('dialogue-read', 'click', readDialogue);
on('ask-form', 'submit', ask);
on('dialogue-close', 'click', () => setDialogue('closed'));
on('dialogue-open', 'click', () => setDialogue('open'));
on('reward-form', 'submit', recordReward);
on('payout-form', 'submit', payout);
on('audit-verify', 'click', verify);
on('audit-head', 'click', head);
on('audit-form', 'submit', auditList);
on('audit-prev', 'click', () => { audit.page = Math.max(0, audit.page - 1); return auditPage(); });
on('audit-next', 'click', () => { audit.page += 1; return auditPage(); });
document.querySelectorAll('button.lang').forEach((button) => {
  button.addEventListener('click', () => run(() => setLanguage(button.dataset.lang)));
});
document.addEventListener('keydown', shortcut);
window.addEventListener('pagehide', () => forget());

await setLanguage(new URLSearchParams(window.location.search).get('lang') ?? 'en');
forget();
run(() => provider.start({ t, enter: enterWithProvider, refused: refusedSignIn,
  token: (token) => { if (session) session.token = token; }, ended: () => { forget(); notice(t('expired')); } }));
