// page.mjs: what the tip page costs a tipster on a cheap phone (bench/page.sh runs it; see
// bench/README.md, "The tip page"). Debian's chromium, driven by playwright-core (installed in
// src/test/js), opens tipline's page RUNS times, each in a fresh context (empty cache), on a
// throttled phone profile: Chrome DevTools Protocol Network.emulateNetworkConditions (DOWN_KBPS
// down, UP_KBPS up, RTT_MS round trip) and Emulation.setCPUThrottlingRate (CPU_SLOWDOWN), at
// 360x740. Each run measures:
//   - bytes on the wire (Playwright's request sizes: response headers and body as received,
//     compressed when tipline compresses), per file, at first load and through the whole
//     submission, the worker's own fetch included; and the bytes sent (request headers, bodies);
//   - the time to an interactive form: navigation start to DOMContentLoaded's end (the page's
//     script is a module, which runs before DOMContentLoaded; it sets up the form);
//   - the submission's steps, from the status line's texts: proof-of-work (click to "sealing"),
//     sealing (the "sealing" text to the "sending" text: the seal chunk's import if not yet
//     there, the office key's fetch, Argon2id, two HPKE seals) and sending (to the receipt).
// Prints one JSON object: every run, and the medians.
// Usage: node bench/page.mjs '{"base": "http://127.0.0.1:8080", "runs": 3}'
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const { chromium } = createRequire(join(here, '..', 'src', 'test', 'js', 'package.json'))('playwright-core');

const options = {
  runs: 3, downKbps: 1600, upKbps: 750, rttMs: 150, cpuSlowdown: 4, lang: 'en', ...JSON.parse(process.argv[2]),
};
const PHONE = { width: 360, height: 740 };
const DESCRIPTION = 'A white van parks behind the laundrette on Elm Street every Tuesday night around ten. '
  + 'Two men carry boxes from the van into the back door and leave within a quarter of an hour. '.repeat(4);

const browser = await chromium.launch({
  executablePath: process.env.TIPLINE_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const runs = [];
try {
  for (let i = 0; i < options.runs; i++) {
    runs.push(await run());
  }
} finally {
  await browser.close();
}
const median = (values) => {
  const v = values.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  if (!v.length) return null;
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};
const keys = ['interactiveMs', 'firstLoadBytes', 'submissionBytes', 'totalBytes', 'sentBytes', 'proofMs', 'sealingMs', 'sendingMs',
  'clickToReceiptMs'];
const medians = Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => r[k]))]));
console.log(JSON.stringify({ profile: options, runs, medians }));

async function run() {
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: options.rttMs,
    downloadThroughput: (options.downKbps * 1000) / 8, uploadThroughput: (options.upKbps * 1000) / 8 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: options.cpuSlowdown });
  const files = []; // { phase, file, bytes (response headers and body as received), sent, encoding }
  let phase = 'first load';
  // Playwright's request events cover the page and its workers (ALTCHA's solver) alike.
  const finished = [];
  context.on('requestfinished', (request) => {
    if (!request.url().startsWith(options.base)) {
      return; // data: URLs of the browser's own form controls
    }
    const at = phase;
    finished.push(Promise.all([request.sizes(), request.response()]).then(([sizes, response]) => files.push({
      phase: at, file: request.method() + ' ' + request.url().replace(options.base, ''),
      bytes: sizes.responseHeadersSize + sizes.responseBodySize, sent: sizes.requestHeadersSize + sizes.requestBodySize,
      encoding: (response && response.headers()['content-encoding']) || '' })));
  });
  try {
    await page.goto(options.base + '/?lang=' + options.lang, { waitUntil: 'load' });
    const interactiveMs = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      return Math.round(nav.domContentLoadedEventEnd);
    });
    await page.waitForLoadState('networkidle');
    phase = 'submission';
    await page.evaluate(() => {
      window.statusTimes = [];
      const status = document.getElementById('status');
      new MutationObserver(() => window.statusTimes.push([performance.now(), status.textContent]))
        .observe(status, { childList: true, characterData: true, subtree: true });
    });
    await page.selectOption('#category', 'drugs');
    await page.fill('#description', DESCRIPTION);
    await page.fill('#location', 'Elm Street');
    const clicked = await page.evaluate(() => performance.now());
    await page.click('#submit');
    await page.waitForSelector('#receipt', { state: 'visible', timeout: 600000 });
    const receiptAt = await page.evaluate(() => performance.now());
    await page.waitForLoadState('networkidle');
    await Promise.all(finished);
    const texts = await page.evaluate(() => window.statusTimes);
    const sealingText = await page.getAttribute('#texts', 'data-sealing');
    const sendingText = await page.getAttribute('#texts', 'data-sending');
    const at = (text) => texts.find(([, t]) => t === text)?.[0];
    const sealing = at(sealingText);
    const sending = at(sendingText);
    const sum = (which) => files.filter((f) => which(f)).reduce((n, f) => n + f.bytes, 0);
    return {
      interactiveMs,
      firstLoadBytes: Math.round(sum((f) => f.phase === 'first load')),
      submissionBytes: Math.round(sum((f) => f.phase === 'submission')),
      totalBytes: Math.round(sum(() => true)),
      proofMs: sealing !== undefined ? Math.round(sealing - clicked) : null,
      sealingMs: sealing !== undefined && sending !== undefined ? Math.round(sending - sealing) : null,
      sendingMs: sending !== undefined ? Math.round(receiptAt - sending) : null,
      clickToReceiptMs: Math.round(receiptAt - clicked),
      sentBytes: Math.round(files.reduce((n, f) => n + f.sent, 0)),
      files,
    };
  } finally {
    await context.close();
  }
}
