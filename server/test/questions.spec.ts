import {
  FraudType,
  type AuditLogDto,
  QuestionType,
  type Page,
  type QuestionDraft,
  type QuestionDto,
  type QuestionImportResult,
  type QuestionQualityReport,
  type QuestionSaveResult,
  type SeedResult,
} from '@campus/shared';
import { Question } from '../src/modules/questions/question.entity';
import { writeQuestionsXlsx } from '../src/modules/questions/formats/excel-template.writer';
import starterQuestions from '../src/database/seeds/content/questions.json';
import { TestApp } from './harness';
import { createQuestion, judgeQuestion, multipleQuestion, singleQuestion } from './factories/exam.factory';

describe('question bank', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  const count = () => t.dataSource.getRepository(Question).count();
  const importFile = (file: Buffer, name: string, dryRun = false) =>
    t.upload<QuestionImportResult>(`/api/questions/import?dryRun=${dryRun}`, file, name, admin);

  it('imports Chinese GIFT and Moodle XML of our own, and a dry run writes nothing', async () => {
    const gift = [
      '::刷单::网上兼职“刷单返利”，先垫付后返还，可信吗？{',
      '~可信，有返利',
      '=不可信，刷单就是诈骗',
      '~看平台大小',
      '#### 所有刷单都是诈骗。',
      '}',
      '',
      '::征信::征信记录可以花钱“修复”。{F}',
    ].join('\n');
    const before = await count();
    const dry = await importFile(Buffer.from(gift, 'utf8'), 'cn.gift', true);
    expect(dry.body).toMatchObject({ dryRun: true, format: 'gift', imported: 2 });
    expect(await count()).toBe(before);
    const real = await importFile(Buffer.from(gift, 'utf8'), 'cn.gift');
    expect(real.body.imported).toBe(2);
    expect(await count()).toBe(before + 2);
  });

  it('writes nothing when a file has a broken question, naming each', async () => {
    const before = await count();
    const broken = [
      { ...singleQuestion(), stem: '好题：正确做法是？' },
      { ...singleQuestion(), stem: '坏题一：答案不在选项中', answer: ['E'] },
      { ...multipleQuestion(), stem: '坏题二：多选只有一个答案', answer: ['A'] },
    ];
    const res = await importFile(await writeQuestionsXlsx(broken), '题目.xlsx');
    expect(res.status).toBe(422);
    expect(res.body.errors.length).toBeGreaterThanOrEqual(2);
    expect(res.body.errors.map((e) => e.item).join()).toMatch(/3.*4|第3行.*第4行/);
    expect(await count()).toBe(before);
    const garbage = await importFile(Buffer.from([0, 1, 2, 3, 250, 251, 252]), 'x.bin');
    expect(garbage.status).toBe(422);
    expect((garbage.body as unknown as { message: string }).message).toMatch(/无法识别/);
  });

  describe('导入有效题目 (skipInvalid)', () => {
    const mixed = () => [
      { ...singleQuestion(), stem: `有效题一：接到“客服”退款电话应该怎么做？（${Date.now()}）` },
      { ...singleQuestion(), stem: '坏题一：答案不在选项中', answer: ['E'] },
      { ...judgeQuestion('T'), stem: `有效题二：验证码不能告诉任何人。（${Date.now()}）` },
      { ...multipleQuestion(), stem: '坏题二：多选只有一个答案', answer: ['A'] },
    ];

    it('still refuses the whole file by default, and says how many valid questions it holds', async () => {
      const before = await count();
      const res = await importFile(await writeQuestionsXlsx(mixed()), '题目.xlsx');
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ imported: 0, importable: 2, skipInvalid: false });
      expect(await count()).toBe(before);
    });

    it('imports the valid questions in one go, lists the rejected ones with row and reason, and audits it', async () => {
      const file = await writeQuestionsXlsx(mixed());
      const before = await count();
      const dry = await t.upload<QuestionImportResult>(
        '/api/questions/import?dryRun=true&skipInvalid=true',
        file,
        '题目.xlsx',
        admin,
      );
      expect(dry.status).toBe(201);
      expect(dry.body).toMatchObject({ dryRun: true, skipInvalid: true, imported: 2, importable: 2 });
      expect(await count()).toBe(before);

      const res = await t.upload<QuestionImportResult>(
        '/api/questions/import?skipInvalid=true',
        file,
        '题目.xlsx',
        admin,
      );
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ dryRun: false, skipInvalid: true, imported: 2 });
      expect(res.body.errors).toEqual([
        { item: '第3行', message: expect.stringContaining('答案 E 没有对应的选项') },
        { item: '第5行', message: expect.stringContaining('多选题至少有 2 个正确答案') },
      ]);
      expect(await count()).toBe(before + 2);
      const stems = (await t.dataSource.getRepository(Question).find({ order: { id: 'DESC' }, take: 2 })).map(
        (q) => q.stem,
      );
      expect(stems.join()).toMatch(/有效题二.*有效题一/);

      const audit = await t.request<Page<AuditLogDto>>('GET', '/api/audit-logs?action=question.import', {
        token: admin,
      });
      expect(audit.body.items[0]).toMatchObject({
        summary: expect.stringMatching(/^导入题目 2 道（xlsx，文件「.+」），另有 2 道题因错误未导入$/),
        details: expect.objectContaining({
          imported: 2,
          rejected: 2,
          rejectedItems: ['第3行', '第5行'],
          skipInvalid: true,
        }),
      });
    });

    it('names the Aiken line of a rejected question', async () => {
      const aiken = [
        `发现被骗后第一时间应拨打哪个电话？（${Date.now()}）`,
        'A. 110 或 96110',
        'B. 对方留下的“客服”电话',
        'ANSWER: A',
        '',
        '没有答案行的题',
        'A. 甲',
        'B. 乙',
      ].join('\n');
      const res = await t.upload<QuestionImportResult>(
        '/api/questions/import?skipInvalid=true',
        Buffer.from(aiken, 'utf8'),
        'aiken.txt',
        admin,
      );
      expect(res.status).toBe(201);
      expect(res.body.imported).toBe(1);
      expect(res.body.errors).toEqual([{ item: expect.stringMatching(/第2题（第6行）/), message: expect.any(String) }]);
    });

    it('refuses a file in which no question is valid, even when asked to skip the invalid ones', async () => {
      const before = await count();
      const broken = mixed().filter((q) => q.stem.startsWith('坏题'));
      const res = await t.upload<QuestionImportResult>(
        '/api/questions/import?skipInvalid=true',
        await writeQuestionsXlsx(broken),
        '坏题.xlsx',
        admin,
      );
      expect(res.status).toBe(422);
      expect((res.body as unknown as { message: string }).message).toBe('没有可导入的有效题目：有 2 道题存在错误');
      expect(await count()).toBe(before);
    });
  });

  it('gives the same questions back after export and import, in Excel and in Moodle XML', async () => {
    const created = [
      await createQuestion(t, admin, singleQuestion({ tags: ['冒充公检法', '安全账户'] })),
      await createQuestion(t, admin, multipleQuestion()),
      await createQuestion(t, admin, judgeQuestion('F', { fraudType: FraudType.FakeCredit, difficulty: 4 })),
    ];
    const ids = new Set(created.map((q) => q.id));
    const shape = (q: QuestionDto) => ({
      type: q.type,
      stem: q.stem,
      options: q.options,
      answer: q.answer,
      analysis: q.analysis,
      fraudType: q.fraudType,
      difficulty: q.difficulty,
      tags: q.tags,
    });
    for (const format of ['xlsx', 'moodle'] as const) {
      const exported = await t.request('GET', `/api/questions/export?format=${format}`, { token: admin });
      expect(exported.status).toBe(200);
      // Import into an empty bank elsewhere: a second application on its own database.
      const other = await TestApp.start();
      const otherAdmin = await other.adminToken();
      const res = await other.upload<QuestionImportResult>(
        '/api/questions/import',
        exported.raw,
        `export.${format === 'xlsx' ? 'xlsx' : 'xml'}`,
        otherAdmin,
      );
      expect(res.body.errors).toEqual([]);
      const back = await other.request<Page<QuestionDto>>('GET', '/api/questions?pageSize=200', { token: otherAdmin });
      const byStem = new Map(back.body.items.map((q) => [q.stem, q]));
      for (const q of created) expect(shape(byStem.get(q.stem)!)).toEqual(shape(q));
      await other.close();
      expect(ids.size).toBe(3);
    }
  });

  it('keeps a question’s 互斥组, lists the questions of a group, and refuses a group with spaces', async () => {
    const created = await t.request<QuestionDto>('POST', '/api/questions', {
      token: admin,
      body: singleQuestion({ stem: '个人信用报告去哪里查？', group: ' credit-report ' }),
    });
    expect(created.status).toBe(201);
    expect(created.body.group).toBe('credit-report');
    const edited = await t.request<QuestionDto>('PUT', `/api/questions/${created.body.id}`, {
      token: admin,
      body: singleQuestion({ stem: '个人信用报告去哪里查？', group: '' }),
    });
    expect(edited.body.group).toBeNull();
    await t.request('PUT', `/api/questions/${created.body.id}`, {
      token: admin,
      body: singleQuestion({ stem: '个人信用报告去哪里查？', group: '征信查询渠道' }),
    });
    const listed = await t.request<Page<QuestionDto>>(
      'GET',
      `/api/questions?group=${encodeURIComponent('征信查询渠道')}`,
      {
        token: admin,
      },
    );
    expect(listed.body.items.map((q) => q.id)).toEqual([created.body.id]);
    const bad = await t.request<{ errors: Array<{ field: string; message: string }> }>('POST', '/api/questions', {
      token: admin,
      body: singleQuestion({ group: 'credit report' }),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]?.message).toMatch(/互斥组/);
  });

  describe('命题质量检查', () => {
    const cueLaden = singleQuestion({
      stem: '室友接到“客服”电话说快递丢了要理赔，他应该怎么办？',
      options: [
        { key: 'A', text: '照做' },
        { key: 'B', text: '挂断电话，打开购物App或拨打官方客服电话核实，不向任何人提供验证码' },
        { key: 'C', text: '加微信' },
        { key: 'D', text: '以上都对' },
      ],
      answer: ['B'],
      fraudType: FraudType.FakeCustomerService,
    });

    it('answers a save with the cues it finds, in Chinese, and saves anyway', async () => {
      const res = await t.request<QuestionSaveResult>('POST', '/api/questions', { token: admin, body: cueLaden });
      expect(res.status).toBe(201);
      expect(res.body.id).toBeGreaterThan(0);
      expect(res.body.warnings.map((w) => w.code)).toEqual(['longest-key', 'all-of-the-above', 'stem-echo']);
      expect(res.body.warnings[0]).toMatchObject({ field: 'options', optionKeys: ['B'] });
      expect(res.body.warnings[0]?.message).toMatch(/选最长的/);

      const judge = await t.request<QuestionSaveResult>('POST', '/api/questions', {
        token: admin,
        body: judgeQuestion('F', { stem: '对方能说出我的订单号，说明他一定是真客服。' }),
      });
      expect(judge.body.warnings).toEqual([expect.objectContaining({ code: 'absolute-word', field: 'stem' })]);
      expect(judge.body.warnings[0]?.message).toContain('“一定”');

      const fixed = await t.request<QuestionSaveResult>('PUT', `/api/questions/${judge.body.id}`, {
        token: admin,
        body: judgeQuestion('F', { stem: '对方能说出我的订单号，就可以按他说的操作退款。' }),
      });
      expect(fixed.body.warnings).toEqual([]);
    });

    it('warns about a near-duplicate of another question unless both are in one 互斥组', async () => {
      const first = await t.request<QuestionSaveResult>('POST', '/api/questions', {
        token: admin,
        body: judgeQuestion('T', { stem: '查询本人征信报告应通过中国人民银行征信中心官网或商业银行网点。' }),
      });
      const twin = await t.request<QuestionSaveResult>('POST', '/api/questions', {
        token: admin,
        body: judgeQuestion('T', { stem: '查询本人的征信报告，应通过中国人民银行征信中心官网或银行网点。' }),
      });
      expect(twin.body.warnings).toEqual([
        expect.objectContaining({ code: 'near-duplicate', questionIds: [first.body.id] }),
      ]);
      await t.request('PUT', `/api/questions/${first.body.id}`, {
        token: admin,
        body: judgeQuestion('T', {
          stem: '查询本人征信报告应通过中国人民银行征信中心官网或商业银行网点。',
          group: 'credit-query',
        }),
      });
      const grouped = await t.request<QuestionSaveResult>('PUT', `/api/questions/${twin.body.id}`, {
        token: admin,
        body: judgeQuestion('T', {
          stem: '查询本人的征信报告，应通过中国人民银行征信中心官网或银行网点。',
          group: 'credit-query',
        }),
      });
      expect(grouped.body.warnings).toEqual([]);
    });

    it('lists the warnings of each question in an import dry run', async () => {
      const gift = [
        '::全选::防范刷单诈骗，下列做法正确的有：{',
        '~%33.33333%不做刷单',
        '~%33.33333%不垫付',
        '~%33.33333%保存证据并报警',
        '~%-100%先垫付试试',
        '}',
        '',
        '::平衡::网购退款应通过哪里办理？{',
        '=购物平台内的官方退款入口',
        '~对方发来的退款链接',
        '~对方提供的客服微信号',
        '}',
      ].join('\n');
      const res = await importFile(Buffer.from(gift, 'utf8'), 'quality.gift', true);
      expect(res.status).toBe(201);
      expect(res.body.warnings).toEqual([
        { item: '第1题「全选」', warnings: [expect.objectContaining({ code: 'all-but-one', optionKeys: ['D'] })] },
      ]);
    });

    it('reports the flagged questions of the bank with reasons, filtered by rule and fraud type, and the cue statistics', async () => {
      const report = await t.request<QuestionQualityReport>('GET', '/api/questions/quality-report', { token: admin });
      expect(report.status).toBe(200);
      const flagged = report.body.items.find((q) => q.stem === cueLaden.stem);
      expect(flagged?.warnings.map((w) => w.code)).toEqual(['longest-key', 'all-of-the-above', 'stem-echo']);
      expect(report.body.ruleCounts['longest-key']).toBeGreaterThanOrEqual(1);
      expect(report.body.cueStats.single.total).toBeGreaterThan(0);
      expect(report.body.totalQuestions).toBeGreaterThanOrEqual(report.body.flaggedQuestions);

      const byRule = await t.request<QuestionQualityReport>(
        'GET',
        '/api/questions/quality-report?code=all-of-the-above',
        {
          token: admin,
        },
      );
      expect(byRule.body.items.length).toBeGreaterThan(0);
      for (const q of byRule.body.items) expect(q.warnings.map((w) => w.code)).toContain('all-of-the-above');
      const byType = await t.request<QuestionQualityReport>(
        'GET',
        `/api/questions/quality-report?fraudType=${FraudType.GameTrading}&code=all-of-the-above`,
        { token: admin },
      );
      expect(byType.body.items.find((q) => q.stem === cueLaden.stem)).toBeUndefined();
      const bad = await t.request<{ errors: unknown[] }>('GET', '/api/questions/quality-report?code=nonsense', {
        token: admin,
      });
      expect(bad.status).toBe(400);
    });
  });

  it('validates questions with Chinese messages', async () => {
    const bad = await t.request<{ message: string; errors: unknown[] }>('POST', '/api/questions', {
      token: admin,
      body: { ...judgeQuestion('T'), answer: ['T', 'F'] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/判断题/);
    const dup = await t.request<{ message: string }>('POST', '/api/questions', {
      token: admin,
      body: { ...singleQuestion(), stem: '好题：正确做法是？' },
    });
    expect([201, 409]).toContain(dup.status);
    const again = await t.request<{ message: string }>('POST', '/api/questions', {
      token: admin,
      body: { ...singleQuestion(), stem: '好题：正确做法是？' },
    });
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/相同题干/);
  });

  it('retires a question so random rules stop drawing it, and counts what a rule can draw', async () => {
    const q = await createQuestion(
      t,
      admin,
      singleQuestion({ fraudType: FraudType.GameTrading, stem: '游戏账号私下交易安全吗？' }),
    );
    const countOf = async () =>
      (
        await t.request<{ count: number }>(
          'GET',
          `/api/questions/count?type=single&fraudType=${FraudType.GameTrading}`,
          { token: admin },
        )
      ).body.count;
    expect(await countOf()).toBe(1);
    await t.request('POST', `/api/questions/${q.id}/retire`, { token: admin });
    expect(await countOf()).toBe(0);
    await t.request('POST', `/api/questions/${q.id}/restore`, { token: admin });
    expect(await countOf()).toBe(1);
  });

  it('loads the shipped starter bank on demand, covering all ten fraud types and three question types', async () => {
    const res = await t.request<SeedResult>('POST', '/api/questions/seed', { token: admin });
    expect(res.body.questions).toBeGreaterThanOrEqual(150);
    const again = await t.request<SeedResult>('POST', '/api/questions/seed', { token: admin });
    expect(again.body.questions).toBe(0);
    // The shipped 互斥组 come with the bank: every question keeps the group questions.json gives it.
    const rows = await t.dataSource.getRepository(Question).find({ select: { stem: true, exclusionGroup: true } });
    const groupOf = new Map(rows.map((row) => [row.stem, row.exclusionGroup]));
    for (const q of starterQuestions as QuestionDraft[])
      expect([q.stem, groupOf.get(q.stem)]).toEqual([q.stem, q.group ?? null]);
    for (const fraudType of Object.values(FraudType)) {
      for (const type of Object.values(QuestionType)) {
        const c = await t.request<{ count: number }>(
          'GET',
          `/api/questions/count?type=${type}&fraudType=${fraudType}`,
          { token: admin },
        );
        expect(c.body.count).toBeGreaterThan(0);
      }
    }
  });
});
