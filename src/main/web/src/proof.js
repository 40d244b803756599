// Proof-of-work: fetch a challenge from tipline (ALTCHA v1, SHA-256) and solve it with
// ALTCHA's own solver and worker (npm altcha), while a progress bar moves. The worker is
// altcha-sha.js, served by tipline beside this script: the page's policy allows workers
// from tipline's origin only.
import { solveChallengeWorkers } from 'altcha/lib';

const WORKER = '/page/assets/altcha-sha.js';
/** Hashes a second that one worker of a modest phone gets through, for the progress estimate only. */
const ASSUMED_RATE = 60000;

/**
 * A challenge of ALTCHA's v1 form ({algorithm, challenge, maxnumber, salt, signature}) in
 * the form the solver reads: the number is appended to the salt as text ("string" counter
 * mode) and the whole digest must equal the challenge. The same conversion as the ALTCHA
 * widget's for v1 challenges.
 */
function fromV1(v1) {
  return {
    parameters: {
      algorithm: v1.algorithm,
      cost: 1,
      keyLength: 32,
      nonce: Array.from(new TextEncoder().encode(v1.salt), (b) => b.toString(16).padStart(2, '0')).join(''),
      keyPrefix: v1.challenge,
      salt: '',
    },
    signature: v1.signature,
  };
}

/** Fetches and solves a challenge; resolves to the X-Tipline-Proof header value. */
export async function solveProof(progress) {
  return (await solveChallenge(progress)).header;
}

/**
 * Fetches and solves a challenge; resolves to { header, challenge }: the X-Tipline-Proof
 * header value, and the challenge as tipline issued it (its salt carries the binding that a
 * sealed tip is sealed to).
 */
export async function solveChallenge(progress) {
  const answer = await fetch('/api/v1/challenge', { cache: 'no-store', credentials: 'omit' });
  if (!answer.ok) {
    throw new Error('challenge ' + answer.status);
  }
  const v1 = await answer.json();
  const workers = Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1));
  const expectedMs = (v1.maxnumber / 2 / (ASSUMED_RATE * workers)) * 1000;
  const started = performance.now();
  progress(0);
  const timer = setInterval(() => {
    // An estimate: the search ends at a random point, so the bar eases towards the end.
    progress(Math.min(95, 100 * (1 - Math.exp(-(performance.now() - started) / expectedMs))));
  }, 100);
  try {
    const solution = await solveChallengeWorkers({
      challenge: fromV1(v1),
      concurrency: workers,
      counterMode: 'string',
      createWorker: () => new Worker(WORKER),
      timeout: 120000,
    });
    if (!solution) {
      throw new Error('no solution');
    }
    progress(100);
    const payload = {
      algorithm: v1.algorithm,
      challenge: v1.challenge,
      number: solution.counter,
      salt: v1.salt,
      signature: v1.signature,
      took: Math.round(performance.now() - started),
    };
    return { header: btoa(JSON.stringify(payload)), challenge: v1 };
  } finally {
    clearInterval(timer);
  }
}

/** Shows the progress box while {@code work} runs, its bar following the solver. */
export async function withProgress(work) {
  const box = document.getElementById('progress');
  const bar = document.getElementById('progress-bar');
  box.hidden = false;
  try {
    return await work((value) => {
      bar.value = value;
    });
  } finally {
    box.hidden = true;
  }
}
