// A college serves the platform over plain HTTP on its intranet (http://10.x.x.x): the browser is
// not on localhost, so nothing is treated as a secure context. The app must load there all the same
// (a CSP with upgrade-insecure-requests once sent every script to https and left a blank page).
import assert from 'node:assert/strict';
import { networkInterfaces } from 'node:os';
import { after, before, test } from 'node:test';
import { BASE_URL, PHONE, launch, newPage, shot } from '../support/browser.mjs';

/** This machine's address as another machine on the network sees it. */
function intranetAddress() {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) if (address.family === 'IPv4' && !address.internal) return address.address;
  }
  return null;
}

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('the login page loads over plain HTTP from an intranet address', async () => {
  const address = intranetAddress();
  assert.ok(address, 'this machine has a non-loopback IPv4 address to test with');
  const url = new URL(BASE_URL);
  url.hostname = address;
  const page = await newPage(browser, PHONE);
  const upgraded = [];
  page.on('request', (request) => {
    if (request.url().startsWith('https:')) upgraded.push(request.url());
  });
  await page.goto(`${url.origin}/login`);
  await page.locator('[data-test="login-submit"]').waitFor();
  assert.deepEqual(upgraded, [], 'no request was sent to https');
  await shot(page, '00-login-over-intranet-http');
  await page.context().close();
});
