// Issue 8: text anyone can type — names in a roster, question stems and options, exam titles — is
// shown as text in Chromium: no script from it ever runs.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE_URL, DESKTOP, PHONE, launch, login, newPage, shot, settled } from '../support/browser.mjs';
import { DEMO_FRESHMAN, FRESHMAN_YEAR } from '../support/demo.mjs';
import { api } from '../support/api.mjs';

const PAYLOADS = [
  '<img src=x onerror="window.__xss=(window.__xss||0)+1">',
  '<script>window.__xss=(window.__xss||0)+1</script>',
  '<svg onload="window.__xss=(window.__xss||0)+1"></svg>',
  '"><a href="javascript:window.__xss=1">点我</a>',
];

let browser;
let exam;
// A new student each run, so the spec can run again against the same server.
const username = `${FRESHMAN_YEAR}${String(Date.now()).slice(-6)}`;
const STUDENT = { username, password: 'Xss-Initial-2026' };

before(async () => {
  browser = await launch();
  const admin = (await api('POST', '/auth/login', null, { username: 'admin', password: 'Xitong-Guanli-26' })).token;
  const csv = [
    '学号/工号,姓名,身份,学院,班级,入学年份,初始密码',
    `${STUDENT.username},"${PAYLOADS[0].replace(/"/g, '""')}",学生,信息工程学院,计算机${FRESHMAN_YEAR}-1班,${FRESHMAN_YEAR},${STUDENT.password}`,
  ].join('\n');
  const form = new FormData();
  form.append('file', new Blob([csv]), 'xss.csv');
  await api('POST', '/roster/import', admin, form);
  const question = await api('POST', '/questions', admin, {
    type: 'single',
    stem: `${PAYLOADS[1]} 以下哪个是正确做法？（${Date.now()}）`,
    options: PAYLOADS.map((text, i) => ({ key: String.fromCharCode(65 + i), text })),
    answer: ['A'],
    analysis: PAYLOADS[2],
    fraudType: 'other',
    difficulty: 1,
    tags: [],
  });
  const now = Date.now();
  exam = await api('POST', '/exams', admin, {
    title: `${PAYLOADS[2]}考试`,
    kind: 'regular',
    opensAt: new Date(now - 60_000).toISOString(),
    closesAt: new Date(now + 3600_000).toISOString(),
    durationMinutes: 10,
    passScore: 60,
    maxAttempts: 0,
    audience: {},
    paper: { questionIds: [question.id] },
    shuffleQuestions: false,
    shuffleOptions: false,
  });
  await api('POST', `/exams/${exam.id}/publish`, admin);
});

after(async () => {
  await browser?.close();
});

async function assertInert(page, where) {
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await settled(page);
  assert.equal(await page.evaluate(() => window.__xss), undefined, `a script ran on ${where}`);
  assert.deepEqual(dialogs, []);
}

test('an admin sees hostile names, stems and options as plain text', async () => {
  const page = await newPage(browser, DESKTOP);
  await login(page, 'admin', 'Xitong-Guanli-26');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.goto(`${BASE_URL}/people/users`);
  await page.locator('input[data-test="filter-q"], [data-test="filter-q"] input').first().fill(STUDENT.username);
  await page.keyboard.press('Enter');
  await page.locator('[data-test="user-table"]').getByText('<img src=x', { exact: false }).first().waitFor();
  await assertInert(page, 'the user list');
  await shot(page, '08-xss-user-list');

  await page.goto(`${BASE_URL}/questions`);
  await page.getByText('<script>', { exact: false }).first().waitFor();
  await assertInert(page, 'the question bank');
  await page.goto(`${BASE_URL}/exam-admin`);
  await page.getByText('<svg', { exact: false }).first().waitFor();
  await assertInert(page, 'the exam list');
  await shot(page, '08-xss-exam-list');
  await page.context().close();
});

test('a student sees them as plain text while taking the exam and in the review', async () => {
  const page = await newPage(browser, PHONE);
  await login(page, STUDENT.username, STUDENT.password);
  await page.locator('[data-test="new-password"]').first().waitFor();
  const fill = async (name, value) => {
    const field = page.locator(`[data-test="${name}"] input, input[data-test="${name}"]`).first();
    if (await field.count()) await field.fill(value);
  };
  await fill('old-password', STUDENT.password);
  await fill('new-password', 'Xss2026safe');
  await fill('confirm-password', 'Xss2026safe');
  await page.locator('[data-test="password-submit"]').click();
  await page.locator('[data-test="welcome"]').waitFor();
  await assertInert(page, "the home page (the student's own name)");

  await page.goto(`${BASE_URL}/exams/${exam.id}/attempt`);
  await page.locator('[data-test="question-stem"]').waitFor();
  assert.match(await page.locator('[data-test="question-stem"]').innerText(), /<script>/);
  await assertInert(page, 'the exam screen');
  await shot(page, '08-xss-exam-screen');
  await page.locator('[data-test="option"]').first().click();
  await page.locator('[data-test="submit"]').click();
  await page.locator('[data-test="submit-confirm"]').click();
  await page.locator('[data-test="result-score"]').waitFor();
  await assertInert(page, 'the review');
  await shot(page, '08-xss-review');
  await page.context().close();
});

test('a 课前3分钟 prompt, an alert and a course article with hostile text are inert too', async () => {
  const admin = (await api('POST', '/auth/login', null, { username: 'xsc01', password: 'Fangpian-Demo-26' })).token;
  const stamp = Date.now();
  const prompt = await api('POST', '/prompts', admin, {
    title: `<img src=x onerror="window.__xss=1">提示${stamp}`,
    story:
      `${PAYLOADS[1]} 某高校学生小王接到自称快递客服的电话，对方称包裹丢失要理赔，让他开启屏幕共享。小王按对方要求操作，结果银行卡被转走。`.padEnd(
        220,
        '。',
      ),
    warningSigns: [PAYLOADS[2], '要求屏幕共享'],
    actions: [PAYLOADS[3], '挂断电话，拨打96110咨询'],
    takeaway: `${PAYLOADS[0]}客服不会让你共享屏幕`,
    fraudType: 'fake_customer_service',
    tags: [],
    sourceKind: 'bulletin',
    sourceIssuer: PAYLOADS[3],
    source: '测试',
    sourceDate: '2026-01-01',
  });
  await api('POST', '/alerts', admin, {
    title: `${PAYLOADS[0]}警示${stamp}`,
    content: `${PAYLOADS[1]}${PAYLOADS[2]}`,
    level: 'info',
    audience: { roles: ['student'] },
  });
  const course = await api('POST', '/courses', admin, {
    title: `${PAYLOADS[2]}课程${stamp}`,
    description: PAYLOADS[0],
    required: false,
    deadline: null,
    audience: {},
  });
  // Both answer the course's whole outline.
  const withChapter = await api('POST', `/courses/${course.id}/chapters`, admin, { title: PAYLOADS[3] });
  const chapter = withChapter.chapters.at(-1);
  const withLesson = await api('POST', `/chapters/${chapter.id}/lessons`, admin, {
    title: `${PAYLOADS[0]}课时`,
    kind: 'article',
    html: `<h2>标题</h2><p onclick="window.__xss=1">正文</p>${PAYLOADS.join('')}<a href="javascript:window.__xss=1">链接</a><iframe src="javascript:window.__xss=1"></iframe>`,
  });
  const lesson = withLesson.chapters.at(-1).lessons.at(-1);
  await api('POST', `/courses/${course.id}/publish`, admin);

  const adminPage = await newPage(browser, DESKTOP);
  await login(adminPage, 'xsc01', 'Fangpian-Demo-26');
  await adminPage.waitForURL((url) => !url.pathname.startsWith('/login'));
  await adminPage.goto(`${BASE_URL}/prompts/library`);
  await adminPage.getByText(`提示${stamp}`, { exact: false }).first().waitFor();
  await assertInert(adminPage, 'the prompt library');
  await adminPage.goto(`${BASE_URL}/present/prompts/${prompt.id}`);
  await adminPage.locator('[data-test="present-title"]').waitFor();
  await assertInert(adminPage, 'the prompt presentation');
  await shot(adminPage, '08-xss-prompt-presentation');
  await adminPage.context().close();

  // Another spec may have sent this student an urgent alert; its blocking dialog is not what this
  // test looks at, so acknowledge whatever is unread first.
  const student = (await api('POST', '/auth/login', null, { username: DEMO_FRESHMAN, password: 'Fangpian-Demo-26' }))
    .token;
  for (const alert of await api('GET', '/my/alerts', student))
    if (!alert.readAt) await api('POST', `/alerts/${alert.id}/read`, student);

  const page = await newPage(browser, PHONE);
  await login(page, DEMO_FRESHMAN, 'Fangpian-Demo-26');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.goto(`${BASE_URL}/alerts`);
  await page.getByText(`警示${stamp}`, { exact: false }).first().waitFor();
  await page.getByText(`警示${stamp}`, { exact: false }).first().click();
  await assertInert(page, 'the alerts');
  await shot(page, '08-xss-alerts');
  await page.goto(`${BASE_URL}/lessons/${lesson.id}`);
  await page.getByText('正文').first().waitFor();
  await page.getByText('正文').first().click();
  await assertInert(page, 'the course article');
  const leftovers = 'iframe, script:not([src]), [onclick], [onerror], [onload], a[href^="javascript:"]';
  assert.equal(
    await page.locator(leftovers).count(),
    0,
    'the article keeps no iframe, inline script, handler or javascript: link',
  );
  await shot(page, '08-xss-article');
  await page.context().close();
});
