import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const OUTPUT = join(here, '../output');
export const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:3000';

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1366, height: 860 };

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export async function newPage(browser, viewport = DESKTOP) {
  const context = await browser.newContext({
    viewport,
    locale: 'zh-CN',
    acceptDownloads: true,
    deviceScaleFactor: 1,
    isMobile: viewport.width < 600,
    hasTouch: viewport.width < 600,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  return page;
}

export async function shot(page, name) {
  mkdirSync(OUTPUT, { recursive: true });
  await page.screenshot({ path: join(OUTPUT, `${name}.png`), fullPage: true });
}

export async function login(page, username, password) {
  await page.goto(`${BASE_URL}/login`);
  await page.locator('[data-test="username"] input, input[data-test="username"]').first().fill(username);
  await page.locator('[data-test="password"] input, input[data-test="password"]').first().fill(password);
  await page.locator('[data-test="login-submit"]').click();
}

/** Signs in through the login page and waits until it has moved on (to the forced change or the home page). */
export async function signIn(page, username, password) {
  await login(page, username, password);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Polls `check` until it answers truthy; fails with `message` after `timeout` ms. Waits on a condition, never a fixed time. */
export async function waitUntil(check, { timeout = 10_000, interval = 100, message = 'condition' } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${message}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/**
 * The page has done what it will do on its own: no requests in flight, every image loaded or
 * failed (an injected `onerror` would have run by then), and two frames painted after that.
 */
export async function settled(page) {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => [...document.images].every((img) => img.complete));
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** Charts animate in: wait until every canvas shows the same picture on two reads in a row. */
export async function chartsStill(page) {
  let previous = null;
  await waitUntil(
    async () => {
      const now = await page.evaluate(() =>
        [...document.querySelectorAll('canvas')].map((c) => c.toDataURL()).join('|'),
      );
      const still = previous !== null && now === previous;
      previous = now;
      return still;
    },
    { interval: 250, message: 'the charts to finish animating' },
  );
}
