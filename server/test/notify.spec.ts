import { createHmac } from 'node:crypto';
import type {
  AlertDto,
  CollegeDto,
  ExamReminderResult,
  NotifyChannelDto,
  NotifyDeliveryDto,
  Page,
} from '@campus/shared';
import { Clock } from '../src/common/clock/clock';
import { AppConfig } from '../src/config/app-config';
import { Sql } from '../src/database/sql';
import { NotifyOutbox } from '../src/modules/notify/notify-outbox.entity';
import { MAX_ATTEMPTS, NotifyWorker } from '../src/modules/notify/notify-worker';
import { ReportOverdueNotifier } from '../src/modules/reports/report-overdue.notifier';
import { WeeklyReportService } from '../src/modules/weekly-report/weekly-report.service';
import { TestApp } from './harness';
import { enrolStudents } from './factories/exam.factory';
import { collegeAdmin, student } from './factories/roster.factory';
import { testClock, type TestClock } from './support/test-clock';
import { WebhookReceiver } from './support/webhook-receiver';

const PUBLIC_URL = 'https://fzxx.example.edu.cn';

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
const WECOM_OK = { errcode: 0, errmsg: 'ok' };
const FEISHU_OK = { code: 0, msg: 'success', data: {} };

describe('group robots (企业微信 / 钉钉 / 飞书) and the outbox', () => {
  let t: TestApp;
  let clock: TestClock;
  let receiver: WebhookReceiver;
  let worker: NotifyWorker;
  let admin: string;
  let tokens: Record<string, string>;
  let collegeA: number;
  let collegeB: number;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    t = await TestApp.start({
      NOTIFY_WORKER: 'false',
      NOTIFY_RELAY_HOSTS: '127.0.0.1',
      // Long enough for a loaded 2-core machine; the hang test waits it out once.
      NOTIFY_TIMEOUT_MS: '2000',
      PUBLIC_URL,
    });
    clock = testClock(t);
    worker = t.get(NotifyWorker);
    admin = await t.adminToken();
    tokens = await enrolStudents(t, admin, [
      student('2025610101', '甲院张三', '推送甲学院', '推送甲2025-1班'),
      student('2025610102', '甲院李四', '推送甲学院', '推送甲2025-2班'),
      student('2025620101', '乙院王五', '推送乙学院', '推送乙2025-1班'),
      collegeAdmin('XY6101', '甲院管理员', '推送甲学院'),
      collegeAdmin('XY6201', '乙院管理员', '推送乙学院'),
    ]);
    const colleges = (await t.request<CollegeDto[]>('GET', '/api/colleges', { token: admin })).body;
    collegeA = colleges.find((c) => c.name === '推送甲学院')!.id;
    collegeB = colleges.find((c) => c.name === '推送乙学院')!.id;
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  beforeEach(async () => {
    // Each test starts with no robots and an empty outbox, and a receiver that answers like the platform.
    await t.dataSource.query('DELETE FROM notify_outbox');
    await t.dataSource.query('DELETE FROM notify_channel');
    receiver.requests.length = 0;
    receiver.behaviour = (r) => ({ status: 200, body: r.url.pathname.includes('/open-apis/') ? FEISHU_OK : WECOM_OK });
  });

  const addChannel = async (
    body: Partial<{ collegeId: number | null; platform: string; name: string; webhookUrl: string; secret: string }>,
    token = admin,
  ) =>
    t.request<NotifyChannelDto & { message?: string; errors?: Array<{ field: string }> }>(
      'POST',
      '/api/notify/channels',
      {
        token,
        body: { collegeId: null, platform: 'wecom', name: '测试群', enabled: true, ...body },
      },
    );
  const channel = async (
    path: string,
    body: Partial<{ collegeId: number | null; platform: string; secret: string; name: string }> = {},
  ): Promise<NotifyChannelDto> => {
    const platform = body.platform ?? 'wecom';
    const url =
      platform === 'wecom'
        ? `${receiver.origin}${path}/cgi-bin/webhook/send?key=wecom-key-0123456789`
        : platform === 'dingtalk'
          ? `${receiver.origin}${path}/robot/send?access_token=ding-token-0123456789abcdef`
          : `${receiver.origin}${path}/open-apis/bot/v2/hook/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0`;
    const res = await addChannel({ ...body, platform, webhookUrl: url });
    if (res.status !== 201) throw new Error(`channel: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const outboxRows = () => t.dataSource.getRepository(NotifyOutbox).find({ order: { id: 'ASC' } });
  const deliveries = async (token = admin, query = '') =>
    (await t.request<Page<NotifyDeliveryDto>>('GET', `/api/notify/deliveries?pageSize=100${query}`, { token })).body;
  const publishUrgent = async (collegeIds: number[], extra: Record<string, unknown> = {}) => {
    const res = await t.request<AlertDto>('POST', '/api/alerts', {
      token: admin,
      body: {
        title: '冒充公检法诈骗预警',
        content: '有人冒充警察称你涉嫌洗钱。\n公检法不会电话办案，请立即挂断。',
        level: 'urgent',
        audience: { collegeIds },
        ...extra,
      },
    });
    if (res.status !== 201) throw new Error(`alert: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  describe('robot settings', () => {
    it("refuses webhook addresses that are not the platform's own https address", async () => {
      const cases: Array<[string, string]> = [
        ['wecom', 'http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx'],
        ['wecom', 'https://evil.example.com/cgi-bin/webhook/send?key=693a91f6-7xxx'],
        ['wecom', 'https://qyapi.weixin.qq.com/cgi-bin/other?key=693a91f6-7xxx'],
        ['wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send'],
        ['dingtalk', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx'],
        ['dingtalk', 'https://user:pw@oapi.dingtalk.com/robot/send?access_token=abcdef0123456789'],
        ['feishu', 'https://open.feishu.cn/open-apis/bot/v2/hook/'],
        ['feishu', 'not a url'],
        ['wecom', 'http://10.1.2.3:8080/relay?key=0123456789'],
      ];
      for (const [platform, webhookUrl] of cases) {
        const res = await addChannel({ platform, webhookUrl });
        expect({ webhookUrl, status: res.status }).toEqual({ webhookUrl, status: 400 });
        expect(res.body.errors?.[0]?.field).toBe('webhookUrl');
      }
      for (const [platform, webhookUrl] of [
        ['wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7aoc-4bc4-97a0-0ec2sifa5aaa'],
        ['dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token=50cb6e954c89afa14fb97754eafd886d'],
        ['feishu', 'https://open.feishu.cn/open-apis/bot/v2/hook/5e3d587e-d78e-4a07-bd07-265f269f86fd'],
        // NOTIFY_RELAY_HOSTS lists 127.0.0.1: an intranet relay, any path, http allowed.
        ['wecom', `${receiver.origin}/relay/anything?key=0123456789`],
      ]) {
        expect((await addChannel({ platform, webhookUrl })).status).toBe(201);
      }
      // 企业微信 robots do not sign: a secret is a mistake worth telling.
      const wecomSecret = await addChannel({
        webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7aoc-4bc4',
        secret: 'SECabc',
      });
      expect(wecomSecret.status).toBe(400);
      expect(wecomSecret.body.errors?.[0]?.field).toBe('secret');
    });

    it('never sends the webhook key or the signing secret back in full', async () => {
      const token = '50cb6e954c89afa14fb97754eafd886d658fcda27d05015a26b474e7bd2f0a59';
      const secret = 'SEC5a3ecf88f2b3eb50db30ecfc00f53033ac909c99bf7f88fd612bda89d7f3a9dc';
      const created = await addChannel({
        platform: 'dingtalk',
        webhookUrl: `https://oapi.dingtalk.com/robot/send?access_token=${token}`,
        secret,
      });
      expect(created.status).toBe(201);
      const list = await t.request<NotifyChannelDto[]>('GET', '/api/notify/channels', { token: admin });
      for (const raw of [JSON.stringify(created.body), list.raw.toString('utf8')]) {
        expect(raw).not.toContain(token);
        expect(raw).not.toContain(secret);
        expect(raw).not.toContain(secret.slice(0, 12));
      }
      expect(list.body[0]).toMatchObject({
        webhookMasked: 'https://oapi.dingtalk.com/robot/send?access_token=50cb…0a59',
        hasSecret: true,
        secretHint: '…a9dc',
      });
      // Editing the name keeps the stored address and secret; an empty secret removes it.
      const kept = await t.request<NotifyChannelDto>('PUT', `/api/notify/channels/${created.body.id}`, {
        token: admin,
        body: { collegeId: null, platform: 'dingtalk', name: '保卫处值班群', enabled: true },
      });
      expect(kept.body).toMatchObject({
        name: '保卫处值班群',
        hasSecret: true,
        webhookMasked: list.body[0]!.webhookMasked,
      });
      const cleared = await t.request<NotifyChannelDto>('PUT', `/api/notify/channels/${created.body.id}`, {
        token: admin,
        body: { collegeId: null, platform: 'dingtalk', name: '保卫处值班群', enabled: true, secret: '' },
      });
      expect(cleared.body.hasSecret).toBe(false);
    });

    it("lets a college admin keep only their own college's robots", async () => {
      const own = await addChannel(
        { collegeId: collegeA, webhookUrl: `${receiver.origin}/a/cgi-bin/webhook/send?key=0123456789` },
        tokens.XY6101,
      );
      expect(own.status).toBe(201);
      expect(own.body.scopeName).toBe('推送甲学院');
      const other = await addChannel(
        { collegeId: collegeB, webhookUrl: `${receiver.origin}/b/cgi-bin/webhook/send?key=0123456789` },
        tokens.XY6101,
      );
      expect(other.status).toBe(403);
      const school = await addChannel(
        { collegeId: null, webhookUrl: `${receiver.origin}/s/cgi-bin/webhook/send?key=0123456789` },
        tokens.XY6101,
      );
      expect(school.status).toBe(403);
      const bChannel = await channel('/b', { collegeId: collegeB });
      const seen = await t.request<NotifyChannelDto[]>('GET', '/api/notify/channels', { token: tokens.XY6101! });
      expect(seen.body.map((c) => c.id)).toEqual([own.body.id]);
      expect(
        (await t.request('POST', `/api/notify/channels/${bChannel.id}/test`, { token: tokens.XY6101! })).status,
      ).toBe(404);
      expect((await t.request('DELETE', `/api/notify/channels/${bChannel.id}`, { token: tokens.XY6101! })).status).toBe(
        404,
      );
      // A student has no business here at all.
      expect((await t.request('GET', '/api/notify/channels', { token: tokens['2025610101'] })).status).toBe(403);
    });
  });

  describe('each platform’s exact payload and signature', () => {
    it('posts 企业微信 a markdown message to the webhook as given, unsigned', async () => {
      const robot = await channel('/wecom', { collegeId: collegeA, name: '甲院辅导员群' });
      const res = await t.request<NotifyDeliveryDto>('POST', `/api/notify/channels/${robot.id}/test`, { token: admin });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'delivered', attempts: 1, lastError: null, kind: 'test' });
      expect(receiver.requests).toHaveLength(1);
      const request = receiver.requests[0]!;
      expect(request.method).toBe('POST');
      expect(request.url.pathname).toBe('/wecom/cgi-bin/webhook/send');
      expect([...request.url.searchParams.keys()]).toEqual(['key']);
      expect(request.url.searchParams.get('key')).toBe('wecom-key-0123456789');
      expect(request.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(request.body).toEqual({
        msgtype: 'markdown',
        markdown: {
          content: [
            '### 校园反诈平台：测试消息',
            '这是一条测试消息：「甲院辅导员群」已与校园反诈学习考试平台连通。',
            '此后紧急警示、周五通报、报送逾期和催考提醒会发到这个群。',
            `[打开平台](${PUBLIC_URL}/)`,
          ].join('\n\n'),
        },
      });
    });

    it('signs 钉钉 requests: timestamp (ms) and sign = urlEncode(base64(HmacSHA256(secret, timestamp + "\\n" + secret)))', async () => {
      const secret = 'SEC1f0c9d4ab55e7c2c1d9e0a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f';
      const robot = await channel('/ding', { platform: 'dingtalk', secret, name: '保卫处群' });
      const res = await t.request<NotifyDeliveryDto>('POST', `/api/notify/channels/${robot.id}/test`, { token: admin });
      expect(res.body.status).toBe('delivered');
      const request = receiver.requests[0]!;
      expect(request.url.pathname).toBe('/ding/robot/send');
      expect([...request.url.searchParams.keys()]).toEqual(['access_token', 'timestamp', 'sign']);
      expect(request.url.searchParams.get('access_token')).toBe('ding-token-0123456789abcdef');
      const timestamp = Number(request.url.searchParams.get('timestamp'));
      // Milliseconds, within DingTalk's one-hour window of the (test) clock.
      expect(Math.abs(timestamp - clock.now().getTime())).toBeLessThan(60_000);
      const expected = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
      expect(request.url.searchParams.get('sign')).toBe(expected);
      // On the wire the base64 is URL-encoded (its + / = escaped).
      const rawSign = /[?&]sign=([^&]*)/.exec(request.url.search)![1]!;
      expect(decodeURIComponent(rawSign)).toBe(expected);
      expect(rawSign).not.toMatch(/[+/=]/);
      expect(request.body).toEqual({
        msgtype: 'markdown',
        markdown: { title: '校园反诈平台：测试消息', text: expect.stringMatching(/^### 校园反诈平台：测试消息\n\n/) },
      });
    });

    it('sends 钉钉 robots without a secret unsigned', async () => {
      const robot = await channel('/ding-plain', { platform: 'dingtalk' });
      await t.request('POST', `/api/notify/channels/${robot.id}/test`, { token: admin });
      expect([...receiver.requests[0]!.url.searchParams.keys()]).toEqual(['access_token']);
    });

    it('signs 飞书 bodies: timestamp (s) and sign = base64(HmacSHA256(key = timestamp + "\\n" + secret, ""))', async () => {
      const secret = 'nIMtb7r3N9pkXyXdtAbx6e';
      const robot = await channel('/feishu', { platform: 'feishu', secret, collegeId: collegeA });
      const res = await t.request<NotifyDeliveryDto>('POST', `/api/notify/channels/${robot.id}/test`, { token: admin });
      expect(res.body.status).toBe('delivered');
      const request = receiver.requests[0]!;
      expect(request.url.pathname).toBe('/feishu/open-apis/bot/v2/hook/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0');
      expect(request.url.search).toBe('');
      const body = request.body as { timestamp: string; sign: string };
      expect(Object.keys(body)).toEqual(['timestamp', 'sign', 'msg_type', 'content']);
      expect(body.timestamp).toMatch(/^\d{10}$/);
      expect(Math.abs(Number(body.timestamp) * 1000 - clock.now().getTime())).toBeLessThan(60_000);
      expect(body.sign).toBe(createHmac('sha256', `${body.timestamp}\n${secret}`).update('').digest('base64'));
      expect(request.body).toEqual({
        timestamp: body.timestamp,
        sign: body.sign,
        msg_type: 'post',
        content: {
          post: {
            zh_cn: {
              title: '校园反诈平台：测试消息',
              content: [
                [{ tag: 'text', text: expect.stringContaining('已与校园反诈学习考试平台连通') }],
                [{ tag: 'text', text: expect.stringContaining('催考提醒') }],
                [{ tag: 'a', text: '打开平台', href: `${PUBLIC_URL}/` }],
              ],
            },
          },
        },
      });
    });

    it('sends 飞书 robots without a secret with no timestamp or sign', async () => {
      const robot = await channel('/feishu-plain', { platform: 'feishu' });
      await t.request('POST', `/api/notify/channels/${robot.id}/test`, { token: admin });
      expect(Object.keys(receiver.requests[0]!.body as object)).toEqual(['msg_type', 'content']);
    });

    it("shows the receiver's own error when it refuses the message", async () => {
      receiver.behaviour = () => ({
        status: 200,
        body: { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time', data: {} },
      });
      const robot = await channel('/feishu-bad', { platform: 'feishu', secret: 'wrong-secret' });
      const res = await t.request<NotifyDeliveryDto>('POST', `/api/notify/channels/${robot.id}/test`, { token: admin });
      expect(res.body).toMatchObject({ status: 'pending', attempts: 1 });
      expect(res.body.lastError).toBe(
        '错误码 19021：sign match fail or timestamp is not within one hour from current time',
      );
    });
  });

  describe('what goes out', () => {
    it('sends an urgent alert to the robots of the colleges in its audience and the school, not others', async () => {
      const a = await channel('/a', { collegeId: collegeA });
      await channel('/b', { collegeId: collegeB });
      const school = await channel('/school', { collegeId: null });
      await t.request('POST', '/api/alerts', {
        token: admin,
        body: { title: '普通提示', content: '注意防范', level: 'info', audience: {} },
      });
      const alert = await publishUrgent([collegeA]);
      const rows = await outboxRows();
      expect(rows.map((r) => r.channelId).sort()).toEqual([a.id, school.id].sort());
      expect(rows.every((r) => r.kind === 'alert' && r.subject === `alert:${alert.id}`)).toBe(true);
      expect(await worker.runOnce()).toBe(2);
      expect(receiver.to('/b')).toHaveLength(0);
      const content = (receiver.to('/a')[0]!.body as { markdown: { content: string } }).markdown.content;
      expect(content).toContain('【紧急警示】冒充公检法诈骗预警');
      expect(content).toContain('公检法不会电话办案，请立即挂断。');
      expect(content).toContain(`(${PUBLIC_URL}/alerts)`);

      // No college named: every college's group.
      receiver.requests.length = 0;
      await publishUrgent([]);
      await worker.runOnce();
      expect(receiver.to('/a')).toHaveLength(1);
      expect(receiver.to('/b')).toHaveLength(1);
      expect(receiver.to('/school')).toHaveLength(1);
    });

    it('sends a scheduled urgent alert at its publish time, and a withdrawn one never', async () => {
      await channel('/a', { collegeId: collegeA });
      const later = new Date(clock.now().getTime() + 3600_000).toISOString();
      await publishUrgent([collegeA], { title: '定时警示', publishAt: later });
      const withdrawn = await publishUrgent([collegeA], { title: '撤回的警示', publishAt: later });
      expect((await t.request('POST', `/api/alerts/${withdrawn.id}/withdraw`, { token: admin })).status).toBe(200);
      expect(await worker.runOnce()).toBe(0);
      expect(receiver.requests).toHaveLength(0);
      clock.advance(3601);
      expect(await worker.runOnce()).toBe(1);
      const sent = receiver.requests.map((r) => (r.body as { markdown: { content: string } }).markdown.content);
      expect(sent).toHaveLength(1);
      expect(sent[0]).toContain('定时警示');
      const rows = await outboxRows();
      expect(rows.map((r) => [r.title.slice(6), r.status])).toEqual([
        ['定时警示', 'delivered'],
        ['撤回的警示', 'cancelled'],
      ]);
    });

    it("sends the Friday report's summary to every group, each college with its own figures", async () => {
      await channel('/a', { collegeId: collegeA });
      await channel('/school', { collegeId: null });
      const report = await t.get(WeeklyReportService).generateWeekly(new Date('2026-11-27T09:00:00+08:00'));
      // Asking again (another instance's job) queues nothing more.
      await t.get(WeeklyReportService).generateWeekly(new Date('2026-11-27T09:05:00+08:00'));
      expect(await outboxRows()).toHaveLength(2);
      await worker.runOnce();
      const toCollege = (receiver.to('/a')[0]!.body as { markdown: { content: string } }).markdown.content;
      const toSchool = (receiver.to('/school')[0]!.body as { markdown: { content: string } }).markdown.content;
      expect(toCollege).toContain('截至 2026-11-27 周五 08:00');
      expect(toCollege).toContain('本学院：应考');
      expect(toSchool).not.toContain('本学院');
      expect(toSchool).toContain(`(${PUBLIC_URL}/stats/reports/${report.id})`);
    });

    it('announces an overdue reporting period once: the missing units to the school, the late college to itself', async () => {
      const a = await channel('/a', { collegeId: collegeA });
      await channel('/b', { collegeId: collegeB });
      await channel('/school', { collegeId: null });
      const dueAt = new Date(clock.now().getTime() + 3600_000);
      const res = await t.request<{ id: number }>('POST', '/api/report-periods', {
        token: admin,
        body: {
          title: '11月反诈工作报送',
          startsOn: '2026-11-01',
          endsOn: '2026-11-30',
          dueAt: dueAt.toISOString(),
          collegeIds: [collegeA],
          departmentIds: [],
        },
      });
      expect(res.status).toBe(201);
      const notifier = t.get(ReportOverdueNotifier);
      expect(await notifier.run()).toBe(0);
      clock.advance(3700);
      expect(await notifier.run()).toBe(1);
      await notifier.run();
      const rows = await outboxRows();
      expect(rows.map((r) => r.channelId).sort()).toHaveLength(2);
      expect(rows.some((r) => r.channelId === a.id)).toBe(true);
      await worker.runOnce();
      expect(receiver.to('/b')).toHaveLength(0);
      const toSchool = (receiver.to('/school')[0]!.body as { markdown: { content: string } }).markdown.content;
      expect(toSchool).toContain('尚未报送（1 人）：推送甲学院');
      expect(toSchool).toContain(`(${PUBLIC_URL}/reports/periods/${res.body.id})`);
      expect((receiver.to('/a')[0]!.body as { markdown: { content: string } }).markdown.content).toContain(
        '本学院尚未提交',
      );
    });

    it("sends 催考 with the named list only to the college's own group, at most once in 10 minutes", async () => {
      await channel('/a', { collegeId: collegeA });
      await channel('/b', { collegeId: collegeB });
      await channel('/school', { collegeId: null });
      const send = (token: string, collegeId: number) =>
        t.request<ExamReminderResult & { message?: string }>('POST', '/api/notify/exam-reminders', {
          token,
          body: { list: 'not-reached', collegeId },
        });
      const first = await send(tokens.XY6101!, collegeA);
      expect(first.status).toBe(201);
      expect(first.body.people).toBe(2);
      expect(first.body.deliveries).toHaveLength(1);
      expect((await send(tokens.XY6101!, collegeB)).status).toBe(403);
      const again = await send(tokens.XY6101!, collegeA);
      expect(again.status).toBe(429);
      expect(Number(again.headers['retry-after'])).toBeGreaterThan(500);
      await worker.runOnce();
      expect(receiver.to('/school')).toHaveLength(0);
      expect(receiver.to('/b')).toHaveLength(0);
      const content = (receiver.to('/a')[0]!.body as { markdown: { content: string } }).markdown.content;
      expect(content).toContain('推送甲学院学习提醒（2 人）');
      expect(content).toContain('推送甲2025-1班（1 人）：甲院张三');
      expect(content).toContain('推送甲2025-2班（1 人）：甲院李四');
      expect(content).not.toContain('王五');
      expect(content).toContain(`[登录平台](${PUBLIC_URL}/)`);
      clock.advance(601);
      expect((await send(admin, collegeA)).status).toBe(201);
      // A college without a robot is told so instead of silently sending nothing.
      await t.dataSource.query('DELETE FROM notify_channel');
      const none = await send(admin, collegeB);
      expect(none.status).toBe(409);
      expect(none.body.message).toContain('尚未配置群机器人');
    });
  });

  describe('reliable delivery', () => {
    it('retries a failing receiver with exponential backoff and delivers once it recovers, without a duplicate', async () => {
      await channel('/a', { collegeId: collegeA });
      receiver.behaviour = (_r, i) =>
        i < 2
          ? { status: 200, body: { errcode: 45009, errmsg: 'api freq out of limit' } }
          : { status: 200, body: WECOM_OK };
      await publishUrgent([collegeA]);
      expect(await worker.runOnce()).toBe(1);
      let [row] = await outboxRows();
      expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: '错误码 45009：api freq out of limit' });
      expect(row!.nextAttemptAt.getTime() - clock.now().getTime()).toBeGreaterThan(29_000);
      // Not due yet: nothing is sent.
      expect(await worker.runOnce()).toBe(0);
      clock.advance(31);
      await worker.runOnce();
      [row] = await outboxRows();
      expect(row).toMatchObject({ status: 'pending', attempts: 2 });
      // The second wait doubles.
      expect(row!.nextAttemptAt.getTime() - clock.now().getTime()).toBeGreaterThan(59_000);
      clock.advance(61);
      await worker.runOnce();
      [row] = await outboxRows();
      expect(row).toMatchObject({ status: 'delivered', attempts: 3, lastError: null });
      clock.advance(3600);
      expect(await worker.runOnce()).toBe(0);
      expect(receiver.requests).toHaveLength(3);
      expect(new Set(receiver.requests.map((r) => r.headers['x-idempotency-key'])).size).toBe(1);
      const listed = await deliveries();
      expect(listed.items[0]).toMatchObject({
        status: 'delivered',
        attempts: 3,
        channelName: '测试群',
        scopeName: '推送甲学院',
      });
    });

    it('gives up on a receiver that hangs after the timeout, and retries it later', async () => {
      await channel('/a', { collegeId: collegeA });
      receiver.behaviour = (_r, i) => (i === 0 ? 'hang' : { status: 200, body: WECOM_OK });
      await publishUrgent([collegeA]);
      const started = Date.now();
      await worker.runOnce();
      expect(Date.now() - started).toBeLessThan(8000);
      let [row] = await outboxRows();
      expect(row).toMatchObject({ status: 'pending', attempts: 1 });
      expect(row!.lastError).toContain('超时');
      clock.advance(31);
      await worker.runOnce();
      [row] = await outboxRows();
      expect(row).toMatchObject({ status: 'delivered', attempts: 2 });
      expect(receiver.requests).toHaveLength(2);
    });

    it('sends each message once when two workers race for the same rows', async () => {
      await channel('/a', { collegeId: collegeA });
      await channel('/school', { collegeId: null });
      for (let i = 0; i < 6; i += 1) await publishUrgent([collegeA], { title: `竞争警示${i}` });
      // A second instance: its own worker over the same database.
      const other = new NotifyWorker(t.dataSource, t.get(Sql), t.get(Clock), t.get(AppConfig));
      receiver.behaviour = () => ({ status: 200, body: WECOM_OK });
      await Promise.all([worker.runOnce(), other.runOnce(), other.runOnce(), worker.runOnce()]);
      const rows = await outboxRows();
      expect(rows).toHaveLength(12);
      expect(rows.every((r) => r.status === 'delivered' && r.attempts === 1)).toBe(true);
      const keys = receiver.requests.map((r) => String(r.headers['x-idempotency-key']));
      expect(keys).toHaveLength(12);
      expect(new Set(keys).size).toBe(12);
    });

    it("takes over a row whose holder's lease ran out, but never a delivered one", async () => {
      await channel('/a', { collegeId: collegeA });
      await publishUrgent([collegeA]);
      await publishUrgent([collegeA], { title: '已送达的警示' });
      const [stuck, done] = await outboxRows();
      const past = new Date(clock.now().getTime() - 1000);
      const repo = t.dataSource.getRepository(NotifyOutbox);
      // An instance died holding the first; the second was delivered (its old lease left behind).
      await repo.update({ id: stuck!.id }, { status: 'sending', leaseToken: 'dead', leaseUntil: past, attempts: 1 });
      await repo.update(
        { id: done!.id },
        { status: 'delivered', leaseToken: null, leaseUntil: past, deliveredAt: past },
      );
      expect(await worker.runOnce()).toBe(1);
      expect(receiver.requests).toHaveLength(1);
      expect((await repo.findOneByOrFail({ id: stuck!.id })).status).toBe('delivered');
    });

    it('marks a message failed after the last attempt; 立即重试 sends it again, but never a delivered one', async () => {
      await channel('/a', { collegeId: collegeA });
      receiver.behaviour = () => ({ status: 502, body: { message: 'Bad Gateway' } });
      await publishUrgent([collegeA]);
      for (let i = 0; i < MAX_ATTEMPTS; i += 1) {
        await worker.runOnce();
        clock.advance(3601);
      }
      let [row] = await outboxRows();
      expect(row).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
      expect(row!.lastError).toBe('HTTP 502：{"message":"Bad Gateway"}');
      expect(await worker.runOnce()).toBe(0);
      const failed = (await deliveries(admin, '&status=failed')).items;
      expect(failed).toHaveLength(1);
      expect(failed[0]!.lastError).toContain('HTTP 502');

      receiver.behaviour = () => ({ status: 200, body: WECOM_OK });
      const retried = await t.request<NotifyDeliveryDto>('POST', `/api/notify/deliveries/${row!.id}/retry`, {
        token: admin,
      });
      expect(retried.status).toBe(201);
      expect(retried.body).toMatchObject({ status: 'pending', attempts: 0 });
      await worker.runOnce();
      [row] = await outboxRows();
      expect(row!.status).toBe('delivered');
      const count = receiver.requests.length;
      const again = await t.request<{ message: string }>('POST', `/api/notify/deliveries/${row!.id}/retry`, {
        token: admin,
      });
      expect(again.status).toBe(409);
      expect(again.body.message).toBe('该消息已送达，不会重复发送');
      await worker.runOnce();
      expect(receiver.requests).toHaveLength(count);
    });

    it('never holds up the request that caused a message, even when the receiver hangs', async () => {
      await channel('/a', { collegeId: collegeA });
      receiver.behaviour = () => 'hang';
      // As in production: publishing kicks the worker in the background.
      const config = t.config as { notifyWorker: boolean };
      config.notifyWorker = true;
      try {
        await publishUrgent([collegeA]);
        // The request has answered; the worker is still waiting on the hanging robot.
        const [row] = await outboxRows();
        expect(['pending', 'sending']).toContain(row!.status);
        expect(row!.attempts).toBeLessThanOrEqual(1);
        await waitFor(() => receiver.requests.length === 1);
        expect((await outboxRows())[0]!.status).toBe('sending');
        await worker.runOnce();
        expect((await outboxRows())[0]).toMatchObject({ status: 'pending', attempts: 1 });
      } finally {
        config.notifyWorker = false;
      }
    });

    it('shows a college admin only the deliveries of their own college', async () => {
      await channel('/a', { collegeId: collegeA });
      await channel('/b', { collegeId: collegeB });
      await channel('/school', { collegeId: null });
      await publishUrgent([]);
      const own = await deliveries(tokens.XY6101);
      expect(own.items.map((d) => d.scopeName)).toEqual(['推送甲学院']);
      expect((await deliveries(admin)).total).toBe(3);
      const bRow = (await outboxRows()).find((r) => r.collegeId === collegeB)!;
      expect(
        (await t.request('POST', `/api/notify/deliveries/${bRow.id}/retry`, { token: tokens.XY6101! })).status,
      ).toBe(404);
    });

    it('reports the outbox lag in /metrics', async () => {
      await channel('/a', { collegeId: collegeA });
      receiver.behaviour = () => ({ status: 500, body: {} });
      await publishUrgent([collegeA]);
      await worker.runOnce();
      clock.advance(120);
      await worker.refreshSnapshot();
      const res = await t.request('GET', '/metrics', { remoteAddress: '127.0.0.1' });
      const text = String(res.body);
      const lag = Number(/^notify_outbox_lag_seconds (\S+)$/m.exec(text)?.[1]);
      expect(lag).toBeGreaterThanOrEqual(120);
      expect(text).toMatch(/^notify_outbox_messages\{state="pending"\} 1$/m);
    });
  });
});
