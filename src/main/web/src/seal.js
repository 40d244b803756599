// The sealing step, loaded apart from the page's script (a dynamic import: HPKE with X-Wing's
// ML-KEM and Argon2id in WebAssembly are most of the page's bytes), so that the form works
// before it arrives. The wordlist is tipline's own (src/main/resources/followup/
// eff-large-wordlist.txt), put into this chunk by build.mjs.
import { bindingFromChallenge, primaryOfficeKey, sealTip, wordsOfList } from './sealing/index.js';
import WORDLIST from 'tipline:eff-large-wordlist';

let words = null;

/**
 * Seals the tip to the office's primary key for the binding the solved challenge carries;
 * resolves to { envelope, passphrase }. The envelope's version and the passphrase's cost are
 * the sealer's own.
 */
export async function sealForTipline(tip, challenge) {
  const binding = bindingFromChallenge(challenge);
  const answer = await fetch('/api/v1/office-key', { cache: 'no-store', credentials: 'omit' });
  if (!answer.ok) {
    throw new Error('office key ' + answer.status);
  }
  const officeKey = primaryOfficeKey(await answer.json());
  words = words || wordsOfList(WORDLIST);
  return sealTip({ officeKey, binding, tip, words });
}

// Coming back to a sealed tip (envelope version 2): the "Check for replies" screen derives,
// signs in, opens and seals in the browser with these (src/followup.js).
export {
  canonicalReference, deriveFromPassphrase, challengeOfProof, signInSignature, openDialogueKey, openMessage,
  sealMessage, openReward,
} from './sealing/index.js';
