import { JUDGE_OPTIONS, QuestionType, type Page, type QuestionDto, type QuestionImportResult } from '@campus/shared';
import { parseAiken } from '../../src/modules/questions/formats/aiken.parser';
import { detectQuestionFormat } from '../../src/modules/questions/formats/detect-format';
import { parseGift } from '../../src/modules/questions/formats/gift.parser';
import { Question } from '../../src/modules/questions/question.entity';
import { TestApp } from '../harness';
import { moodleFixture, moodleFixtureBytes } from './interop-dir';

/**
 * Moodle's own question-format test files (fixtures/moodle under INTEROP_DIR; see
 * docs/question-formats.md): what a Moodle user brings must import as Moodle reads it.
 */
describe('parseAiken on Moodle material', () => {
  describe("on Moodle's questions.aiken.txt", () => {
    const result = parseAiken(moodleFixture('questions.aiken.txt'));

    it('imports both questions as single choice', () => {
      expect(result.errors).toEqual([]);
      expect(result.skipped).toEqual([]);
      expect(result.questions).toHaveLength(2);
      expect(result.questions[0]).toEqual({
        item: '第1题（第1行）',
        draft: {
          type: QuestionType.Single,
          stem: 'The Moodle project was started by:',
          options: [
            { key: 'A', text: 'Petr Skoda' },
            { key: 'B', text: 'Martin Dougiamas' },
            { key: 'C', text: 'Eloy Lafuente' },
            { key: 'D', text: 'Tim Hunt' },
          ],
          answer: ['B'],
          analysis: '',
          fraudType: 'other',
          difficulty: 3,
          tags: [],
        },
      });
    });

    it('keeps the markup in the second stem as written: Aiken is plain text', () => {
      const draft = result.questions[1]?.draft;
      expect(draft?.stem).toBe(
        'Moodle\'s abilities include handling user input that includes <html class="cool"> & images:',
      );
      expect(draft?.options).toEqual([
        { key: 'A', text: 'True' },
        { key: 'B', text: 'False' },
      ]);
      expect(draft?.answer).toEqual(['A']);
    });
  });
});

describe('parseGift on Moodle material', () => {
  describe("on Moodle's questions.gift.txt", () => {
    const result = parseGift(moodleFixture('questions.gift.txt'));

    it('imports the multiple-choice, multiple-response and true/false questions', () => {
      expect(result.questions.map(({ item, draft }) => [item, draft.type])).toEqual([
        ['第3题「Q2」', QuestionType.Single],
        ['第4题「colours」', QuestionType.Multiple],
        ['第7题「Q1」', QuestionType.Judge],
        ['第8题「2-08 TSL」', QuestionType.Judge],
        ['第9题「2-08 TSL」', QuestionType.Judge],
      ]);
      expect(result.errors).toEqual([]);
    });

    it('skips essay, matching, numerical and short answer, saying which type each was', () => {
      expect(result.skipped).toEqual([
        { item: '第1题「Q8」', message: '不支持的题型：问答题（essay），已跳过' },
        { item: '第2题「Moodle activities」', message: '不支持的题型：匹配题（matching），已跳过' },
        { item: '第5题「Q5」', message: '不支持的题型：数值题（numerical），已跳过' },
        { item: '第6题「Shortanswer」', message: '不支持的题型：简答题（short answer），已跳过' },
      ]);
    });

    it('reads a multiple choice with per-answer feedback and a [plain] marker', () => {
      expect(result.questions[0]?.draft).toEqual({
        type: QuestionType.Single,
        stem: "What's between orange and green in the spectrum?",
        options: [
          { key: 'A', text: 'yellow' },
          { key: 'B', text: 'red' },
          { key: 'C', text: 'blue' },
        ],
        answer: ['A'],
        analysis: 'right; good!',
        fraudType: 'other',
        difficulty: 3,
        tags: [],
      });
    });

    it('takes the positively weighted answers as the correct set of a multiple response', () => {
      const draft = result.questions[1]?.draft;
      expect(draft?.options.map((option) => option.text)).toEqual(['yellow', 'red', 'off-beige', 'blue']);
      expect(draft?.answer).toEqual(['A', 'C']);
    });

    it('reads {FALSE} with its general feedback as the analysis', () => {
      expect(result.questions[2]?.draft).toMatchObject({
        stem: '42 is the Absolute Answer to everything.',
        options: JUDGE_OPTIONS,
        answer: ['F'],
        analysis: "This is, of course, a Hitchiker's Guide to the Galaxy reference.",
      });
    });

    it('reads {T} and {TRUE} alike', () => {
      expect(result.questions[3]?.draft).toMatchObject({ stem: 'TSL is blablabla.', answer: ['T'], analysis: '' });
      expect(result.questions[4]?.draft).toEqual(result.questions[3]?.draft);
    });
  });
});

describe('detectQuestionFormat on Moodle material', () => {
  it("recognises Moodle's GIFT and Aiken fixtures, both plain .txt files", () => {
    expect(detectQuestionFormat(moodleFixtureBytes('questions.gift.txt'), 'questions.txt')).toBe('gift');
    expect(detectQuestionFormat(moodleFixtureBytes('questions.aiken.txt'), 'questions.txt')).toBe('aiken');
  });

  it('goes by the content, not the extension', () => {
    expect(detectQuestionFormat(moodleFixtureBytes('questions.gift.txt'), '题库.xlsx')).toBe('gift');
    expect(detectQuestionFormat(moodleFixtureBytes('questions.aiken.txt'), 'questions.xml')).toBe('aiken');
  });
});

describe('importing Moodle material over HTTP', () => {
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
    const res = await importFile(moodleFixtureBytes('questions.gift.txt'), 'questions.gift.txt');
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

  it('imports the Aiken fixture: both questions, the markup in a stem kept as the text it is', async () => {
    const res = await importFile(moodleFixtureBytes('questions.aiken.txt'), 'questions.aiken.txt');
    expect(res.body).toMatchObject({ format: 'aiken', imported: 2, errors: [] });
    const bank = await t.request<Page<QuestionDto>>('GET', '/api/questions?q=cool', { token: admin });
    expect(bank.body.items.map((q) => q.stem)).toEqual([
      'Moodle\'s abilities include handling user input that includes <html class="cool"> & images:',
    ]);
  });

  it('reports stems already in the bank as duplicates and imports nothing twice', async () => {
    const before = await count();
    const res = await importFile(moodleFixtureBytes('questions.aiken.txt'), 'again.txt');
    expect(res.body.imported).toBe(0);
    expect(res.body.duplicates).toHaveLength(2);
    expect(await count()).toBe(before);
  });
});
