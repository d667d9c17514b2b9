// Issue 4: an admin builds a course with an article and a video (uploaded with a progress bar,
// reordered by drag and drop) and publishes it, and writes the letter to this year's freshmen; a
// freshman on a phone confirms the letter, reads the article to the end, watches the video to the
// end and sees the course complete, resuming where they left off; the admin's completion table
// shows it and exports it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { BASE_URL, DESKTOP, PHONE, launch, login, newPage, shot } from '../support/browser.mjs';
import { DEMO_FRESHMAN, FRESHMAN_YEAR } from '../support/demo.mjs';

const here = dirname(fileURLToPath(import.meta.url));
/** A 4-second WebM clip (320×180, test pattern). */
const CLIP = readFileSync(join(here, '../fixtures/lesson-clip.webm'));

const ADMIN = { username: 'xsc01', password: 'Fangpian-Demo-26' };
const COLLEGE_ADMIN = { username: 'xy01', password: 'Fangpian-Demo-26' };
const FRESHMAN = { username: DEMO_FRESHMAN, password: 'Fangpian-Demo-26' };
const COURSE_TITLE = `识破冒充客服退款骗局 ${Date.now().toString(36)}`;
const ARTICLE_TITLE = '冒充客服退款的套路';
const VIDEO_TITLE = '视频：一通“理赔”电话';

const PARAGRAPHS = [
  '“你好，我是某购物平台客服，你买的商品有质量问题，我们给你双倍理赔。”这是冒充电商物流客服诈骗最常见的开场白。骗子往往能准确说出你的姓名、订单号和收货地址，让你信以为真。',
  '接下来，对方会让你下载陌生的会议软件并开启屏幕共享，或者让你在借贷平台上“验证流水”、把借来的钱转到指定账户，声称理赔完成后会全部退还。',
  '请记住：正规平台的退款、理赔都在官方APP内直接办理，不需要你提供验证码，更不会让你借钱或转账。接到这类电话，先挂断，再通过官方渠道核实。',
  '骗子常用的说辞还有：“你开通了某某会员，不取消每月自动扣费”“你的快递丢失了，我们按三倍赔偿”“你的账户被误设为商家，会影响征信”。这些话的目的只有一个——让你紧张、着急，没时间多想。',
  '有的骗子会发来一个“退款链接”，页面做得和正规网站一模一样，要求你填写银行卡号、密码和短信验证码。一旦填写，卡里的钱很快就会被转走。',
  '还有的骗子以“资金冻结”“操作失误”为由，让你一次又一次转账“解冻”。记住：任何要求你先转账才能退款的说法，都是诈骗。',
  '同学们网购时，尽量不要在站外和所谓的客服私下联系，不要添加陌生人的社交账号，更不要扫描对方发来的二维码。',
  '如果已经转账，要立即拨打110报警，并尽快告诉辅导员。拿不准的时候，可以拨打96110咨询，也可以在国家反诈中心APP上举报。',
];

let browser;
let courseId;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Element Plus prompt box: type the value and confirm. */
async function answerPrompt(page, value) {
  const box = page.locator('.el-message-box');
  await box.waitFor();
  await box.locator('input').fill(value);
  await box.locator('.el-message-box__btns .el-button--primary').click();
  await box.waitFor({ state: 'hidden' });
}

/** Element Plus puts a `data-test` given to el-input on its inner <input>/<textarea>, other components on their root. */
const field = (scope, name, tag = 'input') =>
  scope.locator(`${tag}[data-test="${name}"], [data-test="${name}"] ${tag}`).first();

const lessonTitles = (page) => page.locator('[data-test="outline-lesson-title"]').allInnerTexts();

test('an admin builds a course with an article and an uploaded video, reorders it by dragging and publishes it', async () => {
  const page = await newPage(browser, DESKTOP);
  await login(page, ADMIN.username, ADMIN.password);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.goto(`${BASE_URL}/course-admin`);
  await page.locator('[data-test="course-new"]').click();

  await field(page, 'course-title-input').fill(COURSE_TITLE);
  await field(page, 'course-description-input', 'textarea').fill(
    '认识冒充客服退款、理赔的骗局，学会挂断、核实、报警。',
  );
  await page.locator('[data-test="course-save"]').click();
  await page.waitForURL(/\/course-admin\/\d+\/edit$/);
  courseId = Number(/\/course-admin\/(\d+)\/edit/.exec(page.url())[1]);
  assert.equal(await page.locator('[data-test="course-status"]').innerText(), '草稿');

  await page.locator('[data-test="chapter-add"]').click();
  await answerPrompt(page, '第一章 冒充客服退款');
  await page.locator('[data-test="outline-chapter"]').waitFor();

  // The video first: uploaded with a progress bar, its length read from the file.
  await page.locator('[data-test="lesson-add"]').click();
  const drawer = page.locator('.el-drawer');
  await field(drawer, 'lesson-title-input').fill(VIDEO_TITLE);
  await drawer.locator('[data-test="lesson-kind-video"]').click();
  await drawer
    .locator('[data-test="video-file"]')
    .setInputFiles({ name: '理赔电话.webm', mimeType: 'video/webm', buffer: CLIP });
  await drawer.locator('[data-test="video-preview"]').waitFor({ timeout: 30000 });
  assert.equal(await field(drawer, 'video-duration').inputValue(), '4');
  await shot(page, '04-admin-video-uploaded');
  await drawer.locator('[data-test="lesson-save"]').click();
  await drawer.waitFor({ state: 'hidden' });

  // Then the article, written in the rich-text editor.
  await page.locator('[data-test="lesson-add"]').click();
  await field(drawer, 'lesson-title-input').fill(ARTICLE_TITLE);
  const editor = drawer.locator('[data-test="rich-editor-content"]');
  await editor.click();
  await drawer.locator('[data-test="rte-h2"]').click();
  await page.keyboard.insertText('“双倍理赔”是诱饵');
  await page.keyboard.press('Enter');
  for (const paragraph of PARAGRAPHS) {
    await page.keyboard.insertText(paragraph);
    await page.keyboard.press('Enter');
  }
  await drawer.locator('[data-test="rte-quote"]').click();
  await drawer.locator('[data-test="rte-bold"]').click();
  await page.keyboard.insertText('先挂断，再核实；不共享屏幕，不借钱转账。');
  assert.equal(await editor.locator('h2').count(), 1);
  assert.equal(await editor.locator('blockquote strong').count(), 1);
  await shot(page, '04-admin-article-editor');
  await drawer.locator('[data-test="lesson-save"]').click();
  await drawer.waitFor({ state: 'hidden' });
  assert.deepEqual(await lessonTitles(page), [VIDEO_TITLE, ARTICLE_TITLE]);

  // Drag the article above the video.
  const article = page.locator('[data-test="outline-lesson"]', { hasText: ARTICLE_TITLE });
  const video = page.locator('[data-test="outline-lesson"]', { hasText: VIDEO_TITLE });
  await article.dragTo(video);
  await page.waitForFunction(
    (titles) => {
      const shown = [...document.querySelectorAll('[data-test="outline-lesson-title"]')].map((e) =>
        e.textContent.trim(),
      );
      return JSON.stringify(shown) === JSON.stringify(titles);
    },
    [ARTICLE_TITLE, VIDEO_TITLE],
  );

  await page.locator('[data-test="course-publish"]').click();
  await page.locator('[data-test="course-status"]', { hasText: '已发布' }).waitFor();
  await shot(page, '04-admin-course-published');
  await page.context().close();
});

test("an admin writes the letter to this year's freshmen", async () => {
  const page = await newPage(browser, DESKTOP);
  await login(page, ADMIN.username, ADMIN.password);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.goto(`${BASE_URL}/course-admin/letters`);
  // The shipped letter is addressed to the demo's freshmen (FRESHMAN_YEAR).
  await page.locator('[data-test="letter-item"]').first().waitFor();
  const existing = page.locator(`[data-test="letter-item"][data-year="${FRESHMAN_YEAR}"]`);
  if ((await existing.count()) > 0) await existing.click();
  else await page.locator('[data-test="letter-new"]').click();
  const year = field(page, 'letter-year');
  await year.fill(String(FRESHMAN_YEAR));
  await year.press('Tab');
  await field(page, 'letter-title-input').fill(`致${FRESHMAN_YEAR}级新同学的一封信`);
  const editor = page.locator('[data-test="rich-editor-content"]');
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(
    '亲爱的新同学：欢迎你！入学季是电信网络诈骗的高发期。学校不会通过个人二维码收费，公检法机关不会让你转账到“安全账户”。接到96110的来电请务必接听，发现被骗立即拨打110报警。',
  );
  await page.locator('[data-test="letter-save"]').click();
  await page.locator(`[data-test="letter-item"][data-year="${FRESHMAN_YEAR}"]`).waitFor();
  await shot(page, '04-admin-letter-editor');
  await page.context().close();
});

test('a freshman on a phone confirms the letter, reads the article, watches the video and completes the course', async () => {
  const page = await newPage(browser, PHONE);
  await login(page, FRESHMAN.username, FRESHMAN.password);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  // The home page lists the letter and the required courses among what is due.
  const letterItem = page.locator('[data-test="due-item"][data-key="letter"]');
  await letterItem.waitFor();
  assert.match(await letterItem.locator('[data-test="due-status"]').innerText(), /待阅读确认/);
  const courseItem = page.locator('[data-test="due-item"][data-key^="course-"][data-done="false"]').first();
  assert.match(await courseItem.locator('[data-test="due-status"]').innerText(), /已学 \d+ \/ \d+ 课时/);
  await shot(page, '04-phone-home-reminder');

  await page.goto(`${BASE_URL}/letter`);
  await page.locator('[data-test="letter-title"]').waitFor();
  assert.equal(await page.locator('[data-test="letter-title"]').innerText(), `致${FRESHMAN_YEAR}级新同学的一封信`);
  await shot(page, '04-phone-letter');
  // 我已阅读并知晓 opens once the letter's reading time has passed since it was opened.
  await page.locator('[data-test="letter-wait"]').waitFor();
  assert.equal(await page.locator('[data-test="letter-confirm"]').isDisabled(), true);
  await page.waitForFunction(() => !document.querySelector('[data-test="letter-confirm"]')?.disabled, null, {
    timeout: 60000,
  });
  await page.locator('[data-test="letter-confirm"]').click();
  await page.locator('[data-test="letter-confirmed"]').waitFor();
  const confirmedText = await page.locator('[data-test="letter-confirmed"]').innerText();
  await page.reload();
  assert.equal(
    await page.locator('[data-test="letter-confirmed"]').innerText(),
    confirmedText,
    'the first confirmation time is kept',
  );
  await shot(page, '04-phone-letter-confirmed');

  await page.goto(`${BASE_URL}/courses`);
  const card = page.locator(`[data-test="course-card"][data-course-id="${courseId}"]`);
  await card.waitFor();
  assert.equal(await card.getAttribute('data-completed'), 'false');
  await shot(page, '04-phone-my-courses');
  await card.locator('[data-test="course-open"]').click();
  await page.locator('[data-test="course-title"]').waitFor();
  await page.locator('[data-test="lesson-row"]', { hasText: ARTICLE_TITLE }).click();

  // The article: reading part of it, leaving and coming back resumes at the same place.
  await page.locator('[data-test="article-body"]').waitFor();
  await page.evaluate(() => window.scrollTo({ top: 300 }));
  await page.waitForFunction(() => window.scrollY >= 300); // polled per frame: the scroll event has run
  await page.locator('[data-test="lesson-back"]').click(); // leaving saves the position
  await page.locator('[data-test="lesson-row"]', { hasText: ARTICLE_TITLE }).click();
  await page.locator('[data-test="article-resumed"]').waitFor();
  assert.ok((await page.evaluate(() => window.scrollY)) > 100, 'the reader scrolled back to where the student was');
  // Reaching the end at once is skimming: the server asks for the article's reading time (about
  // 600 characters a minute since it was first opened), and the page counts it down.
  await page.locator('[data-test="article-end"]').scrollIntoViewIfNeeded();
  const wait = page.locator('[data-test="lesson-wait"]');
  await wait.waitFor();
  assert.match(await wait.innerText(), /后可标记完成/);
  assert.equal(await page.locator('[data-test="lesson-mark"]').isDisabled(), true);
  await shot(page, '04-phone-article-reading-time');
  // A request of its own is refused with how long is left, whatever the page shows.
  const early = await page.evaluate(async (lessonUrl) => {
    const { token } = JSON.parse(localStorage.getItem('campus-antifraud.session'));
    const res = await fetch(`/api${lessonUrl}/progress`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ completed: true }),
    });
    return { status: res.status, body: await res.json() };
  }, new URL(page.url()).pathname);
  assert.equal(early.status, 409);
  assert.match(early.body.message, /还需学习约/);
  await page.locator('[data-test="lesson-completed"]').waitFor({ timeout: 90000 });
  await shot(page, '04-phone-article-read');

  // The video: played to the end; skipping is not watching, playing is.
  await page.locator('[data-test="lesson-next"]').click();
  await page.locator('[data-test="lesson-title"]', { hasText: VIDEO_TITLE }).waitFor();
  const player = page.locator('[data-test="lesson-video"]');
  await player.waitFor();
  await page.waitForFunction(() => document.querySelector('[data-test="lesson-video"]')?.readyState >= 1);
  await player.evaluate((video) => {
    video.muted = true;
    return video.play();
  });
  await page.waitForFunction(() => document.querySelector('[data-test="lesson-video"]')?.ended === true, null, {
    timeout: 20000,
  });
  await page.locator('[data-test="lesson-completed"]').waitFor({ timeout: 15000 });
  await page.locator('[data-test="course-completed"]').waitFor();
  await shot(page, '04-phone-video-watched');

  await page.locator('[data-test="lesson-back"]').click();
  await page.locator('[data-test="course-complete"]').waitFor();
  const states = await page
    .locator('[data-test="lesson-row"]')
    .evaluateAll((rows) => rows.map((r) => r.dataset.completed));
  assert.deepEqual(states, ['true', 'true']);
  await shot(page, '04-phone-course-complete');
  await page.goto(`${BASE_URL}/courses`);
  await page.locator(`[data-test="course-card"][data-course-id="${courseId}"][data-completed="true"]`).waitFor();
  await page.context().close();
});

test("the admin's completion table shows the freshman's completion and exports it", async () => {
  const page = await newPage(browser, DESKTOP);
  await login(page, ADMIN.username, ADMIN.password);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.goto(`${BASE_URL}/course-admin/progress?courseId=${courseId}`);
  const college = page.locator('[data-test="reach-table"] .el-table__row', { hasText: '信息工程学院' });
  await college.waitFor();
  assert.equal(await college.locator('[data-test="reach-row-done"]').innerText(), '1');
  assert.match(await page.locator('[data-test="reach-total"]').innerText(), /已完成 1 人/);

  await page.locator('[data-test="progress-group-class"]').click();
  const row = page
    .locator('[data-test="reach-table"] .el-table__row')
    .filter({ has: page.locator('[data-test="reach-row-done"]', { hasText: /^1$/ }) });
  await row.waitFor();
  await row.click();
  await page.locator('[data-test="not-done-title"]', { hasText: '（' }).waitFor();
  const notDone = await page.locator('[data-test="not-done-table"] .el-table__row').allInnerTexts();
  assert.ok(notDone.length > 0, 'the classmates who have not finished are named');
  assert.ok(!notDone.some((text) => text.includes(FRESHMAN.username)), 'the freshman who finished is not on the list');
  await shot(page, '04-admin-completion-table');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('[data-test="progress-export"]').click(),
  ]);
  assert.match(download.suggestedFilename(), /完成情况\.xlsx$/);

  await page.locator('[data-test="progress-kind-letter"]').click();
  await page.locator('[data-test="progress-letter"]').click();
  await page.locator('.el-select-dropdown__item', { hasText: `${FRESHMAN_YEAR} 级` }).click();
  // The demo school's freshmen have been confirming the letter for weeks; this freshman is one more.
  await page
    .locator('[data-test="reach-table"] .el-table__row', { hasText: '信息工程学院' })
    .locator('[data-test="reach-row-done"]', { hasText: /^[1-9]\d+$/ })
    .first()
    .waitFor();
  await shot(page, '04-admin-letter-confirmations');
  await page.context().close();
});

test('a college admin sees only their own college in the completion table', async () => {
  const page = await newPage(browser, DESKTOP);
  await login(page, COLLEGE_ADMIN.username, COLLEGE_ADMIN.password);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.goto(`${BASE_URL}/course-admin/progress?courseId=${courseId}`);
  await page.locator('[data-test="reach-table"] .el-table__row').first().waitFor();
  const names = await page.locator('[data-test="reach-row-name"]').allInnerTexts();
  assert.deepEqual(names, ['信息工程学院']);
  await page.context().close();
});
