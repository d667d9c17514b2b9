// 考试实时监控 (issue 14 §1): while students answer, the office watches the exam on a desktop and a
// college admin on a phone; both pages update by themselves (server-sent events), nobody reloads.
// The spec makes its own class of three students in 信息工程学院 and an exam for that class only, so
// the figures are exactly theirs.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE_URL, PHONE, launch, login, newPage, shot, waitUntil } from '../support/browser.mjs';
import { FRESHMAN_YEAR } from '../support/demo.mjs';
import { api, firstSignIn, importRoster } from '../support/api.mjs';

const STAFF_DESKTOP = { width: 1440, height: 900 };
const SCHOOL_ADMIN = { username: 'xsc01', password: 'Fangpian-Demo-26' };
const COLLEGE_ADMIN = { username: 'xy01', password: 'Fangpian-Demo-26' };
const TAG = String(Date.now()).slice(-7);
const STUDENTS = [1, 2, 3].map((n) => ({ username: `J${TAG}${n}`, password: 'Monitor-Exam-73k', name: `监控生${n}` }));
const INITIAL_PASSWORD = 'Roster-Init-58q';
const CLASS_NAME = `监控测试班${TAG}`;
const MINUTE = 60_000;
/** Long enough for a few refreshes (the e2e server refreshes every second). */
const UPDATE = { timeout: 20_000 };

const studentToken = (who) => firstSignIn(who.username, INITIAL_PASSWORD, who.password);

let browser;
let exam;
const tokens = [];
const questionIds = [];

before(async () => {
  browser = await launch();
  const admin = await api('POST', '/auth/login', null, SCHOOL_ADMIN);
  await importRoster(admin.token, [
    ...STUDENTS.map(
      (s) => `${s.username},${s.name},学生,信息工程学院,${CLASS_NAME},${FRESHMAN_YEAR - 1},${INITIAL_PASSWORD}`,
    ),
  ]);
  let classId;
  for (const s of STUDENTS) {
    const session = await studentToken(s);
    tokens.push(session.token);
    classId = session.user.classId;
  }
  for (let i = 1; i <= 2; i++) {
    const q = await api('POST', '/questions', admin.token, {
      type: 'judge',
      stem: `监控测试判断题 ${TAG}-${i}：陌生人要求屏幕共享时应当拒绝。`,
      options: [
        { key: 'T', text: '正确' },
        { key: 'F', text: '错误' },
      ],
      answer: ['T'],
      analysis: '屏幕共享会让对方看到验证码。',
      fraudType: 'impersonate_authority',
      difficulty: 1,
    });
    questionIds.push(q.id);
  }
  exam = await api('POST', '/exams', admin.token, {
    title: `实时监控测试 ${TAG}`,
    kind: 'regular',
    opensAt: new Date(Date.now() - MINUTE).toISOString(),
    closesAt: new Date(Date.now() + 60 * MINUTE).toISOString(),
    durationMinutes: 30,
    passScore: 100,
    maxAttempts: 2,
    audience: { classIds: [classId] },
    paper: { questionIds },
    shuffleQuestions: false,
    shuffleOptions: false,
  });
  await api('POST', `/exams/${exam.id}/publish`, admin.token);
});

after(async () => {
  await browser?.close();
});

const kpi = (page, key) => page.locator(`[data-test="monitor-${key}"] .kpi__value`);
async function kpiIs(page, key, value) {
  return (await kpi(page, key).innerText()).trim() === String(value);
}

test('the office watches the exam update by itself while a student answers, on a desktop', async () => {
  const page = await newPage(browser, STAFF_DESKTOP);
  await login(page, SCHOOL_ADMIN.username, SCHOOL_ADMIN.password);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.goto(`${BASE_URL}/exam-admin/${exam.id}/monitor`);
  await kpi(page, 'people').waitFor();
  assert.equal(await kpi(page, 'people').innerText(), '3');
  assert.equal(await kpi(page, 'notStarted').innerText(), '3');
  await page.locator('[data-test="monitor-live"]', { hasText: '实时' }).waitFor();

  // A student starts: without any reload the page counts them as answering and lists them.
  const attempt = await api('POST', `/exams/${exam.id}/attempts`, tokens[0]);
  await waitUntil(() => kpiIs(page, 'answering', 1), { ...UPDATE, message: 'the monitor to count one answering' });
  const row = page.locator('[data-test="monitor-answering"] .el-table__row', { hasText: STUDENTS[0].username });
  await row.waitFor(UPDATE);
  assert.match(await row.innerText(), /2\d:\d\d|30:00/); // about 30 minutes left

  // They leave the exam page once (切屏): the count shows on their row and in the total.
  await api('POST', `/attempts/${attempt.attemptId}/leave`, tokens[0]);
  await waitUntil(() => kpiIs(page, 'leaves', 1), { ...UPDATE, message: 'the 切屏 count' });
  await page.locator('[data-test="monitor-colleges"] .el-table__row', { hasText: '信息工程学院' }).click();
  await page.locator('[data-test="monitor-classes"]', { hasText: CLASS_NAME }).waitFor(UPDATE);
  await shot(page, 'exam-monitor-desktop-answering');

  // They answer both questions right and submit: passed, the pass rate moves towards 100 %.
  for (const id of questionIds)
    await api('PUT', `/attempts/${attempt.attemptId}/answers/${id}`, tokens[0], { answer: ['T'] });
  await api('POST', `/attempts/${attempt.attemptId}/submit`, tokens[0]);
  await waitUntil(() => kpiIs(page, 'passed', 1), { ...UPDATE, message: 'the monitor to count the pass' });
  assert.equal(await kpi(page, 'answering').innerText(), '0');
  assert.equal(await kpi(page, 'submitted').innerText(), '1');
  assert.equal((await page.locator('[data-test="monitor-pass-rate"]').innerText()).trim(), '33.3%');
  await page.locator('[data-test="monitor-answering"]', { hasText: '现在没有人在作答' }).waitFor();
  await shot(page, 'exam-monitor-desktop-passed');
  await page.context().close();
});

test('a college admin watches their college on a phone while a classmate answers', async () => {
  const page = await newPage(browser, PHONE);
  await login(page, COLLEGE_ADMIN.username, COLLEGE_ADMIN.password);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.goto(`${BASE_URL}/exam-admin/${exam.id}/monitor`);
  await kpi(page, 'people').waitFor();
  await page.locator('[data-test="monitor-classes"]', { hasText: CLASS_NAME }).waitFor();
  assert.equal(await page.locator('[data-test="monitor-colleges"]').count(), 0); // no other college to pick

  await api('POST', `/exams/${exam.id}/attempts`, tokens[1]);
  const card = page.locator('[data-test="monitor-answering"] .answer-card', { hasText: STUDENTS[1].name });
  await card.waitFor(UPDATE);
  await waitUntil(() => kpiIs(page, 'answering', 1), { ...UPDATE, message: 'one answering on the phone' });
  assert.match(await card.innerText(), /剩 \d+:\d\d/);
  // The page fits the phone: nothing wider than the screen.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`);
  await shot(page, 'exam-monitor-phone');
  await page.context().close();
});
