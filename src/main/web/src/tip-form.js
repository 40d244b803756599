// The tip form with JavaScript: proof-of-work with a progress bar, the tip sealed in this
// browser to the office's key (the sealer loads while the tipster writes), the envelope's
// post, and the receipt screen that the tipster must confirm before leaving. Nothing of the
// tip, the reference or the passphrase is stored in the browser: it lives in this page's
// memory and the DOM until the tipster leaves.
import { solveChallenge, withProgress } from './proof.js';
import { submitSealed } from './submit.js';
import { showError, text } from './texts.js';

const FIELD_ERRORS = { category: 'errorCategory', description: 'errorDescription', location: 'errorLocation',
  occurredAt: 'errorDate' };
/** The limits tipline checks on a plain tip; nobody can check a sealed one but the page. */
const MAX_DESCRIPTION = 20000;
const MAX_LOCATION = 1000;

let sealer = null;

/** The sealing module (src/seal.js), fetched once; a failed fetch is tried again next time. */
function loadSealer() {
  if (!sealer) {
    sealer = import('./seal.js').catch((error) => {
      sealer = null;
      throw error;
    });
    sealer.catch(() => {});
  }
  return sealer;
}

export function setUpTipForm(form) {
  const button = document.getElementById('submit');
  const status = document.getElementById('status');
  let busy = false;
  // The tipster starts writing: the sealer loads meanwhile, and is ready by the time they send.
  form.addEventListener('focusin', () => loadSealer(), { once: true });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) {
      return;
    }
    showError('');
    const tip = read(form);
    if (!tip) {
      fail('date', text('errorDate'));
      return;
    }
    const wrong = check(tip);
    if (wrong) {
      fail(wrong, text(FIELD_ERRORS[wrong]));
      return;
    }
    busy = true;
    button.disabled = true;
    try {
      const sealing = loadSealer();
      const proof = await withProgress(solveChallenge);
      status.textContent = text('sealing');
      let sealed;
      try {
        sealed = await (await sealing).sealForTipline(tip, proof.challenge);
      } catch (error) {
        status.textContent = '';
        showError(text('errorSealing'));
        return;
      }
      status.textContent = text('sending');
      const answer = await submitSealed(sealed.envelope, proof.header);
      status.textContent = '';
      if (answer.status === 201 && answer.body) {
        showReceipt({ reference: answer.body.reference, receivedOn: answer.body.receivedOn,
          passphrase: sealed.passphrase }, form);
        return;
      }
      explain(answer);
    } catch (error) {
      status.textContent = '';
      showError(text('errorNetwork'));
    } finally {
      busy = false;
      button.disabled = false;
    }
  });
}

/** The tip as the API takes it, or null when a time is given without a date. */
function read(form) {
  const value = (name) => form.elements[name].value.trim();
  const date = value('date');
  const time = value('time');
  if (time && !date) {
    return null;
  }
  const tip = { category: value('category'), description: form.elements.description.value,
    language: value('lang') };
  if (value('location')) {
    tip.location = value('location');
  }
  if (date) {
    tip.occurredAt = time ? date + 'T' + time : date;
  }
  return tip;
}

/** The field a sealed tip must not go out with, as tipline would refuse it in a plain tip; or null. */
function check(tip) {
  if (!tip.category) {
    return 'category';
  }
  if (!tip.description.trim() || tip.description.length > MAX_DESCRIPTION) {
    return 'description';
  }
  if (tip.location && tip.location.length > MAX_LOCATION) {
    return 'location';
  }
  return null;
}

function fail(field, message) {
  showError(message);
  const input = document.getElementById(field);
  if (input) {
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  }
}

/** Tells the tipster why the tip was not stored, from the problem document. */
function explain(answer) {
  const type = (answer.body && answer.body.type) || '';
  if (type === '/problems/invalid-field' && answer.body.errors && answer.body.errors.length) {
    const field = answer.body.errors[0].field;
    const key = FIELD_ERRORS[field];
    if (key) {
      fail(field === 'occurredAt' ? 'date' : field, text(key));
      return;
    }
  }
  if (type === '/problems/sealed-key-unknown') {
    showError(text('errorSealing'));
  } else if (type.startsWith('/problems/proof-')) {
    showError(text('errorProof'));
  } else if (answer.status === 429 || answer.status === 503) {
    showError(text('errorBusy'));
  } else {
    showError(text('errorNetwork'));
  }
}

function showReceipt(receipt, form) {
  document.getElementById('receipt-reference').textContent = receipt.reference;
  document.getElementById('receipt-passphrase').textContent = receipt.passphrase;
  document.getElementById('receipt-received-on').textContent = receipt.receivedOn;
  form.reset();
  document.getElementById('form-view').hidden = true;
  const section = document.getElementById('receipt');
  section.hidden = false;
  document.getElementById('receipt-title').focus();

  const confirm = document.getElementById('receipt-confirm');
  const needed = document.getElementById('receipt-confirm-needed');
  const hold = (event) => {
    event.preventDefault();
    event.returnValue = '';
  };
  window.addEventListener('beforeunload', hold);
  confirm.addEventListener('change', () => {
    needed.hidden = confirm.checked;
  });
  document.getElementById('receipt-done').addEventListener('click', () => {
    if (!confirm.checked) {
      needed.hidden = false;
      confirm.focus();
      return;
    }
    document.getElementById('receipt-reference').textContent = '';
    document.getElementById('receipt-passphrase').textContent = '';
    window.removeEventListener('beforeunload', hold);
    window.location.assign('/?lang=' + encodeURIComponent(document.documentElement.lang));
  });
}
