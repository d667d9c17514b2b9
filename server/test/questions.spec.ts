import {
  FraudType,
  QuestionType,
  type Page,
  type QuestionDto,
  type QuestionImportResult,
  type SeedResult,
} from '@campus/shared';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Question } from '../src/modules/questions/question.entity';
import { writeQuestionsXlsx } from '../src/modules/questions/formats/excel-template';
import { TestApp } from './harness';
import { createQuestion, judgeQuestion, multipleQuestion, singleQuestion } from './factories/exam.factory';

const FIXTURES = join(__dirname, '../../../shared/fixtures/moodle');

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

  it('imports the Moodle GIFT fixture: choice, multiple response and true/false in, other types skipped with reasons', async () => {
    const res = await importFile(readFileSync(join(FIXTURES, 'questions.gift.txt')), 'questions.gift.txt');
    expect(res.status).toBe(201);
    expect(res.body.format).toBe('gift');
    // Q2 (single), colours (multiple: same stem, another type), Q1 and one "2-08 TSL" (true/false);
    // the second "2-08 TSL" has the same stem and type as the first: a duplicate.
    expect(res.body.imported).toBe(4);
    expect(res.body.duplicates).toHaveLength(1);
    expect(res.body.errors).toEqual([]);
    expect(res.body.skipped).toHaveLength(4);
    const reasons = res.body.skipped.map((s) => s.message).join('\n');
    for (const kind of ['问答', '匹配', '数值', '填空|简答']) expect(reasons).toMatch(new RegExp(kind));
    const bank = await t.request<Page<QuestionDto>>('GET', '/api/questions?pageSize=50', { token: admin });
    const types = bank.body.items.map((q) => q.type).sort();
    expect(types).toEqual([QuestionType.Judge, QuestionType.Judge, QuestionType.Multiple, QuestionType.Single].sort());
  });

  it('imports the Aiken fixture: both questions, with the HTML in a stem made harmless text', async () => {
    const res = await importFile(readFileSync(join(FIXTURES, 'questions.aiken.txt')), 'questions.aiken.txt');
    expect(res.body).toMatchObject({ format: 'aiken', imported: 2, errors: [] });
    const bank = await t.request<Page<QuestionDto>>('GET', '/api/questions?pageSize=50', { token: admin });
    for (const q of bank.body.items) {
      expect(q.stem).not.toMatch(/<[a-z]/i);
      for (const o of q.options) expect(o.text).not.toMatch(/<[a-z]/i);
    }
  });

  it('reports stems already in the bank as duplicates and imports nothing twice', async () => {
    const before = await count();
    const res = await importFile(readFileSync(join(FIXTURES, 'questions.aiken.txt')), 'again.txt');
    expect(res.body.imported).toBe(0);
    expect(res.body.duplicates).toHaveLength(2);
    expect(await count()).toBe(before);
  });

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
