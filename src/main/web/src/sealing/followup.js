// The tipster's follow-up credentials, made by the front end (docs/crypto.md, sections 4 and 8):
// a seven-word passphrase, a 32-byte dialogue key, and what tipline stores to let the passphrase
// open it later: the Argon2id cost and salt, the verifier, and the dialogue key wrapped under the
// passphrase's wrapping key.

import { argon2id } from 'hash-wasm';
import { FOLLOWUP_VERIFIER, FOLLOWUP_WRAPPING_KEY, tipsterDialogueKeyData } from './bindings.js';
import { ascii, concat, toBase64, utf8 } from './bytes.js';

export const PASSPHRASE_WORDS = 7;
export const WORDLIST_SIZE = 7776;
/** Intake's own cost for its tips; m × t may be at most 19,456 while sign-ins derive on intake. */
export const DEFAULT_KDF = { memoryKib: 256, iterations: 1 };

/**
 * Seven words drawn uniformly with the CSPRNG from the EFF large wordlist (7,776 distinct words,
 * as tipline's src/main/resources/followup/eff-large-wordlist.txt), lower case, single spaces.
 */
export function drawPassphrase(words, random = globalThis.crypto) {
  if (!Array.isArray(words) || words.length !== WORDLIST_SIZE || new Set(words).size !== WORDLIST_SIZE) {
    throw new Error('the wordlist must hold 7,776 distinct words');
  }
  const limit = Math.floor(2 ** 32 / WORDLIST_SIZE) * WORDLIST_SIZE; // no modulo bias
  const drawn = [];
  const buffer = new Uint32Array(1);
  while (drawn.length < PASSPHRASE_WORDS) {
    random.getRandomValues(buffer);
    if (buffer[0] < limit) drawn.push(words[buffer[0] % WORDLIST_SIZE].toLowerCase());
  }
  return drawn.join(' ');
}

/** The words of a wordlist's text: one a line, or dice digits then the word; '#' lines are comments. */
export function wordsOfList(text) {
  return text.split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'))
    .map((line) => line.split(/\s+/).pop());
}

async function hkdf(ikm, info) {
  const key = await globalThis.crypto.subtle.importKey('raw', ikm, 'HKDF', false, ['deriveBits']);
  const bits = await globalThis.crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: ascii(info) }, key, 256);
  return new Uint8Array(bits);
}

/**
 * What tipline stores for the tipster's copy of the dialogue key, for this tip id and reference:
 * { tipsterKdf, tipsterVerifier, tipsterKey } (base64 where bytes).
 */
export async function tipsterCredentials({ passphrase, dialogueKey, tipId, reference, kdf = DEFAULT_KDF,
  random = globalThis.crypto }) {
  const salt = random.getRandomValues(new Uint8Array(16));
  const a = await argon2id({
    password: utf8(passphrase), salt, parallelism: 1, iterations: kdf.iterations, memorySize: kdf.memoryKib,
    hashLength: 32, outputType: 'binary',
  });
  const verifier = await hkdf(a, FOLLOWUP_VERIFIER);
  const wrappingKey = await globalThis.crypto.subtle.importKey('raw', await hkdf(a, FOLLOWUP_WRAPPING_KEY),
    'AES-GCM', false, ['encrypt']);
  const iv = random.getRandomValues(new Uint8Array(12));
  const wrapped = new Uint8Array(await globalThis.crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: ascii(tipsterDialogueKeyData(tipId, reference)), tagLength: 128 },
    wrappingKey, dialogueKey));
  return {
    tipsterKdf: `$argon2id$v=19$m=${kdf.memoryKib},t=${kdf.iterations},p=1$${toBase64(salt, { pad: false })}`,
    tipsterVerifier: toBase64(verifier),
    tipsterKey: toBase64(concat(iv, wrapped)),
  };
}
