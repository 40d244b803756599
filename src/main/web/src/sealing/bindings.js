// The binding strings a front end seals to, exactly as tipline's crypto/Bindings spells them
// (docs/crypto.md, sections 3, 4 and 8). Every string is US-ASCII.

/** The format version of a tip sealed by a front end. */
export const SEALED_TIP_FORMAT_VERSION = 2;

export const FOLLOWUP_VERIFIER = 'tipline/followup/verifier/v1';
export const FOLLOWUP_WRAPPING_KEY = 'tipline/followup/wrapping-key/v1';
/** HKDF info of the Ed25519 sign-in seed of a sealed follow-up (envelope version 2). */
export const FOLLOWUP_SIGNIN_KEY = 'tipline/followup/signin-key/v1';

/** What a sealed sign-in signs: the canonical reference and the proof's challenge (lower-case hex). */
export function sealedSignInData(reference, challenge) {
  return `tipline/followup/sealed-signin/v1/${reference}/${challenge}`;
}

/** AES-GCM associated data of message `number` from `sender` ('tipster' or 'office'). */
export function messageData(formatVersion, tipId, number, sender) {
  return `tipline/message/v${formatVersion}/${tipId}/${number}/${sender}`;
}

/** AES-GCM associated data of the tipster's view of a reward. */
export function rewardData(formatVersion, tipId) {
  return `tipline/reward/v${formatVersion}/${tipId}`;
}

/** HPKE contextInfo of the tip. */
export function tipContext(tipId) {
  return `tipline/tip/v${SEALED_TIP_FORMAT_VERSION}/${tipId}`;
}

/** HPKE contextInfo of the office's copy of the dialogue key. */
export function officeDialogueKeyContext(tipId) {
  return `tipline/dialogue-key/office/v1/${tipId}`;
}

/** AES-GCM associated data of the tipster's copy of the dialogue key. */
export function tipsterDialogueKeyData(tipId, reference) {
  return `tipline/dialogue-key/tipster/v1/${tipId}/${reference}`;
}

const TIP_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const REFERENCE = /^TIP(?:-[0-9A-HJKMNP-TV-Z]{4}){4}$/;

/** Checks a binding's tip id and reference before anything is sealed to them. */
export function checkBinding({ tipId, reference }) {
  if (!TIP_ID.test(tipId ?? '')) throw new Error('the binding has no tip id of the right form');
  if (!REFERENCE.test(reference ?? '')) throw new Error('the binding has no reference of the right form');
  return { tipId, reference };
}

/**
 * The binding a challenge from GET /api/v1/challenge carries in its salt: t (the tip id) and
 * r (the reference). The proof-of-work's own check on the server authenticates them.
 */
export function bindingFromChallenge(challenge) {
  const salt = typeof challenge === 'string' ? challenge : challenge.salt;
  const query = salt.indexOf('?');
  if (query < 0) throw new Error('the challenge carries no binding');
  const params = new URLSearchParams(salt.slice(query + 1));
  return checkBinding({ tipId: params.get('t'), reference: params.get('r') });
}
