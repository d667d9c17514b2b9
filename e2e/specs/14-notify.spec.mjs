// Group robots (issue 15 §3): a school admin adds a 企业微信 robot, test-sends to it, and reads the
// delivery log: an urgent alert delivered, and a robot that refuses shown with the receiver's own
// error, waiting to be retried. The robots point at a receiver this spec runs on loopback
// (NOTIFY_RELAY_HOSTS=127.0.0.1 in run.mjs stands for an intranet relay); the spec removes them after.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import { BASE_URL, launch, login, newPage, settled, shot, waitUntil } from '../support/browser.mjs';
import { api } from '../support/api.mjs';

const SCHOOL_ADMIN = { username: 'xsc01', password: 'Fangpian-Demo-26' };
const TAG = String(Date.now()).slice(-6);
const VIEWPORT = { width: 1440, height: 900 };

/** What the robots received, by path: /ok answers like 企业微信, /bad refuses like a wrong key. */
const received = [];
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    received.push({ path: req.url, body: JSON.parse(body) });
    const ok = req.url.startsWith('/ok/');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(ok ? { errcode: 0, errmsg: 'ok' } : { errcode: 93000, errmsg: 'invalid webhook url' }));
  });
});

let browser;
let token;
let origin;
const alerts = [];

before(async () => {
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${receiver.address().port}`;
  browser = await launch();
  token = (await api('POST', '/auth/login', null, SCHOOL_ADMIN)).token;
});

after(async () => {
  for (const id of alerts) await api('POST', `/alerts/${id}/withdraw`, token).catch(() => undefined);
  for (const c of await api('GET', '/notify/channels', token).catch(() => []))
    if (c.name.endsWith(TAG)) await api('DELETE', `/notify/channels/${c.id}`, token).catch(() => undefined);
  await browser?.close();
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

test('a school admin connects a robot, test-sends, and sees each delivery with its status', async () => {
  const page = await newPage(browser, VIEWPORT);
  await login(page, SCHOOL_ADMIN.username, SCHOOL_ADMIN.password);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.goto(`${BASE_URL}/notify`);

  await page.locator('[data-test="channel-add"]').click();
  const dialog = page.locator('[data-test="channel-dialog"]');
  await dialog.waitFor();
  await page.locator('input[data-test="channel-name"]').fill(`保卫处值班群${TAG}`);
  await page
    .locator('input[data-test="channel-webhook"]')
    .fill(`${origin}/ok/cgi-bin/webhook/send?key=e2e-key-${TAG}-0123456789`);
  await page.locator('[data-test="channel-save"]').click();
  const row = page.locator('[data-test="channel-table"] .el-table__row', { hasText: `保卫处值班群${TAG}` });
  await row.waitFor();
  // The key is masked in the list.
  assert.doesNotMatch(await row.innerText(), new RegExp(`e2e-key-${TAG}-0123456789`));

  await row.locator('[data-test="channel-test"]').click();
  await page.locator('.el-message--success', { hasText: '测试消息已送达' }).waitFor();
  assert.equal(received.length, 1);
  assert.equal(received[0].body.msgtype, 'markdown');
  assert.match(received[0].body.markdown.content, /^### 校园反诈平台：测试消息/);

  // A second robot whose platform refuses (a wrong key): its test shows the receiver's error.
  const bad = await api('POST', '/notify/channels', token, {
    collegeId: null,
    platform: 'wecom',
    name: `学生处通知群${TAG}`,
    webhookUrl: `${origin}/bad/cgi-bin/webhook/send?key=wrong-key-${TAG}`,
    enabled: true,
  });
  const refused = await api('POST', `/notify/channels/${bad.id}/test`, token);
  assert.equal(refused.status, 'pending');
  assert.equal(refused.lastError, '错误码 93000：invalid webhook url');

  // An urgent alert to every college: the worker delivers it to the working robot in the background.
  const alert = await api('POST', '/alerts', token, {
    title: `紧急：冒充公检法“安全账户”${TAG}`,
    content: '公检法机关不会电话办案，更没有“安全账户”。请立即挂断，拨打 96110 核实。',
    level: 'urgent',
    audience: { roles: ['college_admin', 'school_admin'] },
  });
  alerts.push(alert.id);
  await waitUntil(
    () =>
      received.some(
        (r) =>
          r.path.startsWith('/ok/') &&
          r.body.markdown.content.includes(TAG) &&
          r.body.markdown.content.includes('紧急警示'),
      ),
    {
      timeout: 20_000,
      message: 'the urgent alert reached the robot',
    },
  );

  await page.getByRole('tab', { name: '发送记录' }).click();
  const table = page.locator('[data-test="delivery-table"]');
  await waitUntil(
    async () => {
      await page.locator('[data-test="delivery-refresh"]').click();
      const text = await table.innerText();
      return (
        text.includes(`紧急：冒充公检法“安全账户”${TAG}`) && text.includes('已送达') && text.includes('错误码 93000')
      );
    },
    { timeout: 20_000, message: 'the delivery log shows the alert delivered and the refused test' },
  );
  const failedRow = table.locator('.el-table__row', { hasText: `学生处通知群${TAG}` }).first();
  await failedRow.locator('[data-test="delivery-retry"]').waitFor();
  // Element Plus may leave two masks fading out at once: wait until none is visible.
  await waitUntil(async () => (await table.locator('.el-loading-mask:visible').count()) === 0, {
    message: 'the delivery table to finish loading',
  });
  await settled(page);
  await shot(page, 'notify-deliveries');
  await page.context().close();
});
