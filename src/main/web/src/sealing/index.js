// Sealed submissions (docs/crypto.md, section 8): the front end seals the tip and makes its
// follow-up credentials itself, so that tipline never sees the tip, the passphrase or the
// dialogue key. Usage:
//
//   const officeKey = primaryOfficeKey(await (await fetch('/api/v1/office-key')).json());
//   const binding = bindingFromChallenge(challenge);            // or GET /api/v1/tips/sealed/binding
//   const { envelope, passphrase } = await sealTip({ officeKey, binding, tip, words });
//   fetch('/api/v1/tips/sealed', { method: 'POST', headers: { 'Content-Type': 'application/json',
//     'X-Tipline-Proof': proof }, body: JSON.stringify(envelope) });

import { checkBinding, officeDialogueKeyContext, SEALED_TIP_FORMAT_VERSION, tipContext } from './bindings.js';
import { toBase64, utf8 } from './bytes.js';
import { drawPassphrase, tipsterCredentials } from './followup.js';
import { sealToOffice } from './hpke.js';

export { bindingFromChallenge, checkBinding } from './bindings.js';
export { primaryOfficeKey } from './office-key.js';
export { drawPassphrase, wordsOfList, DEFAULT_KDF } from './followup.js';
export { sealToOffice } from './hpke.js';

export const ENVELOPE_VERSION = 1;
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
 * passphrase to show the tipster, once.
 */
export async function sealTip({ officeKey, binding, tip, words, kdf, random = globalThis.crypto }) {
  const { tipId, reference } = checkBinding(binding);
  const padded = pad(canonicalTipJson(tip));
  if (padded.length > MAX_PADDED_TIP) throw new Error('the tip is too long to seal');
  const passphrase = drawPassphrase(words, random);
  const dialogueKey = random.getRandomValues(new Uint8Array(32));
  const credentials = await tipsterCredentials({ passphrase, dialogueKey, tipId, reference, kdf, random });
  const envelope = {
    version: ENVELOPE_VERSION,
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
