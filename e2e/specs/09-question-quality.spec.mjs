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
