// The tipster's follow-up credentials, made by the front end (docs/crypto.md, sections 4 and 8):
// a seven-word passphrase, a 32-byte dialogue key, and what tipline stores to let the passphrase
// open it later: the Argon2id cost and salt, the dialogue key wrapped under the passphrase's
// wrapping key, and either the verifier (envelope version 1: intake checks the passphrase) or
// the Ed25519 sign-in public key (version 2, the sealed follow-up: intake never sees the
// passphrase). Also what the browser does when the tipster comes back to a sealed tip: derive,
// sign in, open the dialogue key, open and seal messages, open the reward.

import { ed25519 } from '@noble/curves/ed25519.js';
import { argon2id } from 'hash-wasm';
import {
  FOLLOWUP_SIGNIN_KEY, FOLLOWUP_VERIFIER, FOLLOWUP_WRAPPING_KEY, messageData, rewardData, sealedSignInData,
  tipsterDialogueKeyData,
} from './bindings.js';
import { ascii, concat, fromBase64, toBase64, utf8 } from './bytes.js';

export const PASSPHRASE_WORDS = 7;
export const WORDLIST_SIZE = 7776;
/** Intake's own cost for its tips; m × t may be at most 19,456 while sign-ins derive on intake (version 1). */
export const DEFAULT_KDF = { memoryKib: 256, iterations: 1 };
/** The sealed follow-up's cost (version 2), paid only by the tipster's device: 64 MiB, 3 passes. */
export const SEALED_KDF = { memoryKib: 65536, iterations: 3 };
const PADDING_BLOCK = 256;

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

/** A typed passphrase as tipline reads it: trimmed, lower case, words joined by single spaces. */
export function canonicalPassphrase(typed) {
  return typed.trim().toLowerCase().split(/\s+/).join(' ');
}

/** A typed reference in canonical form (any case, dashes and spaces, O as 0, I and L as 1), or null. */
export function canonicalReference(typed) {
  let upper = String(typed ?? '').trim().toUpperCase();
  if (upper.startsWith('TIP')) upper = upper.slice(3);
  const symbols = upper.replace(/[- ]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{16}$/.test(symbols)) return null;
  return `TIP-${symbols.slice(0, 4)}-${symbols.slice(4, 8)}-${symbols.slice(8, 12)}-${symbols.slice(12)}`;
}

async function hkdf(ikm, info) {
  const key = await globalThis.crypto.subtle.importKey('raw', ikm, 'HKDF', false, ['deriveBits']);
  const bits = await globalThis.crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: ascii(info) }, key, 256);
  return new Uint8Array(bits);
}

function kdfText(kdf, salt) {
  return `$argon2id$v=19$m=${kdf.memoryKib},t=${kdf.iterations},p=1$${toBase64(salt, { pad: false })}`;
}

/** A stored kdf text ($argon2id$v=19$m=..,t=..,p=1$salt) as { memoryKib, iterations, salt }. */
export function parseKdf(text) {
  const m = /^\$argon2id\$v=19\$m=(\d{1,9}),t=(\d{1,3}),p=1\$([A-Za-z0-9+/]{22})$/.exec(text ?? '');
  if (!m) throw new Error('not a tipline kdf');
  return { memoryKib: Number(m[1]), iterations: Number(m[2]), salt: fromBase64(m[3]) };
}

async function stretch(passphrase, { memoryKib, iterations }, salt) {
  return argon2id({
    password: utf8(passphrase), salt, parallelism: 1, iterations, memorySize: memoryKib, hashLength: 32,
    outputType: 'binary',
  });
}

/**
 * What the passphrase yields under a kdf text: the wrapping key (raw, 32 bytes), the sign-in
 * seed (the RFC 8032 Ed25519 private key) and its public key. A, the Argon2id output, is wiped.
 */
export async function deriveFromPassphrase(passphrase, kdf) {
  const { memoryKib, iterations, salt } = parseKdf(kdf);
  const a = await stretch(canonicalPassphrase(passphrase), { memoryKib, iterations }, salt);
  const wrappingKey = await hkdf(a, FOLLOWUP_WRAPPING_KEY);
  const signInSeed = await hkdf(a, FOLLOWUP_SIGNIN_KEY);
  a.fill(0);
  return { wrappingKey, signInSeed, signInKey: ed25519.getPublicKey(signInSeed) };
}

/** The challenge (lower-case hex) of a solved proof-of-work, as sent in X-Tipline-Proof (base64 of JSON). */
export function challengeOfProof(proof) {
  const payload = JSON.parse(new TextDecoder().decode(fromBase64(proof)));
  if (!/^[0-9a-f]{64}$/.test(payload.challenge ?? '')) throw new Error('not a solved challenge');
  return payload.challenge;
}

/** The sealed sign-in's signature (base64) of the reference and the challenge of the proof it is sent with. */
export function signInSignature(signInSeed, reference, challenge) {
  return toBase64(ed25519.sign(ascii(sealedSignInData(reference, challenge)), signInSeed));
}

async function aesKey(raw, usage) {
  return globalThis.crypto.subtle.importKey('raw', raw, 'AES-GCM', false, [usage]);
}

async function aesOpen(raw, sealed, data) {
  return new Uint8Array(await globalThis.crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: sealed.slice(0, 12), additionalData: ascii(data), tagLength: 128 },
    await aesKey(raw, 'decrypt'), sealed.slice(12)));
}

async function aesSeal(raw, plaintext, data, random = globalThis.crypto) {
  const iv = random.getRandomValues(new Uint8Array(12));
  const sealed = new Uint8Array(await globalThis.crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: ascii(data), tagLength: 128 }, await aesKey(raw, 'encrypt'), plaintext));
  return concat(iv, sealed);
}

/** The dialogue key (32 bytes) in the session's tipsterKey (base64), opened with the wrapping key. */
export async function openDialogueKey(wrappingKey, tipsterKey, tipId, reference) {
  return aesOpen(wrappingKey, fromBase64(tipsterKey), tipsterDialogueKeyData(tipId, reference));
}

/** A mailbox message's text ({ number, from, ciphertext } of GET /api/v1/followup/sealed); throws if altered. */
export async function openMessage(dialogueKey, { tipId, formatVersion, number, from, ciphertext }) {
  const json = await aesOpen(dialogueKey, fromBase64(ciphertext), messageData(formatVersion, tipId, number, from));
  return JSON.parse(new TextDecoder().decode(json)).text;
}

/** An answer sealed as message `number` (the mailbox's nextNumber), base64, for POST /api/v1/followup/sealed/messages. */
export async function sealMessage(dialogueKey, { tipId, formatVersion, number, text }, random = globalThis.crypto) {
  const json = utf8(JSON.stringify({ text }));
  const padded = new Uint8Array((Math.floor(json.length / PADDING_BLOCK) + 1) * PADDING_BLOCK).fill(0x20);
  padded.set(json);
  return toBase64(await aesSeal(dialogueKey, padded, messageData(formatVersion, tipId, number, 'tipster'), random));
}

/** The reward's tipsterView (base64) as { instructions, payoutCode }. */
export async function openReward(dialogueKey, { tipId, formatVersion, tipsterView }) {
  const json = await aesOpen(dialogueKey, fromBase64(tipsterView), rewardData(formatVersion, tipId));
  const { instructions, payoutCode } = JSON.parse(new TextDecoder().decode(json));
  return { instructions, payoutCode };
}

/**
 * What tipline stores for the tipster's copy of the dialogue key, for this tip id and reference:
 * { tipsterKdf, tipsterSignInKey, tipsterKey } for envelope version 2 (the default), or
 * { tipsterKdf, tipsterVerifier, tipsterKey } for version 1 (base64 where bytes).
 */
export async function tipsterCredentials({ passphrase, dialogueKey, tipId, reference, envelopeVersion = 2,
  kdf = envelopeVersion === 2 ? SEALED_KDF : DEFAULT_KDF, random = globalThis.crypto }) {
  const salt = random.getRandomValues(new Uint8Array(16));
  const a = await stretch(passphrase, kdf, salt);
  const wrappingKey = await hkdf(a, FOLLOWUP_WRAPPING_KEY);
  const tipsterKey = toBase64(await aesSeal(wrappingKey, dialogueKey, tipsterDialogueKeyData(tipId, reference),
    random));
  wrappingKey.fill(0);
  let proof;
  if (envelopeVersion === 2) {
    const seed = await hkdf(a, FOLLOWUP_SIGNIN_KEY);
    proof = { tipsterSignInKey: toBase64(ed25519.getPublicKey(seed)) };
    seed.fill(0);
  } else {
    proof = { tipsterVerifier: toBase64(await hkdf(a, FOLLOWUP_VERIFIER)) };
  }
  a.fill(0);
  return { tipsterKdf: kdfText(kdf, salt), ...proof, tipsterKey };
}
