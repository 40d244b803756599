// The accounts screen of the office console, for admins (docs/console.md): the list of office
// accounts, a form to create one, disabling and enabling, and changing roles, programs and unit,
// all through the account API (/api/v1/review/accounts). A new account's enrolment (the
// otpauth:// URI, shown once) is drawn here as a QR code, in the browser, from DOM nodes: no
// image leaves or enters the page, and no other host is asked. "Done" removes it from the page;
// this module keeps no reference to it.
import { generate } from './vendor/qr.js';

const ROLES = ['reviewer', 'coordinator', 'auditor', 'admin'];
const SVG = 'http://www.w3.org/2000/svg';
const QUIET_ZONE = 4; // modules of white around the code, as QR readers expect
const MODULE_PX = 5;

const $ = (id) => document.getElementById(id);

/**
 * The screen, working through the console's own helpers: {api, t, notice, run}. Returns
 * {load, relabel, forget}: load the list (when the screen is shown), write the texts again
 * (after a change of language), clear everything (at sign-out).
 */
export function accountsScreen({ api, t, notice, run }) {
  let accounts = [];
  let editing = null; // the username being edited
  let enrolledUser = null; // whose enrolment is on screen (the username only)

  /** A clear message for a refusal of the account API. */
  function refusal(answer, username) {
    switch (answer.status) {
      case 400: {
        // The refused field by its label on screen, and the rule it broke; else the problem's detail.
        const error = ((answer.data && answer.data.errors) || [])[0];
        return error ? t('accErr400', { field: t(error.field), detail: error.reason })
          : t('accErr400Detail', { detail: (answer.data && answer.data.detail) || '' });
      }
      case 403: return t('err403');
      case 404: return t('accErr404', { user: username });
      case 409: return t('accErr409', { user: username });
      default: return t('errOther');
    }
  }

  async function load() {
    const answer = await api('GET', '/accounts');
    if (answer.status !== 200) {
      notice(refusal(answer, ''));
      return;
    }
    accounts = answer.data;
    render();
  }

  function render() {
    $('account-rows').replaceChildren(...accounts.map((account) => {
      const row = document.createElement('tr');
      row.dataset.username = account.username;
      [account.username, account.roles.map((role) => t('role_' + role)).join(', '), account.programs.join(', '),
        account.unit ?? '', account.disabled ? t('accDisabled') : t('accActive')].forEach((text) => {
        const cell = document.createElement('td');
        cell.textContent = text;
        row.append(cell);
      });
      const actions = document.createElement('td');
      actions.append(
        button('edit', t('accEdit'), t('accEditLabel', { user: account.username }), () => startEdit(account)),
        button('toggle', account.disabled ? t('accEnable') : t('accDisable'),
          t(account.disabled ? 'accEnableLabel' : 'accDisableLabel', { user: account.username }),
          () => setDisabled(account, !account.disabled)));
      row.append(actions);
      return row;
    }));
    $('accounts-empty').hidden = accounts.length > 0;
  }

  function button(name, text, label, action) {
    const element = document.createElement('button');
    element.type = 'button';
    element.className = 'small ' + name;
    element.textContent = text;
    element.setAttribute('aria-label', label);
    element.addEventListener('click', () => run(action));
    return element;
  }

  /** The roles ticked in one of the two forms (prefix "c" for create, "e" for edit). */
  function checkedRoles(prefix) {
    return ROLES.filter((role) => $(prefix + '-role-' + role).checked);
  }

  function programList(text) {
    return text.split(/[\s,]+/).filter(Boolean);
  }

  async function create(event) {
    event.preventDefault();
    const form = $('account-form');
    const error = $('account-error');
    error.hidden = true;
    const username = form.username.value.trim();
    const body = { username, password: form.password.value, roles: checkedRoles('c'),
      programs: programList(form.programs.value), unit: form.unit.value.trim() || null };
    form.password.value = '';
    const answer = await api('POST', '/accounts', body);
    if (answer.status !== 201) {
      error.textContent = refusal(answer, username);
      error.hidden = false;
      form.username.focus();
      return;
    }
    form.reset();
    showEnrolment(answer.data.account.username, answer.data.totpUri);
    await load();
  }

  /** Draws the enrolment URI as a QR code and its secret as text; nothing of it is kept here. */
  function showEnrolment(username, uri) {
    enrolledUser = username;
    const secret = (/[?&]secret=([A-Z2-7]+)/.exec(uri) || [])[1] ?? '';
    $('enrolment-qr').replaceChildren(qrCode(uri));
    $('enrolment-secret').textContent = secret.replace(/(.{4})(?=.)/g, '$1 ');
    relabelEnrolment();
    $('enrolment').hidden = false;
    $('enrolment-title').focus();
  }

  function relabelEnrolment() {
    if (enrolledUser === null) {
      return;
    }
    $('enrolment-intro').textContent = t('enrolIntro', { user: enrolledUser });
    const code = $('enrolment-code');
    if (code) {
      code.setAttribute('aria-label', t('enrolQr', { user: enrolledUser }));
    }
  }

  /** An SVG of the QR code's modules, built node by node (one path of unit squares on white). */
  function qrCode(text) {
    const code = generate(text);
    const side = code.size + 2 * QUIET_ZONE;
    const svg = document.createElementNS(SVG, 'svg');
    svg.id = 'enrolment-code';
    svg.setAttribute('viewBox', '0 0 ' + side + ' ' + side);
    svg.setAttribute('width', String(side * MODULE_PX));
    svg.setAttribute('height', String(side * MODULE_PX));
    svg.setAttribute('role', 'img');
    svg.setAttribute('shape-rendering', 'crispEdges');
    const paper = document.createElementNS(SVG, 'rect');
    paper.setAttribute('width', String(side));
    paper.setAttribute('height', String(side));
    paper.setAttribute('fill', '#ffffff');
    const modules = [];
    for (let y = 0; y < code.size; y++) {
      for (let x = 0; x < code.size; x++) {
        if (code.get(x, y)) {
          modules.push('M' + (x + QUIET_ZONE) + ' ' + (y + QUIET_ZONE) + 'h1v1h-1z');
        }
      }
    }
    const ink = document.createElementNS(SVG, 'path');
    ink.setAttribute('d', modules.join(''));
    ink.setAttribute('fill', '#000000');
    svg.append(paper, ink);
    return svg;
  }

  /** Removes the QR code and the secret from the page. */
  function clearEnrolment() {
    enrolledUser = null;
    $('enrolment-qr').replaceChildren();
    $('enrolment-secret').textContent = '';
    $('enrolment-intro').textContent = '';
    $('enrolment').hidden = true;
  }

  function done() {
    clearEnrolment();
    notice(t('enrolRemoved'));
    $('c-username').focus();
  }

  async function setDisabled(account, disabled) {
    const answer = await api('PATCH', '/accounts/' + encodeURIComponent(account.username), { disabled });
    if (answer.status !== 200) {
      notice(refusal(answer, account.username));
      return;
    }
    replace(answer.data);
    notice(t(disabled ? 'accDisabledNow' : 'accEnabledNow', { user: account.username }));
    const row = [...$('account-rows').children].find((tr) => tr.dataset.username === account.username);
    if (row) {
      row.querySelector('button.toggle').focus();
    }
  }

  function replace(account) {
    accounts = accounts.map((item) => (item.username === account.username ? account : item));
    render();
  }

  function startEdit(account) {
    editing = account.username;
    $('edit-error').hidden = true;
    ROLES.forEach((role) => { $('e-role-' + role).checked = account.roles.includes(role); });
    $('e-programs').value = account.programs.join(', ');
    $('e-unit').value = account.unit ?? '';
    $('edit-title').textContent = t('accEditTitle', { user: account.username });
    $('account-edit').hidden = false;
    $('edit-title').focus();
  }

  async function saveEdit(event) {
    event.preventDefault();
    const username = editing;
    const error = $('edit-error');
    error.hidden = true;
    const answer = await api('PATCH', '/accounts/' + encodeURIComponent(username),
      { roles: checkedRoles('e'), programs: programList($('e-programs').value), unit: $('e-unit').value.trim() });
    if (answer.status !== 200) {
      error.textContent = refusal(answer, username);
      error.hidden = false;
      return;
    }
    replace(answer.data);
    closeEdit();
    notice(t('accSaved', { user: username }));
  }

  function closeEdit() {
    editing = null;
    $('account-edit').hidden = true;
    $('account-edit').reset();
    $('edit-title').textContent = '';
  }

  function relabel() {
    render();
    relabelEnrolment();
    if (editing !== null) {
      $('edit-title').textContent = t('accEditTitle', { user: editing });
    }
  }

  function forget() {
    accounts = [];
    $('account-rows').replaceChildren();
    closeEdit();
    clearEnrolment();
    ['account-error', 'edit-error'].forEach((id) => { $(id).hidden = true; $(id).textContent = ''; });
  }

  $('account-form').addEventListener('submit', (event) => run(() => create(event)));
  $('account-edit').addEventListener('submit', (event) => run(() => saveEdit(event)));
  $('edit-cancel').addEventListener('click', closeEdit);
  $('enrolment-done').addEventListener('click', done);

  return { load, relabel, forget };
}
