// pnpm bench:web — the student exam page's first load on a campus phone network, in Chromium.
//
// Starts the built platform on a fresh embedded database with the demo school, signs in the demo
// freshman through the API and starts their entrance exam, then opens the attempt's page in a
// fresh browser context (empty cache) throttled to 1.6 Mbps down / 0.75 Mbps up with 150 ms
// round-trip time, as a phone at the back of a lecture hall gets it. It reports the time from
// navigation until the first question is on screen, the bytes that crossed the network (after
// compression), and the requests, as the median of RUNS cold loads; the last line is JSON.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '../support/browser.mjs';
import { DEMO_FRESHMAN, DEMO_PASSWORD } from '../support/demo.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const port = Number(process.env.BENCH_WEB_PORT ?? 3231);
const base = `http://127.0.0.1:${port}`;
const RUNS = Number(process.env.RUNS ?? 5);
const PROFILE = { latency: 150, downloadThroughput: (1.6e6 / 8) | 0, uploadThroughput: (0.75e6 / 8) | 0 };
const TARGET = { firstQuestionMs: 2000, transferredKb: 150 };

const dataDir = mkdtempSync(join(tmpdir(), 'campus-bench-web-'));
const server = spawn(process.execPath, [join(here, '../../server/dist/main.js')], {
  env: {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    DEMO_DATA: 'true',
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});

async function api(method, path, token, body) {
  const res = await fetch(`${base}/api${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : res.json();
}

async function waitForHealth() {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the server did not become healthy within 60 s');
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function coldLoad(browser, session, url) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await context.addInitScript((stored) => {
    localStorage.setItem('campus-antifraud.session', stored);
    // The moment the first question is in the document, on the page's own clock (from navigation start).
    new MutationObserver((_, observer) => {
      if (!document.querySelector('[data-test="question-stem"]')) return;
      window.__firstQuestionMs = performance.now();
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  }, session);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, ...PROFILE });
  let bytes = 0;
  let requests = 0;
  const encodings = new Map();
  cdp.on('Network.responseReceived', ({ response }) => {
    if (!response.url.startsWith(base)) return;
    const encoding = response.headers['content-encoding'] ?? response.headers['Content-Encoding'] ?? 'none';
    encodings.set(encoding, (encodings.get(encoding) ?? 0) + 1);
  });
  const sent = new Map();
  let origin = null;
  cdp.on('Network.requestWillBeSent', ({ requestId, request, timestamp }) => {
    requests++;
    origin ??= timestamp;
    sent.set(requestId, { url: request.url.replace(base, ''), at: timestamp });
  });
  const sizes = [];
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength, timestamp }) => {
    bytes += encodedDataLength;
    const request = sent.get(requestId);
    const ms = (t) => String(Math.round((t - origin) * 1000)).padStart(5);
    sizes.push([`${ms(request.at)} → ${ms(timestamp)} ms  ${request.url}`, encodedDataLength]);
  });
  await page.goto(url, { waitUntil: 'commit' });
  await page.locator('[data-test="question-stem"]').waitFor({ timeout: 60_000 });
  const firstQuestionMs = await page.evaluate(() => window.__firstQuestionMs);
  await page.waitForLoadState('networkidle');
  await context.close();
  if (process.env.VERBOSE) for (const [url, size] of sizes) console.log(`  ${String(size).padStart(7)}  ${url}`);
  return { firstQuestionMs, transferredKb: bytes / 1024, requests, encodings: Object.fromEntries(encodings) };
}

let code = 0;
try {
  await waitForHealth();
  const login = await api('POST', '/auth/login', null, { username: DEMO_FRESHMAN, password: DEMO_PASSWORD });
  const exams = await api('GET', '/my/exams', login.token);
  const open = exams.find((e) => e.canStart);
  if (!open) throw new Error('the demo freshman has no exam to open');
  const attempt = await api('POST', `/exams/${open.id}/attempts`, login.token);
  const url = `${base}/attempts/${attempt.attemptId}`;
  const session = JSON.stringify({ token: login.token, user: login.user });

  const browser = await launch();
  await coldLoad(browser, session, url); // warms the server's own file cache, not the browser's
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await coldLoad(browser, session, url));
  await browser.close();

  const result = {
    profile: { downMbps: 1.6, upMbps: 0.75, rttMs: PROFILE.latency },
    runs: RUNS,
    firstQuestionMs: Math.round(median(runs.map((r) => r.firstQuestionMs))),
    firstQuestionRunsMs: runs.map((r) => Math.round(r.firstQuestionMs)),
    transferredKb: Math.round(median(runs.map((r) => r.transferredKb)) * 10) / 10,
    requests: median(runs.map((r) => r.requests)),
    contentEncodings: runs[0].encodings,
    target: TARGET,
  };
  result.withinTarget =
    result.firstQuestionMs <= TARGET.firstQuestionMs && result.transferredKb <= TARGET.transferredKb;
  console.log(
    `exam page, cold, ${result.profile.downMbps} Mbps / ${result.profile.rttMs} ms RTT: first question ` +
      `${result.firstQuestionMs} ms (target ≤ ${TARGET.firstQuestionMs}), ${result.transferredKb} KB in ` +
      `${result.requests} requests (target ≤ ${TARGET.transferredKb} KB) — median of ${RUNS}`,
  );
  console.log(JSON.stringify(result));
} catch (error) {
  console.error(error);
  code = 1;
} finally {
  server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(code);
