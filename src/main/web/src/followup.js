// "Check for replies": the tipster's reference and passphrase open a session (with a
// proof-of-work), then the mailbox is read, answered or closed for good with the session
// token. The page first asks tipline how the reference signs in (/api/v1/followup/sealed/kdf):
// - "sealed" (a tip the page sealed, envelope version 2): the browser derives the keys from
//   the passphrase, signs the proof's challenge, opens the dialogue key, the messages and the
//   reward, and seals its answers (/api/v1/followup/sealed/...); the passphrase and the texts
//   never leave it;
// - "passphrase" (a tip sealed by tipline): the passphrase signs in over /api/v1/followup.
// The token, the keys and the credentials live in this page's memory only, never in storage,
// a cookie or a URL.
import { solveProof, withProgress } from './proof.js';
import { showError, text } from './texts.js';

let token = null;
/** For a sealed tip: { tipId, dialogueKey, formatVersion, nextNumber } while signed in; null otherwise. */
let sealed = null;
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

export function setUpReplies(form) {
  form.hidden = false;
  const button = document.getElementById('signin');
  const status = document.getElementById('status');
  form.addEventListener('focusin', () => loadSealer(), { once: true });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    showError('');
    button.disabled = true;
    try {
      const typedReference = form.elements.reference.value.trim();
      const typedPassphrase = form.elements.passphrase.value.trim();
      const seal = await loadSealer();
      const reference = seal.canonicalReference(typedReference);
      if (!reference) {
        showError(text('refused'));
        return;
      }
      const how = await fetch('/api/v1/followup/sealed/kdf', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ reference }),
        credentials: 'omit', cache: 'no-store' });
      if (how.status !== 200) {
        showError(refusal(how.status));
        return;
      }
      // Only a tip that tipline sealed takes the passphrase itself; never send it for any other answer.
      const kdf = await how.json();
      const ok = kdf.signIn === 'passphrase'
        ? await signInWithPassphrase(reference, typedPassphrase, status)
        : await signInSealed(seal, reference, typedPassphrase, kdf.tipsterKdf, status);
      if (!ok) {
        return;
      }
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

/** A tip sealed by tipline: the passphrase itself signs in. */
async function signInWithPassphrase(reference, passphrase, status) {
  const proof = await withProgress(solveProof);
  status.textContent = text('opening');
  const answer = await fetch('/api/v1/followup/session', {
    method: 'POST',
    headers: { Authorization: 'Tipster ' + base64(reference + ':' + passphrase), 'X-Tipline-Proof': proof },
    credentials: 'omit',
    cache: 'no-store',
  });
  status.textContent = '';
  if (answer.status !== 201) {
    showError(refusal(answer.status));
    return false;
  }
  token = (await answer.json()).token;
  sealed = null;
  return true;
}

/** A tip the page sealed: derive from the passphrase here, sign the proof's challenge, open the dialogue key. */
async function signInSealed(seal, reference, passphrase, tipsterKdf, status) {
  status.textContent = text('opening');
  const keys = await seal.deriveFromPassphrase(passphrase, tipsterKdf);
  status.textContent = '';
  const proof = await withProgress(solveProof);
  status.textContent = text('opening');
  const signature = seal.signInSignature(keys.signInSeed, reference, seal.challengeOfProof(proof));
  const answer = await fetch('/api/v1/followup/sealed/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Tipline-Proof': proof },
    body: JSON.stringify({ reference, signature }),
    credentials: 'omit',
    cache: 'no-store',
  });
  status.textContent = '';
  if (answer.status !== 201) {
    showError(refusal(answer.status));
    return false;
  }
  const session = await answer.json();
  let dialogueKey;
  try {
    dialogueKey = await seal.openDialogueKey(keys.wrappingKey, session.tipsterKey, session.tipId, reference);
  } catch (error) {
    showError(text('refused'));
    return false;
  }
  token = session.token;
  sealed = { seal, tipId: session.tipId, dialogueKey, formatVersion: null, nextNumber: null };
  return true;
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

/** Ends the session on the page: the token and the keys are forgotten and the sign-in form shown again. */
function sessionEnded() {
  token = null;
  sealed = null;
  document.getElementById('mailbox').hidden = true;
  document.getElementById('signin-form').hidden = false;
  showError(text('sessionEnded'));
}

async function showMailbox(focus) {
  const answer = await call('GET', sealed ? '/api/v1/followup/sealed' : '/api/v1/followup');
  if (answer.status === 401) {
    sessionEnded();
    return;
  }
  if (answer.status !== 200) {
    showError(refusal(answer.status));
    return;
  }
  const mailbox = sealed ? await openMailbox(await answer.json()) : await answer.json();
  document.getElementById('mailbox-title').textContent = mailbox.reference;
  document.getElementById('mailbox-status').textContent = text('status' + camel(mailbox.status)) || mailbox.status;
  const reward = mailbox.reward;
  document.getElementById('reward').hidden = !reward;
  if (reward) {
    document.getElementById('reward-status').textContent =
      reward.status === 'paid' ? text('rewardPaid') : text('rewardApproved');
    document.getElementById('reward-amount').textContent = [reward.amount, reward.currency].filter(Boolean).join(' ');
    document.getElementById('reward-instructions').textContent = reward.instructions || '';
    // The code while the reward waits to be collected; once paid, none, and no empty line for it.
    document.getElementById('reward-code').textContent = reward.payoutCode || '';
    document.getElementById('reward-code-term').hidden = !reward.payoutCode;
    document.getElementById('reward-code-value').hidden = !reward.payoutCode;
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

/** The sealed mailbox with its messages' texts and its reward opened (an altered message shows as null). */
async function openMailbox(mailbox) {
  const { seal, tipId, dialogueKey } = sealed;
  sealed.formatVersion = mailbox.formatVersion;
  sealed.nextNumber = mailbox.nextNumber;
  const messages = [];
  for (const message of mailbox.messages) {
    let opened = null;
    try {
      opened = await seal.openMessage(dialogueKey, { tipId, formatVersion: mailbox.formatVersion, ...message });
    } catch (error) {
      opened = null;
    }
    messages.push({ ...message, text: opened });
  }
  let reward = mailbox.reward;
  if (reward && reward.tipsterView) {
    try {
      const view = await seal.openReward(dialogueKey,
        { tipId, formatVersion: mailbox.formatVersion, tipsterView: reward.tipsterView });
      // As tipline shows it for the tips it sealed: the code only while the reward waits to be collected.
      reward = { ...reward, instructions: view.instructions,
        payoutCode: reward.status === 'approved' ? view.payoutCode : null };
    } catch (error) {
      reward = { ...reward, instructions: '…', payoutCode: '' };
    }
  }
  return { ...mailbox, messages, reward };
}

async function answer(event) {
  event.preventDefault();
  const field = document.getElementById('answer');
  const status = document.getElementById('answer-status');
  const button = document.getElementById('answer-send');
  button.disabled = true;
  try {
    const sent = sealed
      ? await call('POST', '/api/v1/followup/sealed/messages', { number: sealed.nextNumber,
        ciphertext: await sealed.seal.sealMessage(sealed.dialogueKey, { tipId: sealed.tipId,
          formatVersion: sealed.formatVersion, number: sealed.nextNumber, text: field.value }) })
      : await call('POST', '/api/v1/followup/messages', { text: field.value });
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
    sealed = null;
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
