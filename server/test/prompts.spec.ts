import {
  ALL_FRAUD_TYPES,
  COMPOSITE_SOURCE_LABEL,
  FraudType,
  schoolWeekStart,
  type ApiErrorBody,
  type NextPromptDto,
  type Page,
  type PromptCoverageDto,
  type PromptDeliveryDto,
  type PromptDto,
  type PromptImportResult,
  type PromptSeedResult,
  type TeachingClassDto,
} from '@campus/shared';
import ExcelJS from 'exceljs';
import shipped from '../src/database/seeds/content/prompts.json';
import { CLASS_PERIOD_MS } from '../src/modules/prompts/prompt-delivery.service';
import { PromptDelivery } from '../src/modules/prompts/prompt-delivery.entity';
import { Prompt } from '../src/modules/prompts/prompt.entity';
import { TestApp } from './harness';
import { createPrompt, promptInput, promptSchool, type PromptSchool } from './factories/prompt.factory';

const HOUR = 3600_000;

function deliver(t: TestApp, token: string, promptId: number, classId: number) {
  return t.request<PromptDeliveryDto & ApiErrorBody>('POST', `/api/prompts/${promptId}/deliveries`, {
    token,
    body: { classId },
  });
}

function next(t: TestApp, token: string, classId: number, extra = '') {
  return t.request<NextPromptDto & ApiErrorBody>('GET', `/api/prompts/next?classId=${classId}${extra}`, { token });
}

describe('课前3分钟 prompts', () => {
  let t: TestApp;
  let s: PromptSchool;
  let brushA: PromptDto;
  let brushB: PromptDto;
  let invest: PromptDto;
  let service: PromptDto;
  let expired: PromptDto;
  let retired: PromptDto;

  beforeAll(async () => {
    t = await TestApp.start();
    s = await promptSchool(t);
    brushA = await createPrompt(t, s.school, promptInput(FraudType.OrderBrushing));
    brushB = await createPrompt(t, s.school, promptInput(FraudType.OrderBrushing));
    invest = await createPrompt(t, s.school, promptInput(FraudType.Investment));
    service = await createPrompt(t, s.school, promptInput(FraudType.FakeCustomerService));
    expired = await createPrompt(
      t,
      s.school,
      promptInput(FraudType.GameTrading, { expiresAt: new Date(Date.now() - HOUR).toISOString() }),
    );
    retired = await createPrompt(t, s.school, promptInput(FraudType.FakeLoan));
    expect((await t.request('POST', `/api/prompts/${retired.id}/retire`, { token: s.school })).status).toBe(200);
  });
  afterAll(() => t.close());

  const deliveriesOf = (promptId: number, classId: number) =>
    t.dataSource.getRepository(PromptDelivery).countBy({ promptId, classId });
  /** Moves a class's talks back past the double-tap hour and the lesson period: the next lesson begins. */
  const nextLesson = async (classId: number) => {
    const repo = t.dataSource.getRepository(PromptDelivery);
    for (const d of await repo.findBy({ classId }))
      await repo.update({ id: d.id }, { deliveredAt: new Date(d.deliveredAt.getTime() - HOUR - 60_000) });
  };

  it('gives a class every available prompt once, never the same fraud type twice in a row, then answers 404', async () => {
    const given: NextPromptDto[] = [];
    let last = await next(t, s.teacher, s.jia1);
    while (last.status === 200 && given.length < 10) {
      given.push(last.body);
      expect((await deliver(t, s.teacher, last.body.id, s.jia1)).status).toBe(201);
      await nextLesson(s.jia1);
      last = await next(t, s.teacher, s.jia1);
    }
    expect(last.status).toBe(404);
    expect(last.body.message).toBe('本班已听过全部 4 条可用提示。可开始新一轮，或在提示库中挑选一条');

    // Each available prompt exactly once; the expired and the retired one never.
    expect(given.map((p) => p.id)).toEqual([brushA.id, invest.id, service.id, brushB.id]);
    for (let i = 1; i < given.length; i++) expect(given[i]!.fraudType).not.toBe(given[i - 1]!.fraudType);
    expect(given[0]!.reason).toBe('本班尚未听过；本班第一次课前3分钟，从「刷单返利」讲起；全校还没有班级听过这条');
    expect(given[1]!.reason).toBe('本班尚未听过；上次讲的是刷单返利，本次换一类；全校还没有班级听过这条');
    expect(given.map((p) => p.unheardCount)).toEqual([4, 3, 2, 1]);
    expect(given.every((p) => p.availableCount === 4 && !p.newRound && p.classId === s.jia1)).toBe(true);
  });

  it('starts a new round only when the teacher asks, with the type heard longest ago', async () => {
    const round = await next(t, s.teacher, s.jia1, '&repeat=true');
    expect(round.status).toBe(200);
    expect(round.body).toMatchObject({ id: invest.id, newRound: true, unheardCount: 0 });
    expect(round.body.reason).toBe(
      '本班已听完全部 4 条提示，新一轮从听得最少的开始（这条已听 1 次）；上次讲的是刷单返利，本次换一类',
    );
  });

  it('passes over the prompts a teacher skipped (换一条)', async () => {
    const skipped = await next(t, s.teacher, s.jia1, `&repeat=true&exclude=${invest.id}`);
    expect(skipped.body.id).toBe(service.id);
  });

  it('never offers, shows to a teacher or logs an expired or retired prompt', async () => {
    const teacherList = await t.request<Page<PromptDto>>('GET', '/api/prompts?pageSize=50', { token: s.teacher });
    expect(teacherList.body.items.map((p) => p.id).sort()).toEqual(
      [brushA.id, brushB.id, invest.id, service.id].sort(),
    );

    const adminList = await t.request<Page<PromptDto>>('GET', '/api/prompts?pageSize=50', { token: s.school });
    expect(adminList.body.total).toBe(6);
    const expiredOnly = await t.request<Page<PromptDto>>('GET', '/api/prompts?availability=expired', {
      token: s.school,
    });
    expect(expiredOnly.body.items).toEqual([expect.objectContaining({ id: expired.id, expired: true })]);

    for (const gone of [expired, retired]) {
      expect((await t.request('GET', `/api/prompts/${gone.id}`, { token: s.teacher })).status).toBe(404);
      expect((await deliver(t, s.teacher, gone.id, s.jia1)).status).toBe(409);
    }
    expect(await t.dataSource.getRepository(PromptDelivery).countBy({ promptId: expired.id })).toBe(0);
  });

  it('offers a time-sensitive prompt until it expires, then no longer', async () => {
    const lastDay = new Date(Date.now() + 2 * HOUR);
    const timely = await createPrompt(t, s.school, promptInput(FraudType.Other, { expiresAt: lastDay.toISOString() }));
    const offered = await next(t, s.teacher, s.jia1);
    expect(offered.body.id).toBe(timely.id);
    expect(offered.body.reason).toMatch(
      /^本班尚未听过；上次讲的是刷单返利，本次换一类；时效提示，\d{4}-\d{2}-\d{2} 后下架，优先讲$/,
    );

    await t.dataSource.getRepository(Prompt).update({ id: timely.id }, { expiresAt: new Date(Date.now() - 1000) });
    const after = await next(t, s.teacher, s.jia1);
    expect(after.status).toBe(404);
    expect(after.body.message).toMatch(/全部 4 条/);
  });

  it('logs the same prompt for the same class twice within an hour as one delivery', async () => {
    const assigned = await t.request('POST', `/api/teachers/${s.newTeacherId}/classes`, {
      token: s.school,
      body: { classId: s.jia2 },
    });
    expect(assigned.status).toBe(200);

    const first = await deliver(t, s.newTeacher, invest.id, s.jia2);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      promptId: invest.id,
      classId: s.jia2,
      teacherId: s.newTeacherId,
      alreadyLogged: false,
    });
    expect(first.body.deliveredAt).toMatch(/\+08:00$/);
    const again = await deliver(t, s.newTeacher, invest.id, s.jia2);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.body.id, deliveredAt: first.body.deliveredAt, alreadyLogged: true });
    expect(await deliveriesOf(invest.id, s.jia2)).toBe(1);

    // Two taps at the same moment, in the next lesson.
    await nextLesson(s.jia2);
    const [a, b] = await Promise.all([
      deliver(t, s.newTeacher, service.id, s.jia2),
      deliver(t, s.newTeacher, service.id, s.jia2),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.id).toBe(b.body.id);
    expect(await deliveriesOf(service.id, s.jia2)).toBe(1);

    // More than an hour later it is another talk.
    await nextLesson(s.jia2);
    const later = await deliver(t, s.newTeacher, invest.id, s.jia2);
    expect(later.status).toBe(201);
    expect(later.body.id).not.toBe(first.body.id);
    expect(await deliveriesOf(invest.id, s.jia2)).toBe(2);
  });

  it('logs one talk per lesson for a class: another prompt within the period is refused, saying when the next may be logged', async () => {
    const first = await deliver(t, s.teacher, brushB.id, s.jia1);
    expect(first.status).toBe(201);
    const before = await t.dataSource.getRepository(PromptDelivery).countBy({ classId: s.jia1 });
    // The same teacher, or another teacher of the class, logging more talks in the same lesson.
    for (const promptId of [invest.id, service.id, brushA.id]) {
      const extra = await deliver(t, s.teacher, promptId, s.jia1);
      expect(extra.status).toBe(409);
      expect(extra.body.message).toMatch(
        /^甲2025-1班 \d{2}:\d{2} 已登记过一次课前3分钟（.+），一节课只登记一次；下一节课（\d{2}:\d{2} 以后）可再登记$/,
      );
    }
    expect(await t.dataSource.getRepository(PromptDelivery).countBy({ classId: s.jia1 })).toBe(before);
    // The same prompt again is still the double tap it always was, not a refusal.
    expect((await deliver(t, s.teacher, brushB.id, s.jia1)).body).toMatchObject({
      id: first.body.id,
      alreadyLogged: true,
    });
    // A talk logged for a time ahead of now (another server's clock) counts as this lesson's too.
    await t.dataSource
      .getRepository(PromptDelivery)
      .update({ id: first.body.id }, { deliveredAt: new Date(Date.now() + 30 * 60_000) });
    expect((await deliver(t, s.teacher, invest.id, s.jia1)).status).toBe(409);
    await nextLesson(s.jia1);
    await nextLesson(s.jia1);
    expect((await deliver(t, s.teacher, invest.id, s.jia1)).status).toBe(201);
    await nextLesson(s.jia1);
  });

  it('refuses a teacher a class they do not teach, of their college or another, until an admin assigns it', async () => {
    const refusal = await deliver(t, s.teacher, brushA.id, s.yi1);
    expect(refusal.status).toBe(403);
    expect(refusal.body.message).toMatch(/不是该班的授课教师/);
    expect((await next(t, s.teacher, s.yi1)).status).toBe(403);
    expect((await deliver(t, s.teacher, brushA.id, s.jia2)).status).toBe(403);
    expect(await deliveriesOf(brushA.id, s.yi1)).toBe(0);

    // 甲学院's admin cannot arrange teaching in 乙学院; the school admin can.
    const byCollege = await t.request('POST', `/api/teachers/${s.teacherId}/classes`, {
      token: s.college,
      body: { classId: s.yi1 },
    });
    expect(byCollege.status).toBe(403);
    const bySchool = await t.request<TeachingClassDto[]>('POST', `/api/teachers/${s.teacherId}/classes`, {
      token: s.school,
      body: { classId: s.yi1 },
    });
    expect(bySchool.status).toBe(200);
    expect(bySchool.body.map((c) => c.name)).toEqual(['甲2025-1班', '乙2025-1班']);
    const mine = await t.request<Array<{ name: string }>>('GET', '/api/my/classes', { token: s.teacher });
    expect(mine.body.map((c) => c.name)).toEqual(['甲2025-1班', '乙2025-1班']);
    expect((await deliver(t, s.teacher, brushA.id, s.yi1)).status).toBe(201);

    const removed = await t.request('DELETE', `/api/teachers/${s.teacherId}/classes/${s.yi1}`, { token: s.school });
    expect(removed.status).toBe(204);
    expect((await deliver(t, s.teacher, service.id, s.yi1)).status).toBe(403);
    const listed = await t.request<TeachingClassDto[]>('GET', `/api/teachers/${s.teacherId}/classes`, {
      token: s.college,
    });
    expect(listed.body.map((c) => c.name)).toEqual(['甲2025-1班']);
  });

  it("shows a teacher only their own history, and a college admin only their college's deliveries", async () => {
    const own = await t.request<Page<PromptDeliveryDto>>('GET', '/api/prompts/deliveries?pageSize=100', {
      token: s.teacher,
    });
    expect(own.status).toBe(200);
    expect(own.body.total).toBe(await t.dataSource.getRepository(PromptDelivery).countBy({ teacherId: s.teacherId }));
    expect(own.body.items.every((d) => d.teacherId === s.teacherId && d.teacherName === '甲院老师')).toBe(true);
    expect(own.body.items[0]).toMatchObject({
      promptId: brushA.id,
      className: '乙2025-1班',
      collegeName: '乙学院',
      promptTitle: brushA.title,
    });
    expect(
      (await t.request('GET', `/api/prompts/deliveries?teacherId=${s.newTeacherId}`, { token: s.teacher })).status,
    ).toBe(403);

    const college = await t.request<Page<PromptDeliveryDto>>('GET', '/api/prompts/deliveries?pageSize=100', {
      token: s.college,
    });
    expect(college.body.total).toBeGreaterThan(0);
    expect(new Set(college.body.items.map((d) => d.collegeName))).toEqual(new Set(['甲学院']));
    const school = await t.request<Page<PromptDeliveryDto>>('GET', '/api/prompts/deliveries?pageSize=100', {
      token: s.school,
    });
    expect(school.body.total).toBe(college.body.total + 1);
    const yiCollegeId = school.body.items.find((d) => d.collegeName === '乙学院')!.collegeId;
    expect(
      (await t.request('GET', `/api/prompts/deliveries?collegeId=${yiCollegeId}`, { token: s.college })).status,
    ).toBe(403);

    const tomorrow = new Date(Date.now() + 24 * HOUR + 8 * HOUR).toISOString().slice(0, 10);
    const none = await t.request<Page<PromptDeliveryDto>>('GET', `/api/prompts/deliveries?from=${tomorrow}`, {
      token: s.school,
    });
    expect(none.body.total).toBe(0);
  });

  it('within a fraud type offers the prompt the whole school heard least recently, not the newest or lowest id', async () => {
    // 甲2025-2班 has heard 虚假网络投资理财 and 冒充客服, not the two 刷单返利 prompts. 甲2025-1班 heard
    // brushA first and brushB later; now it hears brushA again, so brushB is the one longest unheard.
    await t.dataSource
      .getRepository(PromptDelivery)
      .save({ promptId: brushA.id, classId: s.jia1, teacherId: s.teacherId, deliveredAt: new Date() });
    const offered = await next(t, s.newTeacher, s.jia2);
    expect(offered.status).toBe(200);
    expect(offered.body.id).toBe(brushB.id);
    expect(offered.body.reason).toBe('本班尚未听过；上次讲的是虚假网络投资理财，本次换一类');
  });

  it('serves /prompts/next, /prompts/deliveries and /prompts/coverage by their own routes, never as a prompt id', async () => {
    const missingClass = await t.request<ApiErrorBody>('GET', '/api/prompts/next', { token: s.teacher });
    expect(missingClass.status).toBe(400);
    expect(missingClass.body.errors?.[0]?.field).toBe('classId');
    expect((await t.request('GET', '/api/prompts/deliveries', { token: s.teacher })).status).toBe(200);
    expect((await t.request('GET', '/api/prompts/coverage', { token: s.school })).status).toBe(200);
  });

  it('checks a prompt field by field in Chinese, refuses a second one with the same title, edits, retires and restores', async () => {
    const bad = await t.request<ApiErrorBody>('POST', '/api/prompts', {
      token: s.school,
      body: { ...promptInput(FraudType.Other), title: ' ', warningSigns: [] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      { field: 'title', message: '标题不能为空' },
      { field: 'warningSigns', message: '预警信号至少写一条' },
    ]);
    const twin = await t.request<ApiErrorBody>('POST', '/api/prompts', {
      token: s.school,
      body: promptInput(FraudType.Other, { title: brushA.title }),
    });
    expect(twin.status).toBe(409);
    expect(twin.body.message).toBe(`提示库中已有同名提示（编号 ${brushA.id}）`);

    const edited = await t.request<PromptDto>('PUT', `/api/prompts/${service.id}`, {
      token: s.school,
      body: promptInput(FraudType.FakeCustomerService, { title: '“客服”说要退款？先挂电话' }),
    });
    expect(edited.status).toBe(200);
    expect(edited.body.title).toBe('“客服”说要退款？先挂电话');
    // Deliveries keep pointing at the prompt and show its current title.
    const history = await t.request<Page<PromptDeliveryDto>>(
      `GET`,
      `/api/prompts/deliveries?classId=${s.jia1}&pageSize=50`,
      { token: s.school },
    );
    expect(history.body.items.filter((d) => d.promptId === service.id).map((d) => d.promptTitle)).toEqual([
      '“客服”说要退款？先挂电话',
    ]);

    expect(
      (await t.request('POST', '/api/prompts', { token: s.teacher, body: promptInput(FraudType.Other) })).status,
    ).toBe(403);

    const restored = await t.request<PromptDto>('POST', `/api/prompts/${retired.id}/restore`, { token: s.school });
    expect(restored.body.status).toBe('active');
    expect((await t.request('GET', `/api/prompts/${retired.id}`, { token: s.teacher })).status).toBe(200);
  });

  it('stores 讲解要点 and the 互动提问, and takes a source only as a named bulletin or an undated composite', async () => {
    const discussion = { question: '对方说“不交解冻金就要坐牢”，你信吗？', answer: '不信。警方不会让你交钱解冻。' };
    const made = await createPrompt(
      t,
      s.school,
      promptInput(FraudType.FakeLoan, { teachingPoints: [' 放款前收费就是诈骗 ', ''], discussion }),
    );
    expect(made).toMatchObject({
      teachingPoints: ['放款前收费就是诈骗'],
      discussion,
      sourceKind: 'composite',
      source: COMPOSITE_SOURCE_LABEL,
      sourceIssuer: '',
      sourceDate: null,
    });
    const cited = await createPrompt(
      t,
      s.school,
      promptInput(FraudType.FakeLoan, {
        discussion: null,
        sourceKind: 'bulletin',
        sourceIssuer: '某市公安局',
        source: '关于防范虚假贷款诈骗的预警提示',
        sourceDate: '2025-06-01',
      }),
    );
    expect(cited).toMatchObject({ discussion: null, sourceKind: 'bulletin', sourceDate: '2025-06-01' });

    // The shape written before source kinds: a date with an unnamed "公安机关通报" is no citation.
    const vague = await t.request<ApiErrorBody>('POST', '/api/prompts', {
      token: s.school,
      body: {
        ...promptInput(FraudType.FakeLoan),
        sourceKind: undefined,
        source: '根据公安机关公开通报改编',
        sourceDate: '2025-03-14',
      },
    });
    expect(vague.status).toBe(400);
    expect(vague.body.errors).toEqual([{ field: 'sourceIssuer', message: '引用公开通报须写明发布机关' }]);
    const datedComposite = await t.request<ApiErrorBody>('POST', '/api/prompts', {
      token: s.school,
      body: promptInput(FraudType.FakeLoan, { sourceDate: '2025-03-14' }),
    });
    expect(datedComposite.body.errors).toEqual([{ field: 'sourceDate', message: '综合编写的案例没有来源日期' }]);
    const halfQuestion = await t.request<ApiErrorBody>('POST', '/api/prompts', {
      token: s.school,
      body: promptInput(FraudType.FakeLoan, { discussion: { question: '怎么办？', answer: '' } }),
    });
    expect(halfQuestion.body.errors).toEqual([{ field: 'discussion.answer', message: '互动提问需要一个参考答案' }]);
    const notAnObject = await t.request<ApiErrorBody>('POST', '/api/prompts', {
      token: s.school,
      body: { ...promptInput(FraudType.FakeLoan), discussion: '怎么办？' },
    });
    expect(notAnObject.status).toBe(400);
    expect(notAnObject.body.errors?.[0]?.field).toBe('discussion');

    for (const id of [made.id, cited.id]) await t.request('POST', `/api/prompts/${id}/retire`, { token: s.school });
  });

  describe('Excel', () => {
    const header = [
      '标题',
      '诈骗类型',
      '案例',
      '预警信号',
      '应对做法',
      '一句话提醒',
      '讲解要点',
      '互动提问',
      '参考答案',
      '标签',
      '来源类型',
      '发布机关',
      '来源',
      '来源日期',
      '有效期至',
    ];
    const row = (title: string, overrides: Partial<Record<string, string>> = {}) => {
      const base: Record<string, string> = {
        标题: title,
        诈骗类型: '虚假贷款',
        案例: '学生小李在网上看到“无抵押、秒到账”的贷款广告，对方先要求交“解冻金”“保证金”，转账后又以“流水不足”为由继续要钱。',
        预警信号: '放款前先收费\n“秒批”“无视征信”',
        应对做法: '1. 通过正规银行贷款；2. 不向个人账户转账',
        一句话提醒: '放款前要你先交钱的贷款，都是诈骗。',
        讲解要点: '强调：正规贷款不会要你先转钱给个人；\n追问：为什么“秒批”还要先交钱？',
        互动提问: '放款前要交“解冻金”，该怎么办？',
        参考答案: '不交，停止联系，拨打 96110 咨询。',
        标签: '校园贷、解冻金',
        来源类型: '公开通报',
        发布机关: '某市公安局',
        来源: '关于防范虚假贷款诈骗的预警提示',
        来源日期: '2025/6/1',
        有效期至: '',
        ...overrides,
      };
      return header.map((h) => base[h] ?? '');
    };
    const workbook = async (rows: string[][]) => {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('课前3分钟提示');
      sheet.addRow(header);
      rows.forEach((r) => sheet.addRow(r));
      return Buffer.from(await book.xlsx.writeBuffer());
    };
    const importFile = (file: Buffer, dryRun = false) =>
      t.upload<PromptImportResult & ApiErrorBody>(
        `/api/prompts/import?dryRun=${dryRun}`,
        file,
        'prompts.xlsx',
        s.school,
      );
    const count = () => t.dataSource.getRepository(Prompt).count();

    it('writes nothing when a row is bad, and names each bad row and column', async () => {
      const before = await count();
      const file = await workbook([
        row('贷款先交钱？骗子'),
        row('征信能修复？', { 诈骗类型: '电信诈骗' }),
        row('刷单兼职', { 一句话提醒: '', 来源日期: '2025-02-30' }),
        row('网贷注销', { 来源类型: '网传', 参考答案: '' }),
        row('改编自通报', { 来源类型: '', 发布机关: '', 来源: '根据公安机关公开通报案例改编' }),
      ]);
      const res = await importFile(file);
      expect(res.status).toBe(422);
      expect(res.body.message).toBe('有 4 行存在错误，未导入任何提示，请修改后重新上传');
      expect(res.body.errors).toEqual([
        {
          row: 3,
          column: '诈骗类型',
          message: expect.stringMatching(/^「电信诈骗」不是已知的诈骗类型，可填：刷单返利、/),
        },
        { row: 4, column: '来源日期', message: '「2025-02-30」不是有效日期，应为 YYYY-MM-DD' },
        { row: 4, column: '一句话提醒', message: '一句话提醒不能为空' },
        { row: 5, column: '来源类型', message: '「网传」不是已知的来源类型，可填：公开通报、综合编写' },
        { row: 5, column: '参考答案', message: '互动提问需要一个参考答案' },
        { row: 6, column: '发布机关', message: '引用公开通报须写明发布机关' },
      ]);
      expect(await count()).toBe(before);
    });

    it('imports a good file after a dry run, and a second import doubles nothing', async () => {
      const before = await count();
      const file = await workbook([
        row('贷款先交钱？骗子'),
        row('“征信修复”是骗局', { 诈骗类型: '虚假征信', 来源类型: '综合编写', 发布机关: '', 来源: '', 来源日期: '' }),
      ]);
      const dry = await importFile(file, true);
      expect(dry.body).toEqual({ dryRun: true, created: 2, duplicates: [], errors: [] });
      expect(await count()).toBe(before);

      const real = await importFile(file);
      expect(real.status).toBe(201);
      expect(real.body.created).toBe(2);
      const stored = await t.dataSource.getRepository(Prompt).findOneByOrFail({ title: '贷款先交钱？骗子' });
      expect(stored).toMatchObject({
        fraudType: FraudType.FakeLoan,
        warningSigns: ['放款前先收费', '“秒批”“无视征信”'],
        actions: ['通过正规银行贷款', '不向个人账户转账'],
        tags: ['校园贷', '解冻金'],
        teachingPoints: ['强调：正规贷款不会要你先转钱给个人；', '追问：为什么“秒批”还要先交钱？'],
        discussionQuestion: '放款前要交“解冻金”，该怎么办？',
        discussionAnswer: '不交，停止联系，拨打 96110 咨询。',
        sourceKind: 'bulletin',
        sourceIssuer: '某市公安局',
        source: '关于防范虚假贷款诈骗的预警提示',
        sourceDate: '2025-06-01',
        expiresAt: null,
      });
      const composite = await t.dataSource.getRepository(Prompt).findOneByOrFail({ title: '“征信修复”是骗局' });
      expect(composite).toMatchObject({ sourceKind: 'composite', source: COMPOSITE_SOURCE_LABEL, sourceDate: null });

      const again = await importFile(file);
      expect(again.body.created).toBe(0);
      expect(again.body.duplicates.map((d) => d.row)).toEqual([2, 3]);
      expect(await count()).toBe(before + 2);
    });

    it('exports the library in the import layout, so the export imports back without errors', async () => {
      const res = await t.request('GET', '/api/prompts/export', { token: s.school });
      expect(res.status).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(new Uint8Array(res.raw).buffer);
      const sheet = book.worksheets[0]!;
      expect((sheet.getRow(1).values as string[]).slice(1, header.length + 1)).toEqual(header);
      expect(sheet.rowCount - 1).toBe(await count());

      const back = await importFile(res.raw);
      // On a refusal the failure shows what the import said of which rows (a one-off 422 on CI).
      expect({ status: back.status, message: back.body.message, errors: back.body.errors }).toEqual({
        status: 201,
        message: undefined,
        errors: [],
      });
      expect(back.body).toMatchObject({ created: 0, errors: [] });
      expect(back.body.duplicates).toHaveLength(await count());
    });

    it('refuses a file that is not a spreadsheet, whatever its name', async () => {
      const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
      const res = await importFile(png);
      expect(res.status).toBe(422);
    });
  });
});

describe('课前3分钟 coverage', () => {
  let t: TestApp;
  let s: PromptSchool;

  beforeAll(async () => {
    t = await TestApp.start();
    s = await promptSchool(t);
    const brush = await createPrompt(t, s.school, promptInput(FraudType.OrderBrushing));
    const invest = await createPrompt(t, s.school, promptInput(FraudType.Investment));
    await t.request('POST', `/api/teachers/${s.teacherId}/classes`, { token: s.school, body: { classId: s.yi1 } });
    // This week: 甲2025-1班 twice, 乙2025-1班 once, 甲2025-2班 never. Last week: 乙2025-1班 once.
    for (const [promptId, classId] of [
      [brush.id, s.jia1],
      [invest.id, s.jia1],
      [brush.id, s.yi1],
      [invest.id, s.yi1],
    ] as const) {
      expect((await deliver(t, s.teacher, promptId, classId)).status).toBe(201);
      // The class's next talk is in a later lesson: move this one a lesson period away, within this week.
      const repo = t.dataSource.getRepository(PromptDelivery);
      const logged = await repo.findOneByOrFail({ promptId, classId });
      const gap = CLASS_PERIOD_MS + 60_000;
      const weekStart = schoolWeekStart(new Date()).getTime();
      const moved = Date.now() - gap >= weekStart ? Date.now() - gap : Date.now() + gap;
      await repo.update({ id: logged.id }, { deliveredAt: new Date(moved) });
    }
    const repo = t.dataSource.getRepository(PromptDelivery);
    const lastWeek = await repo.findOneByOrFail({ promptId: invest.id, classId: s.yi1 });
    await repo.update({ id: lastWeek.id }, { deliveredAt: new Date(Date.now() - 7 * 24 * HOUR) });
  });
  afterAll(() => t.close());

  it('counts this week per college and class, lists the classes with none first, and gives the weekly trend', async () => {
    const res = await t.request<PromptCoverageDto>('GET', '/api/prompts/coverage', { token: s.school });
    expect(res.status).toBe(200);
    const body = res.body;
    expect(body.weekStart).toMatch(/T00:00:00\.000\+08:00$/);
    expect(new Date(body.weekStart).getTime()).toBeLessThanOrEqual(Date.now());
    expect(new Date(new Date(body.weekStart).getTime() + 8 * HOUR).getUTCDay()).toBe(1);
    expect(body.total).toMatchObject({ classes: 3, classesReached: 2, deliveries: 3, reachRate: 2 / 3 });
    expect(
      body.colleges.map(({ collegeName, classes, classesReached, deliveries, reachRate }) => ({
        collegeName,
        classes,
        classesReached,
        deliveries,
        reachRate,
      })),
    ).toEqual([
      { collegeName: '甲学院', classes: 2, classesReached: 1, deliveries: 2, reachRate: 0.5 },
      { collegeName: '乙学院', classes: 1, classesReached: 1, deliveries: 1, reachRate: 1 },
    ]);
    expect(body.classes.map((c) => [c.className, c.deliveries])).toEqual([
      ['甲2025-2班', 0],
      ['甲2025-1班', 2],
      ['乙2025-1班', 1],
    ]);
    expect(body.classes[0]!.lastDeliveredAt).toBeNull();
    expect(body.classes[1]!.lastDeliveredAt).toMatch(/\+08:00$/);
    expect(body.trend).toHaveLength(8);
    expect(body.trend.at(-1)).toEqual({ weekStart: body.weekStart, deliveries: 3, classesReached: 2 });
    expect(body.trend.at(-2)).toMatchObject({ deliveries: 1, classesReached: 1 });
    expect(body.trend.slice(0, 6).every((w) => w.deliveries === 0)).toBe(true);
  });

  it('shows any earlier week', async () => {
    const lastWeekDay = new Date(Date.now() - 7 * 24 * HOUR + 8 * HOUR).toISOString().slice(0, 10);
    const res = await t.request<PromptCoverageDto>('GET', `/api/prompts/coverage?week=${lastWeekDay}`, {
      token: s.school,
    });
    expect(res.body.total).toMatchObject({ classes: 3, classesReached: 1, deliveries: 1, reachRate: 1 / 3 });
    expect(res.body.classes.find((c) => c.deliveries > 0)?.className).toBe('乙2025-1班');
  });

  it("keeps a college admin to their own college's figures", async () => {
    const own = await t.request<PromptCoverageDto>('GET', '/api/prompts/coverage', { token: s.college });
    expect(own.body.colleges.map((c) => c.collegeName)).toEqual(['甲学院']);
    expect(own.body.classes.map((c) => c.className)).toEqual(['甲2025-2班', '甲2025-1班']);
    expect(own.body.total).toMatchObject({ classes: 2, classesReached: 1, deliveries: 2, reachRate: 0.5 });
    expect(own.body.trend.at(-1)).toMatchObject({ deliveries: 2, classesReached: 1 });

    const all = await t.request<PromptCoverageDto>('GET', '/api/prompts/coverage', { token: s.school });
    const yi = all.body.colleges.find((c) => c.collegeName === '乙学院')!;
    expect(
      (await t.request('GET', `/api/prompts/coverage?collegeId=${yi.collegeId}`, { token: s.college })).status,
    ).toBe(403);
    expect((await t.request('GET', '/api/prompts/coverage', { token: s.teacher })).status).toBe(403);
  });
});

describe('shipped 课前3分钟 prompts', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start({ SEED_CONTENT: 'true' });
  });
  afterAll(() => t.close());

  it('fills an empty library at first start with every shipped prompt, 讲解要点 and 互动提问 included; loading again adds nothing', async () => {
    const admin = await t.adminToken();
    const library = await t.request<Page<PromptDto>>('GET', '/api/prompts?pageSize=100', { token: admin });
    expect(library.body.total).toBe(shipped.length);
    expect(library.body.items.every((p) => p.teachingPoints.length >= 2 && p.discussion !== null)).toBe(true);
    expect(new Set(library.body.items.map((p) => p.sourceKind))).toEqual(new Set(['composite']));
    const types = new Set(library.body.items.map((p) => p.fraudType));
    for (const type of ALL_FRAUD_TYPES.filter((f) => f !== FraudType.Other)) expect(types).toContain(type);
    expect(
      library.body.items.every(
        (p) => p.status === 'active' && !p.expired && p.warningSigns.length > 0 && p.actions.length > 0,
      ),
    ).toBe(true);

    const again = await t.request<PromptSeedResult>('POST', '/api/prompts/seed', { token: admin });
    expect(again.status).toBe(201);
    expect(again.body).toEqual({ prompts: 0, replaced: 0 });
    expect(await t.dataSource.getRepository(Prompt).count()).toBe(shipped.length);
  });
});
