// A school admin fills in 学校信息设置 (the demo's 示例职业技术学院 at first): a bad phone number is
// refused on the field itself, a good one saved; the freshman then finds the new school name and
// 保卫处 phone in the letter to freshmen on a phone, and the admin sees them in the letter editor's
// preview — the letter itself keeps its placeholders.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE_URL, DESKTOP, PHONE, launch, login, newPage, shot } from '../support/browser.mjs';
import { DEMO_FRESHMAN, DEMO_PASSWORD, FRESHMAN_YEAR } from '../support/demo.mjs';
import { api } from '../support/api.mjs';

const ADMIN = { username: 'xsc01', password: DEMO_PASSWORD };
const NEW_NAME = `浙东示范职业学院${String(Date.now()).slice(-4)}`;
const NEW_PHONE = '0574-87651110';

let browser;
let adminToken;
let original;

before(async () => {
  browser = await launch();
  adminToken = (await api('POST', '/auth/login', null, ADMIN)).token;
  original = await api('GET', '/school-settings', adminToken);
  // Another journey may have rewritten this year's letter: make sure it names the school by placeholder.
  const letter = (await api('GET', '/letters', adminToken)).find((l) => l.enrollmentYear === FRESHMAN_YEAR);
  if (!letter.html.includes('{{学校名称}}')) {
    await api('PUT', `/letters/${letter.id}`, adminToken, {
      enrollmentYear: letter.enrollmentYear,
      title: letter.title,
      html: `<p>欢迎来到{{学校名称}}！保卫处 24 小时电话 {{保卫处电话}}。</p>${letter.html}`,
    });
  }
});

after(async () => {
  if (original?.configured) {
    const fields = [
      'name',
      'shortName',
      'securityPhone',
      'studentAffairsPhone',
      'paymentChannel',
      'freshmanGroupNotice',
      'website',
    ];
    const input = Object.fromEntries(fields.map((field) => [field, original[field]]));
    await api('PUT', '/school-settings', adminToken, input).catch(() => undefined);
  }
  await browser?.close();
});

test('a school admin corrects a refused phone number and saves a new school name', async () => {
  const page = await newPage(browser, DESKTOP);
  await login(page, ADMIN.username, ADMIN.password);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.goto(`${BASE_URL}/school-settings`);
  const name = page.locator('[data-test="school-name"] input, input[data-test="school-name"]').first();
  await name.waitFor();
  assert.equal(await name.inputValue(), original.name);

  await name.fill(NEW_NAME);
  const phone = page.locator('[data-test="school-security-phone"] input, input[data-test="school-security-phone"]');
  await phone.first().fill('请打110');
  await page.locator('[data-test="school-save"]').click();
  const phoneItem = page.locator('.el-form-item', { has: phone.first() });
  await phoneItem.locator('.el-form-item__error').waitFor();
  assert.match(await phoneItem.locator('.el-form-item__error').innerText(), /电话号码/);
  await shot(page, '09-school-settings-refused-phone');
  const unchanged = await api('GET', '/school-settings', adminToken);
  assert.equal(unchanged.name, original.name, 'nothing saved while a field is wrong');

  await phone.first().fill(NEW_PHONE);
  await page.locator('[data-test="school-save"]').click();
  await page.locator('.el-message--success').waitFor();
  // The error leaves through a zoom transition: wait for it to go rather than count it mid-animation.
  await phoneItem.locator('.el-form-item__error').waitFor({ state: 'detached', timeout: 3000 });
  const saved = await api('GET', '/school-settings', adminToken);
  assert.equal(saved.name, NEW_NAME);
  assert.equal(saved.securityPhone, NEW_PHONE);
  await shot(page, '09-school-settings-saved');

  await page.goto(`${BASE_URL}/course-admin/letters`);
  await page.locator(`[data-test="letter-item"][data-year="${FRESHMAN_YEAR}"]`).click();
  await page.locator('.el-collapse-item__header', { hasText: '已保存版本' }).click();
  const preview = page.locator('[data-test="letter-preview"]');
  await preview.waitFor();
  assert.match(await preview.innerText(), new RegExp(NEW_NAME));
  await shot(page, '09-letter-editor-preview');
  await page.context().close();
});

test('the freshman reads the new school name and 保卫处 phone in the letter on a phone', async () => {
  const page = await newPage(browser, PHONE);
  await login(page, DEMO_FRESHMAN, DEMO_PASSWORD);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.goto(`${BASE_URL}/letter`);
  const body = page.locator('[data-test="letter-body"]');
  await body.waitFor();
  const text = await body.innerText();
  assert.match(text, new RegExp(NEW_NAME));
  assert.match(text, new RegExp(NEW_PHONE));
  assert.doesNotMatch(text, /\{\{|示例职业技术学院/);
  await shot(page, '09-phone-letter-school');
  await page.context().close();
});
