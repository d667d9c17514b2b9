// The sysadmin reads the audit log on a desktop (issue 14 §4): a wrong password typed for a college
// admin's account and that admin's export of the not-passed list are in it, with their objects in
// Chinese; the log is narrowed by action, actor and kind of object, and the narrowed log is saved as
// an Excel file holding exactly those lines. The sign-in and the export are made here, through the API.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { BASE_URL, OUTPUT, launch, login, newPage, settled, shot, waitUntil } from '../support/browser.mjs';
import { DEMO_PASSWORD } from '../support/demo.mjs';

const ExcelJS = createRequire(new URL('../../server/package.json', import.meta.url))('exceljs');
const STAFF_DESKTOP = { width: 1440, height: 900 };
const SYSADMIN = { username: 'admin', password: 'Xitong-Guanli-26' };
const COLLEGE_ADMIN = { username: 'xy01', password: DEMO_PASSWORD };

async function api(method, path, token, body) {
  const response = await fetch(`${BASE_URL}/api${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  return response;
}

let browser;
let adminName;

before(async () => {
  browser = await launch();
  const wrong = await api('POST', '/auth/login', null, {
    username: COLLEGE_ADMIN.username,
    password: 'Wrong-Guess-01',
  });
  assert.equal(wrong.status, 401);
  const signedIn = await api('POST', '/auth/login', null, COLLEGE_ADMIN);
  assert.equal(signedIn.status, 200);
  const session = await signedIn.json();
  adminName = session.user.name;
  const exported = await api('GET', '/stats/not-passed/export', session.token);
  assert.equal(exported.status, 200);
});

after(async () => {
  await browser?.close();
});

const rows = (page) => page.locator('[data-test="audit-table"] .el-table__body-wrapper .el-table__row');

async function pick(page, select, option) {
  await page.locator(`[data-test="${select}"]`).click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click();
}

test('the sysadmin narrows the audit log by action, actor and object, and exports what is shown', async () => {
  const page = await newPage(browser, STAFF_DESKTOP);
  await login(page, SYSADMIN.username, SYSADMIN.password);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.goto(`${BASE_URL}/audit`);
  await rows(page).first().waitFor();

  // The refused sign-in: the account in Chinese as the object, the reason in the line.
  await pick(page, 'audit-action', '登录失败');
  const actor = page.locator('[data-test="audit-actor"] input, input[data-test="audit-actor"]').first();
  await actor.fill(adminName);
  await actor.press('Enter');
  const failed = rows(page).filter({ hasText: '密码错误' });
  await failed.first().waitFor();
  assert.match(await failed.first().innerText(), new RegExp(`账号「${adminName}」`));
  await waitUntil(async () => (await rows(page).count()) === 1, { message: 'one refused sign-in of xy01' });

  // The export that admin made: the file by name, under the kind 导出文件.
  await pick(page, 'audit-action', '导出数据');
  await pick(page, 'audit-target-type', '导出文件');
  const exportRow = rows(page).filter({ hasText: '未通过名单' });
  await exportRow.first().waitFor();
  await waitUntil(async () => (await rows(page).count()) === 1, { message: 'one export by xy01' });
  const line = await exportRow.first().innerText();
  assert.match(line, /导出文件「[^」]*未通过名单[^」]*\.xlsx」/);
  assert.match(line, new RegExp(adminName));
  await settled(page);
  await shot(page, '16-audit-log-filtered');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('[data-test="audit-export"]').click(),
  ]);
  assert.match(download.suggestedFilename(), /^审计日志-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const file = join(OUTPUT, '16-audit-log.xlsx');
  await download.saveAs(file);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await readFile(file));
  const sheet = book.worksheets[0];
  assert.deepEqual(sheet.getRow(1).values.slice(1), ['时间', '操作人', '操作', '对象', '内容', '详细信息']);
  assert.equal(sheet.rowCount, 2, 'the file holds the one line the filter shows');
  assert.equal(sheet.getCell('B2').text, adminName);
  assert.equal(sheet.getCell('C2').text, '导出数据');
  assert.match(sheet.getCell('D2').text, /^导出文件「.*未通过名单.*」$/);
  await page.context().close();
});
