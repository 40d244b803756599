// The one place where a tip leaves the browser: sealed in this browser to the office's key
// (src/seal.js, loaded when the tipster starts writing), it is posted as an envelope to
// /api/v1/tips/sealed with its proof-of-work, and the answer comes back as {status, body}.
// tipline never receives the tip, the passphrase or the dialogue key in clear.
export async function submitSealed(envelope, proof) {
  const answer = await fetch('/api/v1/tips/sealed', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Tipline-Proof': proof },
    body: JSON.stringify(envelope),
    credentials: 'omit',
    cache: 'no-store',
  });
  let body = null;
  try {
    body = await answer.json();
  } catch (ignored) {
    body = null;
  }
  return { status: answer.status, body };
}
