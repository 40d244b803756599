// The one place where a tip leaves the browser: it is posted as JSON to /api/v1/tips with its
// proof-of-work, and the answer comes back as {status, body}. Sealed submissions (the tip
// encrypted in the browser to the office's key, src/sealing/) replace this module's body,
// and nothing else of the page needs to change.
export async function submitTip(tip, proof) {
  const answer = await fetch('/api/v1/tips', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Tipline-Proof': proof },
    body: JSON.stringify(tip),
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
