// Sealed submissions (docs/crypto.md, section 8): the front end seals the tip and makes its
// follow-up credentials itself, so that tipline never sees the tip, the passphrase or the
// dialogue key. Envelope version 2 (the default) gives the tipster a sealed follow-up: the browser
// derives from the passphrase, signs in, opens and seals the messages itself. Usage:
//
//   const officeKey = primaryOfficeKey(await (await fetch('/api/v1/office-key')).json());
//   const binding = bindingFromChallenge(challenge);            // or GET /api/v1/tips/sealed/binding
//   const { envelope, passphrase } = await sealTip({ officeKey, binding, tip, words });
//   fetch('/api/v1/tips/sealed', { method: 'POST', headers: { 'Content-Type': 'application/json',
//     'X-Tipline-Proof': proof }, body: JSON.stringify(envelope) });
//
// Coming back (docs/crypto.md, section 8):
//   POST /api/v1/followup/sealed/kdf {reference}          -> { signIn: 'sealed', tipsterKdf }
//   const keys = await deriveFromPassphrase(passphrase, tipsterKdf);
//   POST /api/v1/followup/sealed/session {reference, signature: signInSignature(keys.signInSeed,
//     reference, challengeOfProof(proof))} with X-Tipline-Proof: proof  -> { token, tipId, tipsterKey }
//   const dialogueKey = await openDialogueKey(keys.wrappingKey, tipsterKey, tipId, reference);
//   GET /api/v1/followup/sealed (Bearer token): openMessage, openReward; answer with sealMessage.

import { checkBinding, officeDialogueKeyContext, SEALED_TIP_FORMAT_VERSION, tipContext } from './bindings.js';
import { toBase64, utf8 } from './bytes.js';
import { drawPassphrase, tipsterCredentials } from './followup.js';
import { sealToOffice } from './hpke.js';

export { bindingFromChallenge, checkBinding } from './bindings.js';
export { primaryOfficeKey } from './office-key.js';
export {
  drawPassphrase, wordsOfList, DEFAULT_KDF, SEALED_KDF, canonicalPassphrase, canonicalReference, parseKdf,
  deriveFromPassphrase, challengeOfProof, signInSignature, openDialogueKey, openMessage, sealMessage, openReward,
} from './followup.js';
export { sealToOffice } from './hpke.js';

/** The envelope version sealTip makes unless told otherwise: 2, the sealed follow-up. */
export const ENVELOPE_VERSION = 2;
export const PADDING_BLOCK = 256;
export const MAX_PADDED_TIP = 256 * PADDING_BLOCK;

/**
 * The tip as tipline writes it: a JSON object with its keys sorted, empty fields left out, no
 * whitespace; details' entries sorted by name.
 */
export function canonicalTipJson(tip) {
  const fields = {
    category: tip.category,
    description: tip.description,
    details: tip.details && Object.keys(tip.details).length
      ? Object.fromEntries(Object.keys(tip.details).sort().map((k) => [k, String(tip.details[k])])) : undefined,
    formatVersion: SEALED_TIP_FORMAT_VERSION,
    language: tip.language || undefined,
    location: tip.location || undefined,
    occurredAt: tip.occurredAt || undefined,
  };
  const sorted = {};
  for (const key of Object.keys(fields).sort()) {
    if (fields[key] !== undefined && fields[key] !== null) sorted[key] = fields[key];
  }
  return utf8(JSON.stringify(sorted));
}

/** Trailing spaces up to the next multiple of 256 bytes (always at least one), as crypto/JsonPadding. */
export function pad(json) {
  const out = new Uint8Array((Math.floor(json.length / PADDING_BLOCK) + 1) * PADDING_BLOCK).fill(0x20);
  out.set(json);
  return out;
}

/**
 * Seals a tip ({ category, description, location?, occurredAt?, language?, details? }) to the
 * office key for the binding ({ tipId, reference, binding? }), with a new passphrase from
 * `words` (the EFF large wordlist) and a new dialogue key. Returns the envelope to post and the
 * passphrase to show the tipster, once. `envelopeVersion` 2 (the default, with SEALED_KDF) or 1
 * (with DEFAULT_KDF: the tipster signs in with the passphrase at intake).
 */
export async function sealTip({ officeKey, binding, tip, words, kdf, envelopeVersion = ENVELOPE_VERSION,
  random = globalThis.crypto }) {
  if (envelopeVersion !== 1 && envelopeVersion !== 2) throw new Error('envelopeVersion is 1 or 2');
  const { tipId, reference } = checkBinding(binding);
  const padded = pad(canonicalTipJson(tip));
  if (padded.length > MAX_PADDED_TIP) throw new Error('the tip is too long to seal');
  const passphrase = drawPassphrase(words, random);
  const dialogueKey = random.getRandomValues(new Uint8Array(32));
  const credentials = await tipsterCredentials({ passphrase, dialogueKey, tipId, reference, envelopeVersion,
    ...(kdf ? { kdf } : {}), random });
  const envelope = {
    version: envelopeVersion,
    tipId,
    reference,
    ...(binding.binding ? { binding: binding.binding } : {}),
    category: tip.category,
    tip: toBase64(await sealToOffice(officeKey, padded, tipContext(tipId))),
    officeDialogueKey: toBase64(await sealToOffice(officeKey, dialogueKey, officeDialogueKeyContext(tipId))),
    ...credentials,
  };
  dialogueKey.fill(0);
  return { envelope, passphrase };
}
