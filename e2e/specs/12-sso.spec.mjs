// Issue 15 §1: 统一身份认证. A freshman taps 统一身份认证登录 on the phone, signs in at the school's CAS
// login page (a CAS 3.0 server started by run.mjs) and is back in the platform as that student —
// without the forced change of the initial password they never used. A portal account that is not
// on the roster gets a page saying whom to contact.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE_URL, PHONE, launch, newPage, settled, shot } from '../support/browser.mjs';
import { FRESHMAN_YEAR } from '../support/demo.mjs';

const CAS_URL = process.env.CAS_URL ?? '';
const CAS_PASSWORD = process.env.CAS_PASSWORD ?? '';
// A demo freshman who has never signed in: the roster's initial password still waits to be changed.
const STUDENT = `${FRESHMAN_YEAR}010203`;

let browser;
before(async () => {
  assert.ok(CAS_URL, 'run.mjs starts the CAS test server and passes CAS_URL');
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function signInAtCas(page, username) {
  await page.goto(`${BASE_URL}/login`);
  const button = page.locator('[data-test="sso-login"]');
  await button.waitFor();
  assert.equal((await button.innerText()).trim(), '统一身份认证登录');
  await settled(page);
  await shot(page, '12-sso-login-page');
  await button.click();
  await page.waitForURL((url) => url.href.startsWith(`${CAS_URL}/login`));
  const service = new URL(page.url()).searchParams.get('service') ?? '';
  assert.ok(service.startsWith(`${BASE_URL}/api/auth/sso/cas/callback?state=`), service);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(CAS_PASSWORD);
  return page.locator('#cas-submit');
}

test('统一身份认证登录 takes a student through the CAS login page and back in as that student', async () => {
  const page = await newPage(browser, PHONE);
  const submit = await signInAtCas(page, STUDENT);
  await shot(page, '12-sso-cas-login');
  await submit.click();
  await page.waitForURL(
    (url) => url.origin === BASE_URL && !url.pathname.startsWith('/sso') && !url.pathname.startsWith('/login'),
  );
  // No ticket left in the address bar or the history entry, and no forced password change.
  assert.ok(!page.url().includes('ticket='), page.url());
  assert.notEqual(new URL(page.url()).pathname, '/password');
  const session = await page.evaluate(() => JSON.parse(localStorage.getItem('campus-antifraud.session') ?? 'null'));
  assert.equal(session?.user?.username, STUDENT);
  assert.equal(session?.user?.mustChangePassword, false);
  assert.equal(session?.user?.sso, true);
  const me = await page.evaluate(async (token) => {
    const res = await fetch('/api/auth/me', { headers: { authorization: `Bearer ${token}` } });
    return res.json();
  }, session.token);
  assert.equal(me.username, STUDENT);
  await page.getByText(me.name).first().waitFor();
  await settled(page);
  await shot(page, '12-sso-back-as-student');
  await page.context().close();
});

test('a portal account that is not on the roster is refused with whom to contact', async () => {
  const page = await newPage(browser, PHONE);
  const submit = await signInAtCas(page, 'visitor2026');
  await submit.click();
  const failed = page.locator('[data-test="sso-failed"]');
  await failed.waitFor();
  const text = await failed.innerText();
  assert.match(text, /visitor2026/);
  assert.match(text, /未在本平台登记/);
  assert.match(text, /信息化中心/);
  assert.match(await page.locator('h1').innerText(), /账号未在本平台登记/);
  const session = await page.evaluate(() => localStorage.getItem('campus-antifraud.session'));
  assert.equal(session, null);
  await settled(page);
  await shot(page, '12-sso-unknown-account');
  await page.context().close();
});
