// Issue 5, 课前3分钟: a teacher picks a class, opens the prompt it should hear next on the classroom
// projector (1920×1080) and on a phone (390×844), the 3-minute countdown runs, the slides move with
// the keys a presenter remote sends, one tap logs the talk, and the next prompt is a different one.
// The school admin's coverage view then shows the talk.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE_URL, PHONE, launch, newPage, shot, signIn, waitUntil } from '../support/browser.mjs';
import { api } from '../support/api.mjs';

const PROJECTOR = { width: 1920, height: 1080 };
const TEACHER = { username: 'T0001', password: 'Fangpian-Demo-26' };
const SCHOOL_ADMIN = { username: 'xsc01', password: 'Fangpian-Demo-26' };
const COLLEGE_ADMIN = { username: 'xy01', password: 'Fangpian-Demo-26' };

let browser;
let teacherToken;
let classes;
/** What the projector run logged, for the admin's view. */
let logged;

before(async () => {
  browser = await launch();
  teacherToken = (await api('POST', '/auth/login', null, TEACHER)).token;
  classes = await api('GET', '/my/classes', teacherToken);
  assert.ok(classes.length >= 2, 'the demo teacher teaches two classes');
});

after(async () => {
  await browser?.close();
});

/** Seconds left on the presentation's clock ("02:58" → 178). */
async function clockSeconds(page) {
  const text = (await page.locator('[data-test="present-countdown"]').innerText()).trim();
  const match = /^(\d\d):(\d\d)$/.exec(text);
  assert.ok(match, `the countdown reads mm:ss, not “${text}”`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Waits for CSS transitions (a radio button turning blue) to end, so screenshots show the settled page. */
async function settle(page) {
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  );
}

const slideOf = async (page) => Number(await page.locator('[data-test="present"]').getAttribute('data-slide'));

/** From 课前3分钟, for the class: the prompt it should hear next, and why. */
async function openNextFor(page, cls) {
  await page.goto(`${BASE_URL}/prompts`);
  await page.locator('[data-test="teach-class"]', { hasText: cls.name }).click();
  const card = page.locator(`[data-test="teach-next"][data-class-id="${cls.id}"]`);
  await card.waitFor();
  await card.locator('[data-test="teach-title"]').waitFor();
  const promptId = Number(await card.getAttribute('data-prompt-id'));
  const reason = await page.locator('[data-test="teach-reason"]').innerText();
  assert.match(reason, /本班/, 'the card says why this prompt');
  await settle(page);
  return { promptId, reason };
}

test('on the projector: next prompt full screen, countdown, remote keys, one-tap log, then a different prompt', async () => {
  const page = await newPage(browser, PROJECTOR);
  await signIn(page, TEACHER.username, TEACHER.password);
  const cls = classes[0];
  const { promptId } = await openNextFor(page, cls);
  await shot(page, '05-teach-desktop');

  await page.locator('[data-test="teach-present"]').click();
  await page.waitForURL(new RegExp(`/present/prompts/${promptId}\\?classId=${cls.id}$`));
  await page.locator('[data-test="present-title"]').waitFor();
  assert.equal(
    await page.locator('[data-test="teach-present"]').count(),
    0,
    'no menu or page chrome: the slides fill the screen',
  );

  // Readable from the back of a classroom: big type on a 1080p projector.
  const storySize = await page.locator('.present__story').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  const titleSize = await page
    .locator('[data-test="present-title"]')
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  assert.ok(storySize >= 40, `story text is ${storySize}px`);
  assert.ok(titleSize >= 60, `title is ${titleSize}px`);
  const fits = await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1);
  assert.ok(fits, 'the first slide fits the projector without scrolling');

  const start = await clockSeconds(page);
  assert.ok(start <= 180 && start >= 175, `the countdown starts at 3 minutes (${start}s)`);
  await waitUntil(async () => (await clockSeconds(page)) <= start - 2, { message: 'the countdown to run' });
  await shot(page, '05-present-projector-story');

  // A presenter remote sends PageDown/PageUp; a keyboard arrows and space.
  await page.keyboard.press('PageDown');
  assert.equal(await slideOf(page), 1);
  await page.locator('[data-test="present-slide-signs"]').waitFor();
  await shot(page, '05-present-projector-signs');
  await page.keyboard.press('ArrowRight');
  assert.equal(await slideOf(page), 2);
  await page.keyboard.press('PageUp');
  assert.equal(await slideOf(page), 1);
  await page.keyboard.press('Space');
  await page.keyboard.press('Space');
  assert.equal(await slideOf(page), 3);
  await page.locator('[data-test="present-takeaway"]').waitFor();
  assert.match(
    await page.locator('[data-test="present-source"]').innerText(),
    /综合典型案情编写（人物、金额为虚构）|《.+》 · \d{4}-\d{2}-\d{2}/,
    'the source is either the composite label or a named bulletin',
  );
  await shot(page, '05-present-projector-takeaway');
  const slides = Number(await page.locator('[data-test="present"]').getAttribute('data-slides'));
  if (slides === 5) {
    // The 互动提问 is the last slide; the remote's "next" first shows the answer, then stays.
    await page.keyboard.press('PageDown');
    await page.locator('[data-test="present-slide-discussion"]').waitFor();
    assert.equal(await page.locator('[data-test="present-answer"]').count(), 0, 'the answer waits for the teacher');
    await page.keyboard.press('PageDown');
    await page.locator('[data-test="present-answer"]').waitFor();
  }
  await page.keyboard.press('PageDown');
  assert.equal(await slideOf(page), slides - 1, 'the last slide stays');

  await page.locator('[data-test="present-log"]').click();
  await page.locator('[data-test="present-logged"]').waitFor();
  assert.match(await page.locator('[data-test="present-logged"]').innerText(), /已登记 \d\d:\d\d/);
  await shot(page, '05-present-projector-logged');

  const history = await api('GET', `/prompts/deliveries?classId=${cls.id}&pageSize=1`, teacherToken);
  assert.equal(history.items[0].promptId, promptId, 'the talk is recorded for the class');
  logged = { ...history.items[0], className: cls.name };

  await page.locator('[data-test="present-next-prompt"]').click();
  await page.waitForFunction((id) => {
    const el = document.querySelector('[data-test="present"]');
    return el && el.dataset.promptId && Number(el.dataset.promptId) !== id;
  }, promptId);
  const nextId = Number(await page.locator('[data-test="present"]').getAttribute('data-prompt-id'));
  assert.notEqual(nextId, promptId, 'the next prompt is another one');
  assert.match(page.url(), new RegExp(`/present/prompts/${nextId}\\?classId=${cls.id}$`));
  assert.equal(await slideOf(page), 0, 'the next prompt starts at its first slide');
  assert.ok((await clockSeconds(page)) >= 178, 'with a fresh 3 minutes');
  assert.equal(await page.locator('[data-test="present-log"]').count(), 1, 'and not yet logged');
  await shot(page, '05-present-projector-next');
  await page.context().close();
});

test('on a phone: the same journey with taps', async () => {
  const page = await newPage(browser, PHONE);
  await signIn(page, TEACHER.username, TEACHER.password);
  const cls = classes[1];
  const { promptId } = await openNextFor(page, cls);
  await shot(page, '05-teach-phone');

  await page.locator('[data-test="teach-present"]').click();
  await page.locator('[data-test="present-title"]').waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `nothing sticks out sideways (${overflow}px)`);
  const start = await clockSeconds(page);
  await waitUntil(async () => (await clockSeconds(page)) < start, { message: 'the countdown to run' });
  await shot(page, '05-present-phone-story');

  const slides = Number(await page.locator('[data-test="present"]').getAttribute('data-slides'));
  for (let i = 0; i < slides - 1; i++) await page.locator('[data-test="present-next"]').tap();
  assert.equal(await slideOf(page), slides - 1);
  if (slides === 5) {
    await page.locator('[data-test="present-reveal"]').tap();
    await page.locator('[data-test="present-answer"]').waitFor();
  }
  await page.locator('[data-test="present-log"]').tap();
  await page.locator('[data-test="present-logged"]').waitFor();
  await shot(page, '05-present-phone-logged');

  await page.locator('[data-test="present-next-prompt"]').tap();
  await page.waitForFunction(
    (id) => Number(document.querySelector('[data-test="present"]')?.dataset.promptId) !== id,
    promptId,
  );
  await page.locator('[data-test="present-title"]').waitFor();
  assert.notEqual(Number(await page.locator('[data-test="present"]').getAttribute('data-prompt-id')), promptId);
  await shot(page, '05-present-phone-next');

  // The teacher's own record lists the talk.
  await page.goto(`${BASE_URL}/prompts/history`);
  await page.locator(`[data-test="delivery-item"][data-prompt-id="${promptId}"]`).first().waitFor();
  await shot(page, '05-history-phone');
  await page.context().close();
});

test("the school admin's coverage view shows the talk, and a college admin sees their college only", async () => {
  assert.ok(logged, 'the projector test logged a talk');
  const page = await newPage(browser, { width: 1366, height: 900 });
  await signIn(page, SCHOOL_ADMIN.username, SCHOOL_ADMIN.password);
  await page.goto(`${BASE_URL}/prompts/coverage`);
  const row = page.locator(`[data-test="coverage-class"][data-class-id="${logged.classId}"]`);
  await row.waitFor();
  assert.ok(Number(await row.getAttribute('data-deliveries')) >= 1, `${logged.className} counts the talk this week`);
  await page.locator(`[data-test="delivery-item"][data-prompt-id="${logged.promptId}"]`).first().waitFor();
  assert.match(await page.locator('[data-test="coverage-week"]').innerText(), /本周/);
  const reached = await page.locator('[data-test="coverage-reached"]').innerText();
  assert.match(reached, /^\d+ \/ \d+$/);
  assert.ok(Number(reached.split('/')[0]) >= 2, 'both of the teacher’s classes were reached');
  await page.locator('[data-test="coverage-trend"]').waitFor();
  await shot(page, '05-coverage-school');
  await page.context().close();

  const phone = await newPage(browser, PHONE);
  await signIn(phone, COLLEGE_ADMIN.username, COLLEGE_ADMIN.password);
  await phone.goto(`${BASE_URL}/prompts/coverage`);
  await phone.locator('[data-test="coverage-colleges"] tbody tr').first().waitFor();
  const colleges = await phone.locator('[data-test="coverage-colleges"] tbody tr').allInnerTexts();
  assert.equal(colleges.length, 1);
  assert.match(colleges[0], /信息工程学院/);
  await shot(phone, '05-coverage-college-phone');
  await phone.context().close();
});

test('the school admin imports prompts from a spreadsheet: a bad row is named and nothing is written until it is fixed', async () => {
  const HEADER =
    '标题,诈骗类型,案例,预警信号,应对做法,一句话提醒,讲解要点,互动提问,参考答案,标签,来源类型,来源,来源日期,有效期至';
  const stamp = Date.now().toString(36);
  const line = (title, type) =>
    `${title},${type},"某同学在游戏群里看到低价出售稀有皮肤，对方要求脱离平台私下交易，付款后即被拉黑。","脱离平台私下交易\n价格远低于市价","只在官方平台交易；不私下转账","低价皮肤私下卖，付了钱就拉黑。","强调：离开平台就没有担保\n问：为什么卖家急着加微信？","卖家说“平台手续费高，加微信便宜”，你怎么办？","不加，只在平台内担保交易。",游戏交易,综合编写,,,`;
  const csv = (rows) => Buffer.from(`\ufeff${[HEADER, ...rows].join('\r\n')}\r\n`, 'utf8');
  const good = line(`低价皮肤陷阱 ${stamp}`, '网络游戏产品虚假交易');
  const bad = line(`代练返现陷阱 ${stamp}`, '游戏诈骗');

  const page = await newPage(browser, { width: 1366, height: 900 });
  await signIn(page, SCHOOL_ADMIN.username, SCHOOL_ADMIN.password);
  await page.goto(`${BASE_URL}/prompts/library`);
  await page.locator('[data-test="prompt-table"]').waitFor();
  await shot(page, '05-library-admin');

  await page.locator('[data-test="prompt-import"]').click();
  await page
    .locator('[data-test="prompt-import-file"]')
    .setInputFiles({ name: '提示.csv', mimeType: 'text/csv', buffer: csv([good, bad]) });
  await page.locator('[data-test="prompt-import-dry-run"]').click();
  await page.locator('[data-test="prompt-import-rejected"]').waitFor();
  const issues = await page.locator('[data-test="prompt-import-issues"]').innerText();
  assert.match(issues, /3\s+诈骗类型\s+「游戏诈骗」不是已知的诈骗类型/);
  await shot(page, '05-library-import-error');

  await page
    .locator('[data-test="prompt-import-file"]')
    .setInputFiles({ name: '提示.csv', mimeType: 'text/csv', buffer: csv([good]) });
  await page.locator('[data-test="prompt-import-dry-run"]').click();
  await page.locator('[data-test="prompt-import-confirm"]').click();
  await page.locator('[data-test="prompt-import-done"]').waitFor();
  await page.keyboard.press('Escape');
  await page.locator('[data-test="prompt-filter-q"] input, input[data-test="prompt-filter-q"]').first().fill(stamp);
  // Both titles carry the stamp: the search finds only the good row, the bad one was never written.
  await page.waitForFunction(
    () => document.querySelector('[data-test="prompt-total"]')?.textContent?.trim() === '共 1 条',
  );
  await page.locator('[data-test="prompt-table"]').getByText(`低价皮肤陷阱 ${stamp}`).waitFor();
  await page.locator('[data-test="prompt-table"]').getByText(`低价皮肤陷阱 ${stamp}`).click();
  await page.locator('[data-test="prompt-details"]').waitFor();
  assert.match(await page.locator('[data-test="prompt-details-points"]').innerText(), /离开平台就没有担保/);
  assert.match(
    await page.locator('[data-test="prompt-details-source"]').innerText(),
    /^综合典型案情编写（人物、金额为虚构）$/,
  );
  await shot(page, '05-library-imported');
  await page.context().close();
});

test('the presentation at 1920×1080 shows the teacher the 讲解要点 and ends on the 互动提问, whose answer waits for a key', async () => {
  const admin = (await api('POST', '/auth/login', null, SCHOOL_ADMIN)).token;
  const stamp = Date.now().toString(36);
  const made = await api('POST', '/prompts', admin, {
    title: `“客服”来电说要退款 ${stamp}`,
    story:
      '大一学生小林接到自称某购物平台客服的电话，对方准确报出她上周买的台灯订单号，说商品质检不合格，可以三倍赔付。对方让她下载一个会议软件、打开屏幕共享“指导操作”，又说赔付要先“验证账户流水”，让她在借贷平台借出五千元转到“赔付专用账户”。小林想起课前老师讲的案例，挂断电话，自己打开购物 App 查询，发现订单一切正常，也没有任何赔付记录。',
    warningSigns: ['主动来电说要赔付或退款', '要求下载会议软件、开启屏幕共享', '要先借钱或转账“验证流水”'],
    actions: [
      '挂断电话，自己打开官方 App 查询订单',
      '绝不开启屏幕共享，不透露验证码',
      '拿不准时拨打 96110 咨询，已被骗立即拨打 110 报警',
    ],
    takeaway: '真正的退款原路退回，从不需要你先转账。',
    fraudType: 'fake_customer_service',
    tags: ['冒充客服', '屏幕共享'],
    teachingPoints: [
      '先问学生：对方为什么知道订单号？说明信息可能已泄露，报得准不等于是真客服。',
      '强调屏幕共享的危险：对方能看到验证码和银行卡信息。',
      '退款只会原路退回，任何“先转账再赔付”都是诈骗。',
    ],
    discussion: {
      question: '如果“客服”说不开屏幕共享就没法退款，你会怎么做？',
      answer: '直接挂断，自己打开购物 App 或拨打 App 内公布的客服电话核实；真正的退款原路退回，不需要共享屏幕。',
    },
    sourceKind: 'composite',
  });
  assert.equal(made.source, '综合典型案情编写（人物、金额为虚构）');
  assert.equal(made.sourceDate, null);

  const page = await newPage(browser, PROJECTOR);
  await signIn(page, SCHOOL_ADMIN.username, SCHOOL_ADMIN.password);
  await page.goto(`${BASE_URL}/present/prompts/${made.id}`);
  await page.locator('[data-test="present-title"]').waitFor();
  // A preview is the teacher's own screen: the notes are open.
  const notes = page.locator('[data-test="present-notes"]');
  await notes.waitFor();
  assert.match(await notes.innerText(), /讲解要点/);
  assert.match(await notes.innerText(), /报得准不等于是真客服/);
  const notesSize = await notes.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  const storySize = await page.locator('.present__story').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  assert.ok(notesSize < storySize / 1.5, `the notes are small beside the slide (${notesSize}px vs ${storySize}px)`);
  await shot(page, '05-present-notes-story');
  await page.keyboard.press('n');
  await notes.waitFor({ state: 'detached' });
  await page.locator('[data-test="present-notes-toggle"]').click();
  await notes.waitFor();

  await page.keyboard.press('End');
  assert.equal(await slideOf(page), 4, 'the 互动提问 is the fifth and last slide');
  await page.locator('[data-test="present-slide-discussion"]').waitFor();
  assert.match(await page.locator('[data-test="present-question"]').innerText(), /不开屏幕共享就没法退款/);
  assert.equal(await page.locator('[data-test="present-answer"]').count(), 0, 'the answer is hidden at first');
  await shot(page, '05-present-discussion-question');
  await page.keyboard.press('a');
  await page.locator('[data-test="present-answer"]').waitFor();
  assert.match(await page.locator('[data-test="present-answer"]').innerText(), /原路退回/);
  await page.keyboard.press('n');
  await notes.waitFor({ state: 'detached' });
  await shot(page, '05-present-discussion-answer');
  await page.keyboard.press('a');
  await page.locator('[data-test="present-answer"]').waitFor({ state: 'detached' });
  await page.locator('[data-test="present-reveal"]').click();
  await page.locator('[data-test="present-answer"]').waitFor();
  await page.keyboard.press('PageUp');
  await page.keyboard.press('PageDown');
  assert.equal(
    await page.locator('[data-test="present-answer"]').count(),
    0,
    'coming back, the answer is hidden again',
  );

  // The editor carries the new fields and the source kind.
  await page.goto(`${BASE_URL}/prompts/library`);
  await page.locator('[data-test="prompt-filter-q"] input, input[data-test="prompt-filter-q"]').first().fill(stamp);
  await page.waitForFunction(
    () => document.querySelector('[data-test="prompt-total"]')?.textContent?.trim() === '共 1 条',
  );
  await page.locator('[data-test="prompt-edit"]').first().click();
  await page.locator('[data-test="prompt-form"]').waitFor();
  assert.match(
    await page
      .locator('textarea[data-test="prompt-teaching-points"], [data-test="prompt-teaching-points"] textarea')
      .first()
      .inputValue(),
    /屏幕共享的危险/,
  );
  assert.match(await page.locator('[data-test="prompt-source-label"]').innerText(), /综合典型案情编写/);
  assert.match(await page.locator('[data-test="prompt-length"]').innerText(), /共 \d+ 字/);
  await settle(page);
  await shot(page, '05-library-editor');
  await page.context().close();
});
