// A college admin sets a class's 辅导员 on a desktop (issue 14 §4): a student's 学号 typed by mistake
// is refused under the 工号 field itself, a teacher of the college is accepted, and the not-passed
// list of that class then names the 辅导员.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE_URL, launch, login, newPage, settled, shot, waitUntil } from '../support/browser.mjs';
import { DEMO_FRESHMAN, DEMO_PASSWORD } from '../support/demo.mjs';

const STAFF_DESKTOP = { width: 1440, height: 900 };
const COLLEGE_ADMIN = { username: 'xy01', password: DEMO_PASSWORD };
const TEACHER = 'T0002';

let browser;
let className;
let classId;
let teacherName;

before(async () => {
  browser = await launch();
  const session = await (
    await fetch(`${BASE_URL}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(COLLEGE_ADMIN),
    })
  ).json();
  const get = async (path) =>
    (await fetch(`${BASE_URL}/api${path}`, { headers: { Authorization: `Bearer ${session.token}` } })).json();
  const classes = await get('/classes');
  // The class of the demo freshman, who has not passed (and so is on the list).
  const people = await get(`/stats/not-passed?pageSize=100`);
  const someone = people.items.find((p) => p.className) ?? people.items[0];
  assert.ok(someone, 'the demo college has people who have not passed');
  const target = classes.find((c) => c.name === someone.className);
  assert.ok(target, 'their class is listed');
  className = target.name;
  classId = target.id;
  const teachers = await get(`/users?q=${TEACHER}`);
  teacherName = teachers.items.find((u) => u.username === TEACHER)?.name;
  assert.ok(teacherName, `${TEACHER} is a teacher of the college`);
  assert.ok(DEMO_FRESHMAN);
});

after(async () => {
  await browser?.close();
});

test('a college admin sets a class’s 辅导员; a wrong 工号 is refused on the field; the list shows the 辅导员', async () => {
  const page = await newPage(browser, STAFF_DESKTOP);
  await login(page, COLLEGE_ADMIN.username, COLLEGE_ADMIN.password);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.goto(`${BASE_URL}/people/classes`);
  const row = page.locator('[data-test="class-table"] .el-table__body-wrapper .el-table__row', { hasText: className });
  await row.waitFor();
  await row.locator('[data-test="class-set-adviser"]').click();
  const dialog = page.locator('[data-test="adviser-dialog"]').filter({ visible: true });
  await dialog.waitFor();
  const input = dialog.locator('[data-test="adviser-username"] input, input[data-test="adviser-username"]').first();

  await input.fill(DEMO_FRESHMAN);
  await dialog.locator('[data-test="adviser-save"]').click();
  const fieldError = dialog.locator('.el-form-item.is-error .el-form-item__error');
  await fieldError.waitFor();
  assert.match(await fieldError.innerText(), /不是教师，不能担任辅导员/);
  await settled(page);
  await shot(page, '17-adviser-field-error');

  await input.fill(TEACHER);
  await dialog.locator('[data-test="adviser-save"]').click();
  await dialog.waitFor({ state: 'hidden' });
  await waitUntil(async () => (await row.innerText()).includes(teacherName), { message: 'the row to name the 辅导员' });
  await settled(page);
  await shot(page, '17-class-list');

  await page.goto(`${BASE_URL}/stats/people?classId=${classId}`);
  const listed = page.locator('[data-test="people-table"] .el-table__body-wrapper .el-table__row').first();
  await listed.waitFor();
  assert.match(await listed.innerText(), new RegExp(teacherName));
  await settled(page);
  await shot(page, '17-not-passed-with-adviser');
  await page.context().close();
});
