// Seals a tip with the page's sealer (src/main/web/src/sealing) and, with --base, posts it to
// tipline's POST /api/v1/tips/sealed. Prints one JSON line: what was sent and what came back.
//
//   node seal-tip.mjs --base http://localhost:8081 --binding challenge|token [--channel-key tlc_...]
//                     [--tip '{"category":...}'] [--envelope-version 2|1]
//   node seal-tip.mjs --office-key keyset.json --tip-id <uuid> --reference TIP-... [--tip ...]
//       (no server: seals to the public keyset in the file, prints the envelope)
import { register } from 'node:module';
import { createHash, webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

register('./sealing-resolve.mjs', import.meta.url);
const sealing = await import('../../main/web/src/sealing/index.js');

const { values: args } = parseArgs({
  options: {
    base: { type: 'string' }, binding: { type: 'string', default: 'challenge' }, 'channel-key': { type: 'string' },
    'office-key': { type: 'string' }, 'tip-id': { type: 'string' }, reference: { type: 'string' },
    tip: { type: 'string' }, 'envelope-version': { type: 'string', default: '2' }, wordlist: { type: 'string', default: '../../main/resources/followup/eff-large-wordlist.txt' },
  },
});

const tip = args.tip ? JSON.parse(args.tip)
  : { category: 'drugs', description: 'Sealed in the browser: cars stop at the blue house every night.', language: 'en' };
const envelopeVersion = Number(args['envelope-version']);
const words = sealing.wordsOfList(readFileSync(new URL(args.wordlist, import.meta.url), 'utf8'));

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

async function getJson(url, headers = {}) {
  const answer = await fetch(url, { headers });
  if (answer.status !== 200) throw new Error(`${url} answered ${answer.status}`);
  return answer.json();
}

if (!args.base) {
  const officeKey = sealing.primaryOfficeKey(JSON.parse(readFileSync(args['office-key'], 'utf8')));
  const sealed = await sealing.sealTip({ officeKey, binding: { tipId: args['tip-id'], reference: args.reference },
    tip, words, envelopeVersion, random: webcrypto });
  console.log(JSON.stringify({ ...sealed, kem: officeKey.kem }));
} else {
  const headers = { 'Content-Type': 'application/json' };
  if (args['channel-key'] !== undefined) headers['X-Tipline-Channel-Key'] = args['channel-key'];
  const officeKey = sealing.primaryOfficeKey(await getJson(`${args.base}/api/v1/office-key`));
  let binding;
  if (args.binding === 'token') {
    binding = await getJson(`${args.base}/api/v1/tips/sealed/binding`);
  } else {
    const challenge = await getJson(`${args.base}/api/v1/challenge`);
    binding = sealing.bindingFromChallenge(challenge);
    headers['X-Tipline-Proof'] = solve(challenge);
  }
  const { envelope, passphrase } = await sealing.sealTip({ officeKey, binding, tip, words, envelopeVersion, random: webcrypto });
  const body = JSON.stringify(envelope);
  const answer = await fetch(`${args.base}/api/v1/tips/sealed`, { method: 'POST', headers, body });
  console.log(JSON.stringify({
    status: answer.status, answer: await answer.json(), passphrase, tipId: envelope.tipId,
    reference: envelope.reference, kem: officeKey.kem, requestBody: body,
  }));
}
