// "Check for replies": the tipster's reference and passphrase open a session (with a
// proof-of-work), then the mailbox is read, answered or closed for good with the session
// token, over /api/v1/followup. The token and the credentials live in this page's memory
// only, never in storage, a cookie or a URL.
import { solveProof, withProgress } from './proof.js';
import { showError, text } from './texts.js';

let token = null;

export function setUpReplies(form) {
  form.hidden = false;
  const button = document.getElementById('signin');
  const status = document.getElementById('status');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    showError('');
    button.disabled = true;
    try {
      const proof = await withProgress(solveProof);
      status.textContent = text('opening');
      const credential = form.elements.reference.value.trim() + ':' + form.elements.passphrase.value.trim();
      const answer = await fetch('/api/v1/followup/session', {
        method: 'POST',
        headers: { Authorization: 'Tipster ' + base64(credential), 'X-Tipline-Proof': proof },
        credentials: 'omit',
        cache: 'no-store',
      });
      status.textContent = '';
      if (answer.status !== 201) {
        showError(refusal(answer.status));
        return;
      }
      token = (await answer.json()).token;
      form.elements.passphrase.value = '';
      form.hidden = true;
      await showMailbox(true);
    } catch (error) {
      status.textContent = '';
      showError(text('errorNetwork'));
    } finally {
      button.disabled = false;
    }
  });
  document.getElementById('answer-form').addEventListener('submit', answer);
  document.getElementById('erase').addEventListener('click', () => {
    document.getElementById('erase-confirm-box').hidden = false;
    document.getElementById('erase-confirm').focus();
  });
  document.getElementById('erase-confirm').addEventListener('click', erase);
}

function refusal(status) {
  if (status === 401) {
    return text('refused');
  } else if (status === 429) {
    return text('throttled');
  } else if (status === 400) {
    return text('errorProof');
  } else if (status === 503) {
    return text('errorBusy');
  }
  return text('errorNetwork');
}

function call(method, path, body) {
  const headers = { Authorization: 'Bearer ' + token };
  if (body) {
    headers['Content-Type'] = 'application/json';
  }
  return fetch(path, { method, headers, body: body ? JSON.stringify(body) : undefined, credentials: 'omit',
    cache: 'no-store' });
}

/** Ends the session on the page: the token is forgotten and the sign-in form shown again. */
function sessionEnded() {
  token = null;
  document.getElementById('mailbox').hidden = true;
  document.getElementById('signin-form').hidden = false;
  showError(text('sessionEnded'));
}

async function showMailbox(focus) {
  const answer = await call('GET', '/api/v1/followup');
  if (answer.status === 401) {
    sessionEnded();
    return;
  }
  if (answer.status !== 200) {
    showError(refusal(answer.status));
    return;
  }
  const mailbox = await answer.json();
  document.getElementById('mailbox-title').textContent = mailbox.reference;
  document.getElementById('mailbox-status').textContent = text('status' + camel(mailbox.status)) || mailbox.status;
  const reward = mailbox.reward;
  document.getElementById('reward').hidden = !reward;
  if (reward) {
    document.getElementById('reward-status').textContent =
      reward.status === 'paid' ? text('rewardPaid') : text('rewardApproved');
    document.getElementById('reward-amount').textContent = [reward.amount, reward.currency].filter(Boolean).join(' ');
    document.getElementById('reward-instructions').textContent = reward.instructions || '';
    document.getElementById('reward-code').textContent = reward.payoutCode || '';
  }
  const list = document.getElementById('messages');
  list.replaceChildren();
  for (const message of mailbox.messages) {
    const item = document.createElement('li');
    const from = document.createElement('span');
    from.className = 'from';
    from.textContent = (message.from === 'office' ? text('fromOffice') : text('fromYou')) + ' · ' + message.sentAt;
    const body = document.createElement('span');
    body.className = 'text';
    body.textContent = message.text === null ? '…' : message.text;
    item.append(from, body);
    list.append(item);
  }
  document.getElementById('mailbox-empty').hidden = mailbox.messages.length > 0;
  const closed = mailbox.dialogue === 'closed';
  document.getElementById('dialogue-closed').hidden = !closed;
  document.getElementById('answer-form').hidden = closed;
  document.getElementById('mailbox').hidden = false;
  if (focus) {
    document.getElementById('mailbox-title').focus();
  }
}

async function answer(event) {
  event.preventDefault();
  const field = document.getElementById('answer');
  const status = document.getElementById('answer-status');
  const button = document.getElementById('answer-send');
  button.disabled = true;
  try {
    const sent = await call('POST', '/api/v1/followup/messages', { text: field.value });
    if (sent.status === 401) {
      sessionEnded();
      return;
    }
    if (sent.status !== 201) {
      status.textContent = refusal(sent.status);
      return;
    }
    field.value = '';
    // The list shows the answer before the status says it was sent.
    await showMailbox(false);
    status.textContent = text('sent');
  } catch (error) {
    status.textContent = text('errorNetwork');
  } finally {
    button.disabled = false;
  }
}

async function erase() {
  try {
    const answer = await call('DELETE', '/api/v1/followup/access');
    if (answer.status === 401) {
      sessionEnded();
      return;
    }
    if (answer.status !== 204) {
      showError(refusal(answer.status));
      return;
    }
    token = null;
    document.getElementById('mailbox').hidden = true;
    const done = document.getElementById('erased');
    done.hidden = false;
    done.focus();
  } catch (error) {
    showError(text('errorNetwork'));
  }
}

/** under-review to UnderReview, for the data-status-* texts. */
function camel(value) {
  return String(value).split('-').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
}

/** Standard base64 of the UTF-8 bytes, as the Tipster scheme takes them. */
function base64(value) {
  const bytes = new TextEncoder().encode(value);
  let binary = '';
  for (const byte of bytes) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary);
}
