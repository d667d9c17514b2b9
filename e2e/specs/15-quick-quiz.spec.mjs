// Issue 17, 课堂快问: in front of a class the teacher starts a quick question from the prompt on the
// projector (1920×1080); three students of that class answer on their phones (390×844) — one by the
// QR code's link, one by typing the code, one by the link again; the projector's counts rise by
// themselves, then it reveals the distribution and the right answer, and each phone shows its result.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE_URL, PHONE, launch, newPage, shot, signIn, waitUntil } from '../support/browser.mjs';
import { DEMO_INITIAL_PASSWORD, DEMO_PASSWORD, FRESHMAN_YEAR } from '../support/demo.mjs';
import { api, firstSignIn } from '../support/api.mjs';

const PROJECTOR = { width: 1920, height: 1080 };
const TEACHER = { username: 'T0001', password: DEMO_PASSWORD };
const SCHOOL_ADMIN = { username: 'xsc01', password: DEMO_PASSWORD };
const NEW_PASSWORD = 'Kuaiwen-Phone-26';
/** Three students of T0001's first class whom no other browser test signs in. */
const STUDENTS = ['21', '22', '23'].map((n) => `${FRESHMAN_YEAR}0101${n}`);

let browser;
let classId;
let promptId;
let rightKey;
let wrongKey;
let adminToken;
let alertId;

before(async () => {
  browser = await launch();
  const teacher = (await api('POST', '/auth/login', null, TEACHER)).token;
  const classes = await api('GET', '/my/classes', teacher);
  classId = classes.find((c) => c.name.endsWith(`${FRESHMAN_YEAR}-1班`)).id;
  promptId = (await api('GET', `/prompts/next?classId=${classId}`, teacher)).id;
  const [question] = await api('GET', `/prompts/${promptId}/quick-questions`, teacher);
  assert.ok(question, 'every shipped prompt carries a 快问 question');
  // The answer key, read the way a question manager would, to answer right and wrong on purpose.
  adminToken = (await api('POST', '/auth/login', null, SCHOOL_ADMIN)).token;
  const full = await api('GET', `/questions/${question.questionId}`, adminToken);
  rightKey = full.answer[0];
  wrongKey = full.options.map((o) => o.key).find((k) => k !== rightKey);
  // The students' first sign-in: the roster password, changed as the platform requires.
  for (const username of STUDENTS) await firstSignIn(username, DEMO_INITIAL_PASSWORD, NEW_PASSWORD);
  // An unread alert for every student: its notice must not cover the question on the phones.
  alertId = (
    await api('POST', '/alerts', adminToken, {
      title: '提示：上课时间有人冒充老师在班级群收“资料费”',
      content: '收费请以学校财务处的正式通知为准，不要向个人转账。',
      level: 'info',
      audience: { roles: ['student'] },
    })
  ).id;
});

after(async () => {
  if (alertId) await api('POST', `/alerts/${alertId}/withdraw`, adminToken).catch(() => undefined);
  await browser?.close();
});

const count = async (page, name) =>
  Number(await page.locator(`[data-test="quiz-counts"]`).getAttribute(`data-${name}`));

test('a class answers a 快问 on its phones while the projector counts, then reveals', async () => {
  const projector = await newPage(browser, PROJECTOR);
  await signIn(projector, TEACHER.username, TEACHER.password);
  await projector.goto(`${BASE_URL}/present/prompts/${promptId}?classId=${classId}`);
  await projector.locator('[data-test="present-quiz"]').click();
  await projector.locator('[data-test="quiz-start"]').click();
  const code = (await projector.locator('[data-test="quiz-code"]').innerText()).trim();
  assert.match(code, /^\d{6}$/);
  await projector.locator('[data-test="quiz-qr"]').waitFor();
  await shot(projector, '15-quiz-projector-open');

  const phones = [];
  for (const username of STUDENTS) {
    const phone = await newPage(browser, PHONE);
    await signIn(phone, username, NEW_PASSWORD);
    phones.push(phone);
  }
  // Phone 1 and 3 follow the QR code's link; phone 2 types the code.
  await phones[0].goto(`${BASE_URL}/quiz/${code}`);
  await phones[1].goto(`${BASE_URL}/quiz`);
  const codeInput = phones[1].locator('[data-test="quick-code"] input, input[data-test="quick-code"]').first();
  await codeInput.fill(code);
  // Enter submits the form, as a phone keyboard's 前往 does.
  await codeInput.press('Enter');
  await phones[2].goto(`${BASE_URL}/quiz/${code}`);
  for (const phone of phones) await phone.locator('[data-test="quick-stem"]').waitFor();
  await waitUntil(async () => (await count(projector, 'joined')) === 3, {
    message: 'the projector to count three joined',
  });
  await shot(phones[1], '15-quiz-phone-question');
  for (const phone of phones) {
    assert.equal(await phone.locator('[data-test="unread-notice"]').isVisible(), false, 'no alert notice on 快问');
  }

  const choices = [rightKey, rightKey, wrongKey];
  for (const [i, phone] of phones.entries()) {
    await phone.locator(`[data-test="quick-option"][data-key="${choices[i]}"]`).click();
    await phone.locator('[data-test="quick-submitted"]').waitFor();
    // The projector's count rises with each answer, without a reload.
    await waitUntil(async () => (await count(projector, 'answered')) === i + 1, {
      message: `the projector to count ${i + 1} answered`,
    });
  }
  await shot(projector, '15-quiz-projector-answered');

  await projector.locator('[data-test="quiz-reveal"]').click();
  const distribution = projector.locator('[data-test="quiz-distribution"]');
  await distribution.waitFor();
  assert.equal(await distribution.locator(`li[data-key="${rightKey}"]`).getAttribute('data-count'), '2');
  assert.equal(await distribution.locator(`li[data-key="${wrongKey}"]`).getAttribute('data-count'), '1');
  assert.match(await projector.locator('[data-test="quiz-answer"]').innerText(), /答对 2 \/ 3 人/);
  await shot(projector, '15-quiz-projector-revealed');

  // Each phone hears the close from the server and shows its own result.
  for (const [i, phone] of phones.entries()) {
    const result = phone.locator('[data-test="quick-result"]');
    await result.waitFor({ timeout: 10_000 });
    assert.match(await result.innerText(), i < 2 ? /回答正确/ : /回答错误，已加入错题本/);
  }
  await shot(phones[2], '15-quiz-phone-result');
  // Leaving the 快问, the student is told of the unread alert that waited.
  await phones[0].goto(`${BASE_URL}/`);
  await phones[0].locator('[data-test="unread-notice"]').waitFor();

  // The teacher's history lists the round with its result.
  await projector.goto(`${BASE_URL}/prompts/history`);
  const history = projector.locator('[data-test="history-quiz"]');
  await waitUntil(async () => /3\/\d+/.test(await history.innerText()), { message: 'the round in the history' });
  await shot(projector, '15-quiz-history');
  for (const page of [projector, ...phones]) await page.close();
});
