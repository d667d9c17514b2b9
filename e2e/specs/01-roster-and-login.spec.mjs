// Issue 2: an admin imports a roster with one bad row, sees the error, fixes it and imports;
// a freshman from that roster logs in and is made to change the password first.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE_URL, DESKTOP, PHONE, launch, login, newPage, shot } from '../support/browser.mjs';
import { FRESHMAN_YEAR } from '../support/demo.mjs';

const HEADER = '学号/工号,姓名,身份,学院,班级,入学年份,初始密码,手机号,授课班级';
const good = [
  `${FRESHMAN_YEAR}990101,测试新生甲,学生,信息工程学院,计算机${FRESHMAN_YEAR}-1班,${FRESHMAN_YEAR},,,`,
  `${FRESHMAN_YEAR}990102,测试新生乙,学生,信息工程学院,计算机${FRESHMAN_YEAR}-1班,${FRESHMAN_YEAR},,13800001111,`,
];
const badRow = `${FRESHMAN_YEAR}990103,测试新生丙,学生,信息工程学院,计算机${FRESHMAN_YEAR}-1班,25,,,`;
const fixedRow = `${FRESHMAN_YEAR}990103,测试新生丙,学生,信息工程学院,计算机${FRESHMAN_YEAR}-1班,${FRESHMAN_YEAR},,,`;
const csv = (rows) => Buffer.from(`\ufeff${[HEADER, ...rows].join('\r\n')}\r\n`, 'utf8');

let browser;
/** The initial password the import generated for 测试新生甲, read from the import result page. */
let firstPassword;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('an admin imports a roster, sees the bad row, fixes it and imports', async () => {
  const page = await newPage(browser, DESKTOP);
  await login(page, 'admin', 'Xitong-Guanli-26');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.goto(`${BASE_URL}/people/roster`);

  await page
    .locator('[data-test="roster-file"]')
    .setInputFiles({ name: '新生花名册.csv', mimeType: 'text/csv', buffer: csv([...good, badRow]) });
  await page.locator('[data-test="roster-dry-run"]').click();
  const errors = page.locator('[data-test="roster-errors"]');
  await errors.waitFor();
  const text = await errors.innerText();
  assert.match(text, /4/, 'the error names Excel row 4');
  assert.match(text, /入学年份/);
  await shot(page, '01-roster-error');

  await page
    .locator('[data-test="roster-file"]')
    .setInputFiles({ name: '新生花名册.csv', mimeType: 'text/csv', buffer: csv([...good, fixedRow]) });
  await page.locator('[data-test="roster-dry-run"]').click();
  await page.locator('[data-test="roster-summary"]').waitFor();
  await shot(page, '01-roster-preview');
  await page.locator('[data-test="roster-confirm"]').click();
  await page.locator('[data-test="roster-done"]').waitFor();
  // The generated initial passwords are shown once, beside a download of the whole table.
  const table = page.locator('[data-test="roster-passwords-table"]');
  const row = table.locator('tr', { hasText: `${FRESHMAN_YEAR}990101` });
  await row.waitFor();
  firstPassword = (await row.locator('code').innerText()).trim();
  assert.match(firstPassword, /^[A-Za-z0-9]{10}$/);
  assert.equal(await table.locator('tbody tr').count(), 3);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('[data-test="roster-passwords-download"]').click(),
  ]);
  assert.equal(download.suggestedFilename(), '初始密码.xlsx');
  await shot(page, '01-roster-done');

  await page.goto(`${BASE_URL}/people/users`);
  await page
    .locator('[data-test="filter-q"] input, input[data-test="filter-q"]')
    .first()
    .fill(`${FRESHMAN_YEAR}990103`);
  await page.keyboard.press('Enter');
  await page.locator('[data-test="user-table"]').getByText('测试新生丙').waitFor();
  await shot(page, '01-user-list');
  await page.context().close();
});

test('a student logs in on a phone and must change the initial password first', async () => {
  const page = await newPage(browser, PHONE);
  assert.ok(firstPassword, 'the import test read the generated password');
  await login(page, `${FRESHMAN_YEAR}990101`, firstPassword);
  await page.locator('[data-test="new-password"]').first().waitFor();
  assert.match(page.url(), /password/);
  await shot(page, '01-forced-password-change');

  // Trying to leave for another page keeps the student on the password page.
  await page.goto(`${BASE_URL}/`);
  await page.locator('[data-test="new-password"]').first().waitFor();

  const fill = async (name, value) => {
    const field = page.locator(`[data-test="${name}"] input, input[data-test="${name}"]`).first();
    if (await field.count()) await field.fill(value);
  };
  await fill('old-password', firstPassword);
  await fill('new-password', 'Fresh2026pw');
  await fill('confirm-password', 'Fresh2026pw');
  await page.locator('[data-test="password-submit"]').click();
  await page.locator('[data-test="welcome"]').waitFor();
  assert.match(await page.locator('[data-test="welcome"]').innerText(), /测试新生甲/);
  await shot(page, '01-student-home-phone');
  await page.context().close();
});
