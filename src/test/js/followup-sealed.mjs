// Comes back to a sealed tip (envelope version 2) as the tipster's browser does, with the page's
// sealer (src/main/web/src/sealing), against a running tipline: looks up the kdf, derives from
// the passphrase, signs in over a fresh proof-of-work, opens the dialogue key and the messages,
// opens the reward, and, with --answer, seals and posts an answer. Nothing but ciphertexts and
// the signature leave this script. Prints one JSON line of what it saw.
//
//   node followup-sealed.mjs --base http://localhost:8081 --reference TIP-... --passphrase '...' [--answer '...']
import { register } from 'node:module';
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';

register('./sealing-resolve.mjs', import.meta.url);
const sealing = await import('../../main/web/src/sealing/index.js');

const { values: args } = parseArgs({
  options: {
    base: { type: 'string' }, reference: { type: 'string' }, passphrase: { type: 'string' },
    answer: { type: 'string' },
  },
});

function solve(challenge) {
  for (let n = 0; n <= challenge.maxnumber; n++) {
    if (createHash('sha256').update(challenge.salt + n).digest('hex') === challenge.challenge) {
      const payload = { algorithm: challenge.algorithm, challenge: challenge.challenge, number: n, salt: challenge.salt,
        signature: challenge.signature };
      return Buffer.from(JSON.stringify(payload)).toString('base64');
    }
  }
  throw new Error('no solution');
}

async function call(method, path, { body, headers = {} } = {}) {
  const answer = await fetch(`${args.base}${path}`, {
    method, headers: { ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await answer.text();
  return { status: answer.status, body: text ? JSON.parse(text) : null };
}

const sent = [];
const reference = sealing.canonicalReference(args.reference);
const kdf = await call('POST', '/api/v1/followup/sealed/kdf', { body: { reference } });
if (kdf.status !== 200 || kdf.body.signIn !== 'sealed') throw new Error(`kdf lookup: ${JSON.stringify(kdf)}`);
const keys = await sealing.deriveFromPassphrase(args.passphrase, kdf.body.tipsterKdf);

const challenge = (await call('GET', '/api/v1/challenge')).body;
const proof = solve(challenge);
const signIn = { reference, signature: sealing.signInSignature(keys.signInSeed, reference, sealing.challengeOfProof(proof)) };
sent.push(JSON.stringify(signIn));
const session = await call('POST', '/api/v1/followup/sealed/session', { body: signIn, headers: { 'X-Tipline-Proof': proof } });
if (session.status !== 201) {
  console.log(JSON.stringify({ signIn: session.status, problem: session.body }));
  process.exit(0);
}
const { token, tipId, tipsterKey } = session.body;
const bearer = { Authorization: `Bearer ${token}` };
const dialogueKey = await sealing.openDialogueKey(keys.wrappingKey, tipsterKey, tipId, reference);

const mailbox = (await call('GET', '/api/v1/followup/sealed', { headers: bearer })).body;
const messages = [];
for (const message of mailbox.messages) {
  let text = null;
  try {
    text = await sealing.openMessage(dialogueKey, { tipId, formatVersion: mailbox.formatVersion, ...message });
  } catch {
    // an altered message shows as null
  }
  messages.push({ number: message.number, from: message.from, text });
}
const reward = mailbox.reward && mailbox.reward.tipsterView
  ? { status: mailbox.reward.status, ...await sealing.openReward(dialogueKey,
    { tipId, formatVersion: mailbox.formatVersion, tipsterView: mailbox.reward.tipsterView }) }
  : mailbox.reward;

let answered = null;
if (args.answer !== undefined) {
  const body = { number: mailbox.nextNumber, ciphertext: await sealing.sealMessage(dialogueKey,
    { tipId, formatVersion: mailbox.formatVersion, number: mailbox.nextNumber, text: args.answer }) };
  sent.push(JSON.stringify(body));
  answered = await call('POST', '/api/v1/followup/sealed/messages', { body, headers: bearer });
}
await call('DELETE', '/api/v1/followup/session', { headers: bearer });
console.log(JSON.stringify({
  signIn: session.status, tipId, status: mailbox.status, nextNumber: mailbox.nextNumber, messages, reward,
  answered, sent, signInKey: Buffer.from(keys.signInKey).toString('base64'),
}));
