import { FraudType, JUDGE_OPTIONS, QuestionType, type QuestionDraft } from '@campus/shared';
import ExcelJS from 'exceljs';
import { parseQuestionsXlsx } from './excel-template.parser';
import { buildQuestionTemplate, writeQuestionsXlsx } from './excel-template.writer';

const HEADER = [
  '题型',
  '题干',
  '选项A',
  '选项B',
  '选项C',
  '选项D',
  '选项E',
  '选项F',
  '答案',
  '解析',
  '诈骗类型',
  '难度',
  '标签',
  '互斥组',
];

/** A workbook as a person might fill it in: `rows` are the cells from column A, after the header. */
/** Today's template has a column per option the bank allows; files in the older A–F layout still import. */
const TEMPLATE_HEADER = [...HEADER.slice(0, 8), '选项G', '选项H', ...HEADER.slice(8)];

async function sheetWith(rows: Array<Array<string | number | null>>, header = HEADER): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('题目');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function loadWorkbook(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(buffer).buffer);
  return workbook;
}

const DRAFTS: QuestionDraft[] = [
  {
    type: QuestionType.Single,
    stem: '接到自称“征信中心”的电话，说要注销校园贷记录，你应该：',
    options: [
      { key: 'A', text: '按要求转账“清除记录”' },
      { key: 'B', text: '挂断，征信问题只找人民银行征信中心' },
      { key: 'C', text: '下载对方发来的会议 App' },
    ],
    answer: ['B'],
    analysis: '所谓“注销校园贷”是虚假征信诈骗。\n征信只能由央行征信中心查询，无法“注销”。',
    fraudType: FraudType.FakeCredit,
    difficulty: 2,
    tags: ['征信', '校园贷'],
  },
  {
    type: QuestionType.Multiple,
    stem: '六个选项都用上的多选题',
    options: ['甲', '乙', '丙', '丁', '戊', '己'].map((text, i) => ({ key: 'ABCDEF'[i] ?? '', text })),
    answer: ['A', 'D', 'F'],
    analysis: '',
    fraudType: FraudType.Other,
    difficulty: 5,
    tags: [],
  },
  {
    type: QuestionType.Judge,
    stem: '“领导”加你微信让你先垫付一笔钱，应当先电话核实。',
    options: JUDGE_OPTIONS.map((option) => ({ ...option })),
    answer: ['T'],
    analysis: '',
    fraudType: FraudType.ImpersonateAcquaintance,
    difficulty: 1,
    tags: ['冒充领导'],
  },
];

describe('excel question template', () => {
  it('round-trips drafts through writeQuestionsXlsx and parseQuestionsXlsx unchanged', async () => {
    const parsed = await parseQuestionsXlsx(await writeQuestionsXlsx(DRAFTS));
    expect(parsed.errors).toEqual([]);
    expect(parsed.questions).toEqual(DRAFTS.map((draft, i) => ({ item: `第${i + 2}行`, draft })));
  });

  it('carries the 互斥组 in its own column, and reads a file without the column as having none', async () => {
    const grouped = DRAFTS.map((draft, i) => (i === 0 ? { ...draft, group: 'credit-report' } : draft));
    const parsed = await parseQuestionsXlsx(await writeQuestionsXlsx(grouped));
    expect(parsed.questions.map(({ draft }) => draft.group)).toEqual(['credit-report', undefined, undefined]);
    const sheet = (await loadWorkbook(await writeQuestionsXlsx(grouped))).worksheets[0];
    expect(sheet?.getRow(1).getCell(TEMPLATE_HEADER.length).text).toBe('互斥组');
    expect(sheet?.getRow(2).getCell(TEMPLATE_HEADER.length).text).toBe('credit-report');
  });

  it('builds a template whose header, two examples and instructions are in place', async () => {
    const workbook = await loadWorkbook(await buildQuestionTemplate());
    const [questions, guide] = workbook.worksheets;
    expect(questions?.name).toBe('题目');
    expect((questions?.getRow(1).values as unknown[]).slice(1)).toEqual(TEMPLATE_HEADER);
    expect(questions?.actualRowCount).toBe(3);
    expect(guide?.name).toBe('填写说明');
    expect(guide?.getCell('B5').text).toContain('ACD');
  });

  it('offers drop-down lists for 题型 and 诈骗类型 in the template', async () => {
    const sheet = (await loadWorkbook(await buildQuestionTemplate())).worksheets[0];
    expect(sheet?.getCell('A50').dataValidation).toMatchObject({ type: 'list', formulae: ['"单选,多选,判断"'] });
    expect(sheet?.getCell('M50').dataValidation.formulae[0]).toContain('刷单返利');
    expect(sheet?.getCell('N50').dataValidation).toMatchObject({ type: 'whole', formulae: [1, 5] });
  });

  it('accepts its own example rows', async () => {
    const parsed = await parseQuestionsXlsx(await buildQuestionTemplate());
    expect(parsed.errors).toEqual([]);
    expect(parsed.questions.map(({ item, draft }) => [item, draft.type, draft.answer])).toEqual([
      ['第2行', QuestionType.Multiple, ['A', 'C', 'D']],
      ['第3行', QuestionType.Judge, ['F']],
    ]);
  });

  it('accepts the spellings people use for answers, fraud types and tags', async () => {
    const parsed = await parseQuestionsXlsx(
      await sheetWith([
        ['多选', '题一', '甲', '乙', '丙', '丁', null, null, 'a，c、D', null, 'investment', 4, '投资 ; 理财，荐股'],
        ['判断题', '题二', null, null, null, null, null, null, '错', null, null, null, null],
        ['单选', '题三', '甲', '乙', null, null, null, null, 'Ｂ', null, '冒充公检法及政府机关', '', null],
      ]),
    );
    expect(parsed.errors).toEqual([]);
    const summary = parsed.questions.map(({ draft }) => [draft.answer, draft.fraudType, draft.difficulty, draft.tags]);
    expect(summary).toEqual([
      [['A', 'C', 'D'], FraudType.Investment, 4, ['投资', '理财', '荐股']],
      [['F'], FraudType.Other, 3, []],
      [['B'], FraudType.ImpersonateAuthority, 3, []],
    ]);
  });

  it('finds the columns by their titles, whatever their order', async () => {
    const parsed = await parseQuestionsXlsx(
      await sheetWith(
        [['正确', '备注不读', '网上认识的“投资导师”值得信任。', '判断']],
        ['答案', '备注', '题干', '题型'],
      ),
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.questions[0]?.draft).toMatchObject({
      type: QuestionType.Judge,
      answer: ['T'],
      stem: '网上认识的“投资导师”值得信任。',
    });
  });

  it('reports each bad row by its Excel row number and names the column', async () => {
    const parsed = await parseQuestionsXlsx(
      await sheetWith([
        ['单选', '答案不是字母', '甲', '乙', null, null, null, null, '乙', null, null, null, null],
        ['单选', null, '甲', '乙', null, null, null, null, 'A', null, null, null, null],
        [],
        ['单选', '答案指向空选项', '甲', '乙', null, null, null, null, 'D', null, null, null, null],
        ['单选', '单选给了两个答案', '甲', '乙', null, null, null, null, 'AB', null, null, null, null],
        ['多选', '选项中间空了', '甲', null, '丙', null, null, null, 'AC', null, null, null, null],
        ['判断', '判断答案写错', null, null, null, null, null, null, '也许', null, null, null, null],
        ['问答', '不支持的题型', null, null, null, null, null, null, 'A', null, null, null, null],
        ['单选', '类型与难度都不对', '甲', '乙', null, null, null, null, 'A', null, '彩票', 6, null],
        ['单选', '这一行没问题', '甲', '乙', null, null, null, null, 'A', null, null, null, null],
      ]),
    );
    expect(parsed.questions.map((q) => q.item)).toEqual(['第11行']);
    expect(parsed.errors).toEqual([
      { item: '第2行', message: '「答案」列：「乙」不是选项字母，应写作 B 或 ACD 这样' },
      { item: '第3行', message: '「题干」列：不能为空' },
      { item: '第5行', message: '「答案」列：答案 D 没有对应的选项（已填 A、B）' },
      { item: '第6行', message: '「答案」列：单选题只能有一个答案，而不是「AB」' },
      { item: '第7行', message: '「选项B」列：选项须从 A 起连续填写，中间不能空着' },
      { item: '第8行', message: '「答案」列：判断题应填 正确 或 错误（也可填 T/F），而不是「也许」' },
      { item: '第9行', message: '「题型」列：应为 单选、多选 或 判断，而不是「问答」' },
      {
        item: '第10行',
        message: expect.stringMatching(
          /^「诈骗类型」列：「彩票」不是已知的诈骗类型，可填：刷单返利、.*；「难度」列：应为 1 到 5 的整数，而不是「6」$/,
        ),
      },
    ]);
  });

  it('reports a sheet without the required columns', async () => {
    const parsed = await parseQuestionsXlsx(await sheetWith([['单选', '题']], ['题型', '题干']));
    expect(parsed).toEqual({ questions: [], skipped: [], errors: [{ item: '第1行', message: '缺少「答案」列' }] });
  });

  it('reports a file that is not a workbook', async () => {
    const parsed = await parseQuestionsXlsx(Buffer.from('PK\u0003\u0004 not really a zip'));
    expect(parsed.errors).toEqual([{ item: '文件', message: '无法读取 Excel 文件，请确认是未损坏的 .xlsx' }]);
  });

  it('keeps markup typed into cells as the text it is: a cell is plain text', async () => {
    const parsed = await parseQuestionsXlsx(
      await sheetWith([
        ['单选', '<b>题干</b><script>x()</script>', '<i>甲</i>', '乙', null, null, null, null, 'A', '<p>解析</p>'],
      ]),
    );
    expect(parsed.questions[0]?.draft).toMatchObject({
      stem: '<b>题干</b><script>x()</script>',
      options: [
        { key: 'A', text: '<i>甲</i>' },
        { key: 'B', text: '乙' },
      ],
      analysis: '<p>解析</p>',
    });
  });

  it('exports and reads back questions with seven and eight options, as many as the bank allows', async () => {
    const base = DRAFTS[0] as QuestionDraft;
    const options = (count: number) =>
      'ABCDEFGH'
        .slice(0, count)
        .split('')
        .map((key) => ({ key, text: `选项${key}的内容` }));
    const drafts: QuestionDraft[] = [
      { ...base, type: QuestionType.Multiple, stem: '七个选项的多选题', options: options(7), answer: ['A', 'G'] },
      { ...base, type: QuestionType.Multiple, stem: '八个选项的多选题', options: options(8), answer: ['B', 'H'] },
    ];
    const parsed = await parseQuestionsXlsx(await writeQuestionsXlsx(drafts));
    expect(parsed.errors).toEqual([]);
    expect(parsed.questions.map((q) => q.draft)).toEqual(drafts);
  });
});
