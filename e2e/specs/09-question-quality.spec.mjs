// 命题质量检查: a school admin writes a cue-laden question in the editor — the key much longer than
// the other options and a "以上都对" option — and a true/false statement with an absolute word. The
// editor shows the warnings in Chinese beside the options and the stem after saving (the question is
// saved all the same), and the 题库质量报告 lists the question with its reasons.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE_URL, launch, login, newPage, shot } from '../support/browser.mjs';

const ADMIN = { username: 'xsc01', password: 'Demo@2026' };
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
