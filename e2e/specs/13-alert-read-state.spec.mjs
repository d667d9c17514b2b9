// Alert read state (issue 14 §4): a college admin told about unread alerts after signing in opens one
// from the notice and it counts as read; the notice does not come back at the next sign-in for
// alerts already shown. A student who acknowledged an urgent alert is not stopped by it again when
// signing in on another device. The spec makes its own college for the student and its own alerts.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE_URL, DESKTOP, PHONE, launch, login, newPage, shot } from '../support/browser.mjs';
import { FRESHMAN_YEAR } from '../support/demo.mjs';
import { api, firstSignIn, importRoster } from '../support/api.mjs';

const SCHOOL_ADMIN = { username: 'xsc01', password: 'Fangpian-Demo-26' };
const COLLEGE_ADMIN = { username: 'xy01', password: 'Fangpian-Demo-26' }; // 信息工程学院
const TAG = String(Date.now()).slice(-7);
const STUDENT = { username: `R${TAG}1`, password: 'Read-State-84m' };
const INITIAL_PASSWORD = 'Roster-Init-58q';
const COLLEGE = `提醒测试学院${TAG}`;

/** Signs in and resolves once the app has fetched the person's alerts (what the notice and the gate decide on). */
async function signInAndLoadAlerts(page, who) {
  const alertsLoaded = page.waitForResponse((r) => r.url().includes('/api/my/alerts') && r.status() === 200);
  await login(page, who.username, who.password);
  await alertsLoaded;
  // The dialogs open on the next render after the answer.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

async function signOut(page) {
  await page.evaluate(() => localStorage.removeItem('campus-antifraud.session'));
  await page.goto(`${BASE_URL}/login`);
}

let browser;
let adminToken;
const published = [];

before(async () => {
  browser = await launch();
  adminToken = (await api('POST', '/auth/login', null, SCHOOL_ADMIN)).token;
  await importRoster(adminToken, [
    `${STUDENT.username},提醒学生,学生,${COLLEGE},提醒测试班${TAG},${FRESHMAN_YEAR},${INITIAL_PASSWORD}`,
  ]);
  await firstSignIn(STUDENT.username, INITIAL_PASSWORD, STUDENT.password);
});

after(async () => {
  for (const id of published) await api('POST', `/alerts/${id}/withdraw`, adminToken).catch(() => undefined);
  await browser?.close();
});

test('a college admin opens an alert from the unread notice: it is read, and the notice does not come back', async () => {
  const colleges = await api('GET', '/colleges', adminToken);
  const info = colleges.find((c) => c.name === '信息工程学院');
  for (const [title, level] of [
    [`预警：校园贷“注销账户”骗局 ${TAG}`, 'warning'],
    [`提示：冒充辅导员收取资料费 ${TAG}`, 'info'],
  ]) {
    const alert = await api('POST', '/alerts', adminToken, {
      title,
      content: '近期有人冒充客服要求“注销校园贷账户”，诱导学生贷款转账。请提醒学生：注销账户不需要转账。',
      level,
      audience: { roles: ['college_admin'], collegeIds: [info.id] },
    });
    published.push(alert.id);
  }
  const [readOne, leftOne] = published;

  const page = await newPage(browser, DESKTOP);
  await signInAndLoadAlerts(page, COLLEGE_ADMIN);
  const notice = page.locator('[data-test="unread-notice"]');
  await notice.waitFor();
  await shot(page, 'alert-read-notice');
  await notice.locator('[data-test="unread-notice-item"]', { hasText: `校园贷“注销账户”骗局 ${TAG}` }).click();
  await page.waitForURL(/\/alerts\?open=\d+/);
  const opened = page.locator(`[data-alert-id="${readOne}"]`);
  await opened.locator('.item__meta', { hasText: '已读' }).waitFor();
  assert.equal(await opened.locator('.item__head').getAttribute('aria-expanded'), 'true');
  await shot(page, 'alert-read-opened');

  const token = await page.evaluate(() => JSON.parse(localStorage.getItem('campus-antifraud.session')).token);
  const mine = await api('GET', '/my/alerts', token);
  assert.ok(mine.find((a) => a.id === readOne).readAt, 'the alert opened in full is read');
  assert.equal(mine.find((a) => a.id === leftOne).readAt, null, 'the other one stays unread');

  // Next sign-in on this computer: the other alert is still unread, but the notice already told of it.
  await signOut(page);
  await signInAndLoadAlerts(page, COLLEGE_ADMIN);
  assert.equal(await notice.isVisible(), false, 'the notice does not come back for alerts it has shown');
  await page.goto(`${BASE_URL}/alerts`);
  await page.locator('[data-test="my-alerts-unread"]', { hasText: '1 条未读' }).waitFor();

  // A new alert brings the notice back.
  const fresh = await api('POST', '/alerts', adminToken, {
    title: `提示：新的刷单返利套路 ${TAG}`,
    content: '“点赞返现”“做任务赚佣金”都是刷单诈骗的开场白。',
    level: 'info',
    audience: { roles: ['college_admin'], collegeIds: [info.id] },
  });
  published.push(fresh.id);
  await signOut(page);
  await signInAndLoadAlerts(page, COLLEGE_ADMIN);
  await notice.waitFor();
  assert.match(await notice.innerText(), /新的刷单返利套路/);
  await page.getByRole('button', { name: '稍后再看' }).click();
  await notice.waitFor({ state: 'hidden' });
  await page.context().close();
});

test('a student who acknowledged an urgent alert is not stopped by it again on another device', async () => {
  const college = (await api('GET', '/colleges', adminToken)).find((c) => c.name === COLLEGE);
  const urgent = await api('POST', '/alerts', adminToken, {
    title: `紧急：冒充公检法“安全账户” ${TAG}`,
    content: '公检法机关不会电话办案，更没有“安全账户”。请立即挂断，拨打 96110 核实。',
    level: 'urgent',
    audience: { collegeIds: [college.id] },
  });
  published.push(urgent.id);

  const phone = await newPage(browser, PHONE);
  await signInAndLoadAlerts(phone, STUDENT);
  await phone.locator('[data-test="urgent-alert"]').waitFor();
  await phone.locator('[data-test="urgent-ack"]').click();
  await phone.locator('[data-test="urgent-alert"]').waitFor({ state: 'hidden' });
  await phone.context().close();

  // Another phone (nothing remembered locally): the server knows it was acknowledged.
  const other = await newPage(browser, PHONE);
  await signInAndLoadAlerts(other, STUDENT);
  assert.equal(await other.locator('[data-test="urgent-alert"]').isVisible(), false);
  const token = await other.evaluate(() => JSON.parse(localStorage.getItem('campus-antifraud.session')).token);
  const exams = await fetch(`${BASE_URL}/api/my/exams`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(exams.status, 200, 'nothing is held back any more');
  await shot(other, 'alert-read-student-after-ack');
  await other.context().close();
});
