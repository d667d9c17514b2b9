// A student has forgotten their password (issue 15 §2): the college admin, on a desktop, finds them
// in 用户列表 and resets it; the new one-time password is shown once. The student signs in with it on
// a phone and must choose a new password before anything else; the old password no longer works.
// The sysadmin then opens the student's page from the list: last sign-in and the reset in its
// audit entries. The student is made by this spec, through the API.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE_URL, PHONE, launch, login, newPage, settled, shot, waitUntil } from '../support/browser.mjs';
import { DEMO_PASSWORD } from '../support/demo.mjs';
import { apiResponse } from '../support/api.mjs';

const STAFF_DESKTOP = { width: 1440, height: 900 };
const COLLEGE_ADMIN = { username: 'xy01', password: DEMO_PASSWORD };
const SYSADMIN = { username: 'admin', password: 'Xitong-Guanli-26' };
const TAG = String(Date.now()).slice(-7);
const STUDENT = { username: `R${TAG}`, name: '忘密码同学', password: 'Own-Choice-73k' };
const CHOSEN = 'Brand-New-Pw-58x';

let browser;

before(async () => {
  browser = await launch();
  const admin = (await apiResponse('POST', '/auth/login', null, COLLEGE_ADMIN)).body.token;
  const classes = (await apiResponse('GET', '/classes', admin)).body;
  assert.ok(classes.length > 0, 'the demo college has classes');
  const created = await apiResponse('POST', '/users', admin, {
    username: STUDENT.username,
    name: STUDENT.name,
    role: 'student',
    classId: classes[0].id,
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  // The student has been using the platform: their own password, chosen long ago.
  const first = await apiResponse('POST', '/auth/login', null, {
    username: STUDENT.username,
    password: created.body.initialPassword,
  });
  const changed = await apiResponse('POST', '/auth/password', first.body.token, {
    oldPassword: created.body.initialPassword,
    newPassword: STUDENT.password,
  });
  assert.equal(changed.status, 204);
});

after(async () => {
  await browser?.close();
});

let oneTimePassword;

test('a college admin resets a student’s password and sees the one-time password once, on a desktop', async () => {
  const page = await newPage(browser, STAFF_DESKTOP);
  await login(page, COLLEGE_ADMIN.username, COLLEGE_ADMIN.password);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.goto(`${BASE_URL}/people/users`);
  const search = page.locator('[data-test="filter-q"] input, input[data-test="filter-q"]').first();
  await search.fill(STUDENT.username);
  await search.press('Enter');
  const row = page.locator('[data-test="user-table"] .el-table__body-wrapper .el-table__row', {
    hasText: STUDENT.username,
  });
  await row.waitFor();
  await waitUntil(
    async () => (await page.locator('[data-test="user-table"] .el-table__body-wrapper .el-table__row').count()) === 1,
    {
      message: 'the list to show only the searched student',
    },
  );
  await settled(page);
  await shot(page, 'accounts-list');

  // The row's action lives in the fixed right column, which el-table renders as its own copy.
  await page
    .locator('.el-table__row', { hasText: STUDENT.username })
    .locator('[data-test="user-reset-password"]:visible')
    .first()
    .click();
  const confirm = page.locator('.el-message-box', { hasText: '重置密码' });
  await confirm.waitFor();
  assert.match(await confirm.innerText(), new RegExp(`${STUDENT.name}（${STUDENT.username}）`));
  await confirm.getByRole('button', { name: '重置' }).click();

  const dialog = page.locator('[data-test="one-time-password-dialog"]').filter({ visible: true });
  await dialog.waitFor();
  oneTimePassword = (await dialog.locator('[data-test="one-time-password"]').innerText()).trim();
  assert.match(oneTimePassword, /^[A-Za-z0-9]{10}$/);
  assert.match(await dialog.innerText(), /密码只显示这一次/);
  assert.match(await dialog.innerText(), new RegExp(`${STUDENT.name}（${STUDENT.username}）的一次性密码`));
  await settled(page);
  await shot(page, 'accounts-reset-one-time-password');
  await dialog.locator('[data-test="one-time-password-close"]').click();
  await dialog.waitFor({ state: 'hidden' });

  // The list now says the student has a password to change.
  await waitUntil(async () => (await row.innerText()).includes('未改初始密码'), {
    message: 'the row to show 未改初始密码',
  });
  await page.context().close();
});

test('the student signs in on a phone with the one-time password and must choose a new one', async () => {
  assert.ok(oneTimePassword, 'the reset test ran first');
  const old = await apiResponse('POST', '/auth/login', null, {
    username: STUDENT.username,
    password: STUDENT.password,
  });
  assert.equal(old.status, 401, 'the old password stopped working');

  const page = await newPage(browser, PHONE);
  await login(page, STUDENT.username, oneTimePassword);
  await page.waitForURL((url) => url.pathname === '/password');
  await page.locator('[data-test="forced-explain"]').waitFor();
  assert.match(await page.locator('[data-test="forced-explain"]').innerText(), /一次性密码/);
  // Anything else sends them back here until the password is changed.
  await page.goto(`${BASE_URL}/exams`);
  await page.waitForURL((url) => url.pathname === '/password');
  await page.locator('[data-test="forced-explain"]').waitFor();
  await settled(page);
  await shot(page, 'accounts-student-forced-change');

  await page.locator('[data-test="old-password"] input, input[data-test="old-password"]').first().fill(oneTimePassword);
  await page.locator('[data-test="new-password"] input, input[data-test="new-password"]').first().fill(CHOSEN);
  await page.locator('[data-test="confirm-password"] input, input[data-test="confirm-password"]').first().fill(CHOSEN);
  await page.locator('[data-test="password-submit"]').click();
  await page.locator('.el-message--success', { hasText: '密码已修改' }).waitFor();
  // Back where they were going: 我的考试.
  await page.waitForURL((url) => url.pathname === '/exams');
  await page.locator('h1.page-title', { hasText: '我的考试' }).waitFor();
  await settled(page);
  await shot(page, 'accounts-student-after-change');

  const fresh = await apiResponse('POST', '/auth/login', null, { username: STUDENT.username, password: CHOSEN });
  assert.equal(fresh.status, 200);
  assert.equal(fresh.body.user.mustChangePassword, false);
  const reused = await apiResponse('POST', '/auth/login', null, {
    username: STUDENT.username,
    password: oneTimePassword,
  });
  assert.equal(reused.status, 401, 'the one-time password works once');
  await page.context().close();
});

test('the sysadmin opens the student’s page from the list: last sign-in and the reset in its audit', async () => {
  const page = await newPage(browser, STAFF_DESKTOP);
  await login(page, SYSADMIN.username, SYSADMIN.password);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.goto(`${BASE_URL}/people/users`);
  const search = page.locator('[data-test="filter-q"] input, input[data-test="filter-q"]').first();
  await search.fill(STUDENT.username);
  await search.press('Enter');
  const cell = page
    .locator('[data-test="user-table"] .el-table__body-wrapper .el-table__row', { hasText: STUDENT.username })
    .getByText(STUDENT.name, { exact: true });
  await cell.waitFor();
  await cell.click();
  await page.waitForURL((url) => /\/people\/users\/\d+$/.test(url.pathname));
  const detail = page.locator('[data-test="user-detail"]');
  await detail.waitFor();
  assert.match(await page.locator('[data-test="detail-last-login"]').innerText(), /账号密码/);
  const audit = page.locator('[data-test="user-detail-audit"]');
  await audit.getByText('重置密码', { exact: true }).waitFor();
  assert.match(await audit.innerText(), /添加人员/);
  await settled(page);
  await shot(page, 'accounts-detail');
  await page.context().close();
});
