// 命题质量检查: a school admin writes a cue-laden question in the editor — the key much longer than
// the other options and a "以上都对" option — and a true/false statement with an absolute word. The
// editor shows the warnings in Chinese beside the options and the stem after saving (the question is
// saved all the same), and the 题库质量报告 lists the question with its reasons.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE_URL, launch, login, newPage, shot } from '../support/browser.mjs';
import { api } from '../support/api.mjs';

const ADMIN = { username: 'xsc01', password: 'Fangpian-Demo-26' };
const STEM = `同学接到“快递客服”电话，说包裹丢失要理赔，他应该怎么做？（${Date.now()}）`;
const JUDGE_STEM = `只要对方能说出我的订单号，就说明他一定是真客服。（${Date.now()}）`;

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

test('a school admin saves a cue-laden question, sees the warnings, and finds it in the 题库质量报告', async () => {
  const page = await newPage(browser);
  await login(page, ADMIN.username, ADMIN.password);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));

  await page.goto(`${BASE_URL}/questions`);
  await page.locator('[data-test="question-new"]').click();
  await page.locator('[data-test="question-stem"] textarea, textarea[data-test="question-stem"]').first().fill(STEM);
  const options = page.locator('[data-test="question-option-text"] input, input[data-test="question-option-text"]');
  await options.nth(0).fill('照做');
  await options.nth(1).fill('挂断电话，打开购物App或拨打官方客服电话核实，不向任何人提供验证码');
  await options.nth(2).fill('加微信');
  await options.nth(3).fill('以上都对');
  await page.locator('[data-test="question-answer"]').nth(1).click();

  // The shared rules run while typing, before anything is saved.
  const optionWarnings = page.locator('[data-test="quality-warnings-options"]').first();
  await optionWarnings.waitFor();
  assert.match(await optionWarnings.innerText(), /正确答案明显最长/);

  await page.locator('[data-test="question-save"]').click();
  await page.locator('[data-test="question-quality-saved"]').waitFor();
  const saved = await optionWarnings.innerText();
  assert.match(saved, /正确答案 B（\d+ 字）明显长于其他选项/);
  assert.match(saved, /“以上都对”/);
  await shot(page, 'question-quality-editor');

  // A true/false statement with absolute words: the warning sits under the stem.
  await page.locator('.el-drawer__close-btn').click();
  await page.locator('[data-test="question-new"]').click();
  await page.locator('[data-test="question-type"]').getByText('判断').click();
  await page
    .locator('[data-test="question-stem"] textarea, textarea[data-test="question-stem"]')
    .first()
    .fill(JUDGE_STEM);
  await page.locator('[data-test="question-judge-answer"]').getByText('错误').click();
  await page.locator('[data-test="question-save"]').click();
  await page.locator('[data-test="question-quality-saved"]').waitFor();
  const stemWarnings = await page.locator('[data-test="quality-warnings-stem"]').first().innerText();
  assert.match(stemWarnings, /判断题含绝对化用语/);
  assert.match(stemWarnings, /“一定”“只要”|“只要”“一定”/);
  await page.locator('.el-drawer__close-btn').click();

  await page.goto(`${BASE_URL}/questions/quality`);
  const table = page.locator('[data-test="quality-table"]');
  const row = table.locator('tr', { hasText: STEM });
  await row.waitFor();
  const reasons = await row.innerText();
  assert.match(reasons, /正确答案明显最长/);
  assert.match(reasons, /“以上都对”类选项/);
  assert.match(await table.innerText(), new RegExp(JUDGE_STEM.slice(0, 12)));
  assert.match(await page.locator('[data-test="quality-cue-stats"]').innerText(), /选最长的选项/);
  await shot(page, 'question-quality-report');
});

// 导入有效题目: a GIFT file with one broken question is refused whole, the broken one is named with
// its reason, and the admin imports the two valid ones with one click; the broken one stays listed.
test('a school admin imports the valid questions of a file and sees the rejected one listed', async () => {
  const tag = Date.now();
  const gift = [
    `::有效一::接到自称“客服”的退款电话，对方要求提供验证码，你应该怎么做？（${tag}）{`,
    '  ~把验证码告诉对方，尽快拿到退款',
    '  =挂断电话，在购物App内联系官方客服核实',
    '  ~按对方发来的链接填写银行卡信息',
    '}',
    '',
    `::缺答案::网上兼职刷单先垫付，下列哪个说法对？（${tag}）{`,
    '  ~先做小单试试',
    '  ~拉同学一起做',
    '}',
    '',
    `::有效二::“安全账户”是公安机关办案时使用的正规账户。（${tag}）{FALSE}`,
  ].join('\n');

  const page = await newPage(browser);
  await login(page, ADMIN.username, ADMIN.password);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.goto(`${BASE_URL}/questions/import`);
  await page
    .locator('[data-test="question-import-file"]')
    .setInputFiles({ name: '混合.gift', mimeType: 'text/plain', buffer: Buffer.from(gift, 'utf8') });
  await page.locator('[data-test="question-import-dry-run"]').click();

  const importValid = page.locator('[data-test="question-import-valid"]');
  await importValid.waitFor();
  assert.equal((await importValid.innerText()).trim(), '导入有效题目（2 道）');
  const errors = await page.locator('[role="tabpanel"] [data-test="question-import-errors"]').innerText();
  assert.match(errors, /第2题「缺答案」/);
  assert.match(errors, /没有正确答案/);
  await shot(page, 'question-import-rejected');

  await importValid.click();
  await page.locator('[data-test="question-import-done"]').waitFor();
  assert.match(await page.locator('[data-test="question-import-done"]').innerText(), /新增 2 道题/);
  assert.match(await page.locator('[data-test="question-import-rejected"]').innerText(), /1 道有错误的题目未导入/);
  assert.match(
    await page.locator('[role="tabpanel"] [data-test="question-import-errors"]').innerText(),
    /第2题「缺答案」/,
  );
  await shot(page, 'question-import-valid-done');

  await page.goto(`${BASE_URL}/questions`);
  const listed = await page.evaluate(async (q) => {
    const { token } = JSON.parse(localStorage.getItem('campus-antifraud.session'));
    const res = await fetch(`/api/questions?q=${encodeURIComponent(q)}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    return res.ok ? (await res.json()).total : `HTTP ${res.status}`;
  }, String(tag));
  assert.equal(listed, 2);
});

// Fixed-paper warnings in the exam editor: a draft paper whose single-choice keys are all C (options
// in a fixed order), with two questions of one 互斥组 and a question whose key is by far the longest.
// The editor lists the three warnings above the paper and marks the rows; shuffling the options
// removes the key-position warning at once. Nothing is blocked: the draft saves.
test('the exam editor warns about a fixed paper: key position bias, one 互斥组 twice, a cue-laden question', async () => {
  const tag = Date.now();
  const { token } = await api('POST', '/auth/login', null, ADMIN);
  const topics = ['快递理赔', '注销校园贷', '游戏代练', '冒充辅导员', '刷单返利', '网络交友', '机票改签', '征信修复'];
  const single = (topic, i) => ({
    type: 'single',
    stem: `${topic}：对方让你按他的步骤操作，你应该先做什么？（${tag}-${i}）`,
    options: [
      { key: 'A', text: '按对方说的步骤一步步操作' },
      { key: 'B', text: '把收到的验证码发给对方核对' },
      { key: 'C', text: '挂断后通过官方渠道自行核实' },
      { key: 'D', text: '先转一小笔钱试试看真假' },
    ],
    answer: ['C'],
    analysis: '',
    fraudType: 'other',
    difficulty: 2,
    tags: [],
  });
  const ids = [];
  for (const [i, topic] of topics.entries()) ids.push((await api('POST', '/questions', token, single(topic, i))).id);
  const group = `paper-check-${tag}`;
  for (const stem of ['退款时对方索要验证码，可以给吗？', '对方自称客服要验证码办理退款，应该怎么办？']) {
    const q = await api('POST', '/questions', token, {
      ...single('退款', stem),
      stem: `${stem}（${tag}）`,
      options: [
        { key: 'A', text: '给对方，先把退款办下来' },
        { key: 'B', text: '不给，验证码不告诉任何人' },
        { key: 'C', text: '只给对方一半的验证码' },
      ],
      answer: ['B'],
      group,
    });
    ids.push(q.id);
  }
  const cued = await api('POST', '/questions', token, {
    ...single('理赔', 'x'),
    stem: `同学接到“快递客服”电话，说包裹丢失要理赔，他应该怎么做？（${tag}-cue）`,
    options: [
      { key: 'A', text: '照做' },
      { key: 'B', text: '挂断电话，打开购物App或拨打官方客服电话核实，不向任何人提供验证码' },
      { key: 'C', text: '加微信' },
    ],
    answer: ['B'],
  });
  ids.push(cued.id);
  const now = Date.now();
  const exam = await api('POST', '/exams', token, {
    title: `固定试卷质量提示（${tag}）`,
    kind: 'regular',
    opensAt: new Date(now + 86_400_000).toISOString(),
    closesAt: new Date(now + 2 * 86_400_000).toISOString(),
    durationMinutes: 20,
    passScore: 60,
    maxAttempts: 1,
    audience: {},
    paper: { questionIds: ids },
    shuffleQuestions: false,
    shuffleOptions: false,
  });
  // The server answers the same shared rules on save.
  assert.deepEqual([...new Set(exam.warnings.map((w) => w.code))].sort(), [
    'cued-questions',
    'group-conflict',
    'key-position-bias',
  ]);

  const page = await newPage(browser);
  await login(page, ADMIN.username, ADMIN.password);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.goto(`${BASE_URL}/exam-admin/${exam.id}/edit`);
  const warnings = page.locator('[data-test="exam-paper-warnings"]');
  await warnings.waitFor();
  await page.waitForFunction(() =>
    document.querySelector('[data-test="exam-paper-warnings"]')?.textContent?.includes('卷中有带猜题线索的题'),
  );
  const text = await warnings.innerText();
  assert.match(text, /4 条提示（只提示，不影响保存和发布）/);
  assert.match(text, /答案位置分布不均/);
  assert.match(text, /连续 8 道单选题的答案都是 C/);
  assert.match(text, new RegExp(`卷中第 9、10 题（题目编号 ${ids[8]}、${ids[9]}）同属互斥组“${group}”`));
  assert.match(text, /卷中第 11 题带猜题线索（正确答案明显最长 1 道/);
  const table = page.locator('[data-test="exam-fixed-questions"]');
  assert.equal(await table.locator('tr.row--flagged').count(), 3);
  await shot(page, 'exam-fixed-paper-warnings');

  // Shuffled options: each student sees the keys elsewhere, so only the position warning goes.
  await page.getByText('选项顺序随机').click();
  await page.waitForFunction(
    () => !document.querySelector('[data-test="exam-paper-warnings"]')?.textContent?.includes('答案位置分布不均'),
  );
  assert.match(await warnings.innerText(), /2 条提示/);
});
