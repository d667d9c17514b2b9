// Exam day from the office's side (issue 14 §2): an exam is running and a student is answering;
// the school admin, on a desktop, extends the exam's closing time from its results page — the
// student's attempt, capped by the old close, now runs its full duration — and grants one student
// 15 extra minutes (缓考) with a reason. The exam is set up through the API with two students
// made by this spec, in their own class.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE_URL, launch, login, newPage, shot, waitUntil } from '../support/browser.mjs';
import { FRESHMAN_YEAR } from '../support/demo.mjs';
import { api, firstSignIn, importRoster } from '../support/api.mjs';

const STAFF_DESKTOP = { width: 1440, height: 900 };
const ADMIN = { username: 'xsc01', password: 'Fangpian-Demo-26' };
const TAG = String(Date.now()).slice(-7);
const ANSWERING = { username: `M${TAG}1`, password: 'Manage-Exam-61x' };
const LATE = { username: `M${TAG}2`, password: 'Manage-Exam-61x' };
const INITIAL_PASSWORD = 'Roster-Init-58q';
const MINUTE = 60_000;

const studentToken = (who) => firstSignIn(who.username, INITIAL_PASSWORD, who.password);

let browser;
let exam;
let answering;
let late;
let attempt;

before(async () => {
  browser = await launch();
  const admin = await api('POST', '/auth/login', null, ADMIN);
  await importRoster(admin.token, [
    `${ANSWERING.username},在考学生,学生,信息工程学院,考试管理测试班${TAG},${FRESHMAN_YEAR - 1},${INITIAL_PASSWORD}`,
    `${LATE.username},缓考学生,学生,信息工程学院,考试管理测试班${TAG},${FRESHMAN_YEAR - 1},${INITIAL_PASSWORD}`,
  ]);
  const me = await studentToken(ANSWERING);
  answering = me.token;
  late = (await studentToken(LATE)).token;
  const now = Date.now();
  exam = await api('POST', '/exams', admin.token, {
    title: `考试管理测试 ${TAG}`,
    kind: 'regular',
    opensAt: new Date(now - MINUTE).toISOString(),
    // Closes before a 30-minute attempt started now could end: the close caps the deadline.
    closesAt: new Date(now + 10 * MINUTE).toISOString(),
    durationMinutes: 30,
    passScore: 60,
    maxAttempts: 1,
    audience: { classIds: [me.user.classId] },
    paper: { rules: [{ type: 'judge', count: 5, score: 20 }] },
    shuffleQuestions: false,
    shuffleOptions: false,
  });
  await api('POST', `/exams/${exam.id}/publish`, admin.token);
  attempt = await api('POST', `/exams/${exam.id}/attempts`, answering);
  assert.equal(new Date(attempt.deadline).getTime(), new Date(exam.closesAt).getTime());
});

after(async () => {
  await browser?.close();
});

test('a school admin extends a running exam and grants one student extra time, on a desktop', async () => {
  const page = await newPage(browser, STAFF_DESKTOP);
  await login(page, ADMIN.username, ADMIN.password);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.goto(`${BASE_URL}/exam-admin/${exam.id}/results`);
  await page.locator('[data-test="exam-results-table"]').getByText(ANSWERING.username).waitFor();
  await page.locator('[data-test="exam-window-open"]').waitFor();

  // 调整时间: the closing time two hours from now.
  const later = new Date(Date.now() + 2 * 3600_000);
  const pad = (n) => String(n).padStart(2, '0');
  const local = `${later.getFullYear()}-${pad(later.getMonth() + 1)}-${pad(later.getDate())} ${pad(later.getHours())}:${pad(later.getMinutes())}`;
  await page.locator('[data-test="exam-window-open"]').click();
  const dialog = page.locator('.el-dialog', { hasText: '调整考试时间' });
  await dialog.waitFor();
  const input = dialog.locator('.el-date-editor input').first();
  await input.click();
  await input.fill(local);
  await input.press('Enter');
  await shot(page, 'exam-manage-window-dialog');
  await dialog.locator('[data-test="exam-window-save"]').click();
  await page.locator('.el-message--success', { hasText: '结束时间已改为' }).waitFor();
  await waitUntil(async () => (await page.locator('.exam-line').innerText()).includes(local), {
    message: 'the page shows the new closing time',
  });

  // The student answering keeps the deadline rule: start + 30 minutes now that the close is later.
  const resumed = await api('POST', `/exams/${exam.id}/attempts`, answering);
  assert.equal(resumed.attemptId, attempt.attemptId);
  const detail = await api('GET', `/attempts/${attempt.attemptId}`, answering);
  assert.equal(new Date(resumed.deadline).getTime(), new Date(detail.startedAt).getTime() + 30 * MINUTE);

  // 补考/缓考: 15 extra minutes for the second student, with the reason.
  await page.locator('[data-test="exam-grant-open"]').click();
  const grant = page.locator('.el-dialog', { hasText: '补考/缓考' });
  await grant.waitFor();
  // Nothing filled in: each field says what is wrong with it.
  await grant.locator('[data-test="exam-grant-save"]').click();
  await grant.getByText('请填写至少一个学号').waitFor();
  await grant.getByText('请填写原因').waitFor();
  await grant
    .locator('[data-test="exam-grant-usernames"] textarea, textarea[data-test="exam-grant-usernames"]')
    .first()
    .fill(LATE.username);
  const minutes = grant.locator('[data-test="exam-grant-minutes"] input').first();
  await minutes.fill('15');
  await minutes.press('Tab');
  await grant
    .locator('[data-test="exam-grant-reason"] input, input[data-test="exam-grant-reason"]')
    .first()
    .fill('缓考：考试时段在医院复诊');
  await grant.locator('[data-test="exam-grant-save"]').click();
  await page.locator('.el-message--success', { hasText: '已为 1 名学生设置补考/缓考' }).waitFor();
  const row = grant.locator('[data-test="exam-grant-table"] .el-table__row', { hasText: LATE.username });
  await row.waitFor();
  assert.match(await row.innerText(), /15 分钟/);
  assert.match(await row.innerText(), /缓考：考试时段在医院复诊/);
  await shot(page, 'exam-manage-grant-dialog');

  // The student sees 45 minutes in 我的考试, and their attempt gets them.
  const mine = (await api('GET', '/my/exams', late)).find((e) => e.id === exam.id);
  assert.equal(mine.durationMinutes, 45);
  const session = await api('POST', `/exams/${exam.id}/attempts`, late);
  assert.equal(new Date(session.deadline).getTime() - new Date(session.serverNow).getTime() > 44 * MINUTE, true);

  await grant.locator('.el-dialog__footer').getByText('关闭').click();
  await grant.waitFor({ state: 'hidden' });
  await page.locator('.el-message').first().waitFor({ state: 'detached', timeout: 10_000 });
  await shot(page, 'exam-manage-results');
});
