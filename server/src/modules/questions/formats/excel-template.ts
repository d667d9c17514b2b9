import {
  ALL_FRAUD_TYPES,
  FRAUD_TYPE_NAMES,
  FraudType,
  fraudTypeFromName,
  JUDGE_OPTIONS,
  QUESTION_TYPE_LABELS,
  QUESTION_LIMITS,
  QuestionType,
  type QuestionDraft,
} from '@campus/shared';
import { UnprocessableEntityException } from '@nestjs/common';
import ExcelJS from 'exceljs';
import {
  DRAFT_DEFAULTS,
  MAX_DIFFICULTY,
  MIN_DIFFICULTY,
  OPTION_KEYS,
  type ParsedQuestions,
} from './question-format.types';
import { plainText } from './question-text';
import { readTabularFile, type Tabular } from '../../../common/files/tabular-file';
import { neutraliseFormula, restoreFormulaText } from '../../../common/files/xlsx-export';

/** The template offers as many option columns as a question may have (选项A–选项H). */
const TEMPLATE_OPTION_KEYS = OPTION_KEYS.slice(0, QUESTION_LIMITS.options);

const COLUMN = {
  type: '题型',
  stem: '题干',
  answer: '答案',
  analysis: '解析',
  fraudType: '诈骗类型',
  difficulty: '难度',
  tags: '标签',
  group: '互斥组',
} as const;
const optionColumn = (key: string) => `选项${key}`;

const HEADERS: readonly string[] = [
  COLUMN.type,
  COLUMN.stem,
  ...TEMPLATE_OPTION_KEYS.map(optionColumn),
  COLUMN.answer,
  COLUMN.analysis,
  COLUMN.fraudType,
  COLUMN.difficulty,
  COLUMN.tags,
  COLUMN.group,
];
const WIDTHS: Record<string, number> = {
  [COLUMN.stem]: 48,
  [COLUMN.analysis]: 36,
  [COLUMN.fraudType]: 20,
  [COLUMN.tags]: 18,
};
const REQUIRED = [COLUMN.type, COLUMN.stem, COLUMN.answer];

const QUESTION_SHEET = '题目';
const GUIDE_SHEET = '填写说明';
/** Rows that get drop-down lists in a new file; enough for a large batch, small enough to stay quick. */
const VALIDATED_ROWS = 1000;

const TYPE_BY_LABEL: Record<string, QuestionType> = {
  单选: QuestionType.Single,
  单选题: QuestionType.Single,
  多选: QuestionType.Multiple,
  多选题: QuestionType.Multiple,
  判断: QuestionType.Judge,
  判断题: QuestionType.Judge,
  SINGLE: QuestionType.Single,
  MULTIPLE: QuestionType.Multiple,
  JUDGE: QuestionType.Judge,
};
const JUDGE_TRUE = new Set(['正确', '对', 'T', 'TRUE', '√', '✓', '是']);
const JUDGE_FALSE = new Set(['错误', '错', 'F', 'FALSE', '×', '✗', '否']);
const [JUDGE_TRUE_KEY = 'T', JUDGE_FALSE_KEY = 'F'] = JUDGE_OPTIONS.map((option) => option.key);

const TAG_SEPARATORS = /[、，,;；]/;
const ANSWER_SEPARATORS = /[\s、，,;；/]/g;

const EXAMPLES: QuestionDraft[] = [
  {
    type: QuestionType.Multiple,
    stem: '以下哪些是“虚假网络投资理财”诈骗的常见特征？',
    options: [
      { key: 'A', text: '承诺高收益、稳赚不赔' },
      { key: 'B', text: '在持牌证券公司的官方 App 内交易' },
      { key: 'C', text: '“导师”拉你进群免费荐股' },
      { key: 'D', text: '要求在陌生网站或 App 充值入金' },
    ],
    answer: ['A', 'C', 'D'],
    analysis: '正规投资不会承诺稳赚不赔；进群荐股、在陌生平台充值都是投资理财诈骗的典型套路。',
    fraudType: FraudType.Investment,
    difficulty: 3,
    tags: ['荐股群', '高收益'],
  },
  {
    type: QuestionType.Judge,
    stem: '自称民警的人通过视频出示“警官证”，要求把钱转到“安全账户”配合调查，这是正常的办案程序。',
    options: JUDGE_OPTIONS.map((option) => ({ ...option })),
    answer: ['F'],
    analysis: '公检法机关不会通过电话或视频办案，更没有所谓的“安全账户”。',
    fraudType: FraudType.ImpersonateAuthority,
    difficulty: 1,
    tags: ['安全账户'],
  },
];

/** The blank import template: the header, two example rows to overwrite, and a sheet of instructions. */
export async function buildQuestionTemplate(): Promise<Buffer> {
  return writeQuestionsXlsx(EXAMPLES);
}

/** Questions in the template's layout, so an export can be edited and imported again unchanged. */
export async function writeQuestionsXlsx(drafts: readonly QuestionDraft[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(QUESTION_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = HEADERS.map((header) => ({ header, width: WIDTHS[header] ?? (header.startsWith('选项') ? 18 : 10) }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };

  drafts.forEach((draft, index) =>
    sheet.addRow(rowOf(draft, index + 1).map((v) => (typeof v === 'string' ? neutraliseFormula(v) : v))),
  );
  addDropDowns(sheet, Math.max(VALIDATED_ROWS, drafts.length + 1));
  addGuide(workbook.addWorksheet(GUIDE_SHEET));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function rowOf(draft: QuestionDraft, ordinal: number): Array<string | number> {
  const byKey = new Map(draft.options.map((option) => [option.key, option.text]));
  const isJudge = draft.type === QuestionType.Judge;
  if (!isJudge) {
    const outside = draft.options.find((option) => !TEMPLATE_OPTION_KEYS.includes(option.key));
    if (outside) throw new RangeError(`第${ordinal}题的选项 ${outside.key} 超出了模板的选项列`);
  }
  return [
    QUESTION_TYPE_LABELS[draft.type],
    draft.stem,
    ...TEMPLATE_OPTION_KEYS.map((key) => (isJudge ? '' : (byKey.get(key) ?? ''))),
    isJudge ? judgeAnswerLabel(draft.answer[0]) : draft.answer.join(''),
    draft.analysis,
    FRAUD_TYPE_NAMES[draft.fraudType],
    draft.difficulty,
    (draft.tags ?? []).join('、'),
    draft.group ?? '',
  ];
}

function judgeAnswerLabel(key: string | undefined): string {
  return JUDGE_OPTIONS.find((option) => option.key === key)?.text ?? '';
}

/**
 * exceljs accepts a validation for a whole range but does not declare it. Setting one per cell
 * instead makes exceljs 4.4 write overlapping ranges (A10:A1000 beside A2:A1000), which Excel
 * reports as a damaged file.
 */
interface RangeValidations {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}

function addDropDowns(sheet: ExcelJS.Worksheet, lastRow: number): void {
  const list = (values: readonly string[]): ExcelJS.DataValidation => ({
    type: 'list',
    allowBlank: true,
    formulae: [`"${values.join(',')}"`],
  });
  const difficultyRange: ExcelJS.DataValidation = {
    type: 'whole',
    operator: 'between',
    allowBlank: true,
    formulae: [MIN_DIFFICULTY, MAX_DIFFICULTY],
    showErrorMessage: true,
    error: `难度应为 ${MIN_DIFFICULTY} 到 ${MAX_DIFFICULTY} 的整数`,
  };
  const { dataValidations } = sheet as unknown as RangeValidations;
  const columnRange = (header: string) => {
    const letter = sheet.getColumn(HEADERS.indexOf(header) + 1).letter;
    return `${letter}2:${letter}${lastRow}`;
  };
  dataValidations.add(columnRange(COLUMN.type), list(Object.values(QUESTION_TYPE_LABELS)));
  dataValidations.add(columnRange(COLUMN.fraudType), list(ALL_FRAUD_TYPES.map((code) => FRAUD_TYPE_NAMES[code])));
  dataValidations.add(columnRange(COLUMN.difficulty), difficultyRange);
}

function addGuide(sheet: ExcelJS.Worksheet): void {
  sheet.columns = [
    { header: '列', width: 12 },
    { header: '怎么填', width: 90 },
  ];
  sheet.getRow(1).font = { bold: true };
  const fraudNames = ALL_FRAUD_TYPES.map((code) => FRAUD_TYPE_NAMES[code]).join('、');
  sheet.addRows([
    [COLUMN.type, '必填：单选、多选 或 判断。'],
    [COLUMN.stem, '必填：题目的文字。'],
    [
      `选项A–选项${TEMPLATE_OPTION_KEYS.at(-1) ?? ''}`,
      '单选、多选题从 选项A 起依次填写，至少两个，中间不要空着；判断题不填。',
    ],
    [
      COLUMN.answer,
      '必填：单选填一个字母，如 B；多选填全部正确选项，如 ACD 或 A,C,D；判断填 正确 或 错误（也可填 T/F）。',
    ],
    [COLUMN.analysis, '选填：答题后给学生看的解析。'],
    [COLUMN.fraudType, `选填，默认「其他」：${fraudNames}。`],
    [
      COLUMN.difficulty,
      `选填，默认 ${DRAFT_DEFAULTS.difficulty}：${MIN_DIFFICULTY}（最易）到 ${MAX_DIFFICULTY}（最难）的整数。`,
    ],
    [COLUMN.tags, '选填：多个标签用 、 ， , 或 ; 隔开。'],
    [
      COLUMN.group,
      '选填：考查同一知识点的题填同一个组名（如 征信查询渠道 或 credit-report），随机抽题时同组至多抽一题；只能用文字、数字、- 和 _。',
    ],
    ['', `「${QUESTION_SHEET}」表的第 2、3 行是示例，导入前请改写或删除；不要改动第 1 行的列标题。`],
  ]);
  sheet.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
}

/** Rows a question file may have; the bank holds a few thousand questions in all. */
export const QUESTION_XLSX_MAX_ROWS = 10_000;

/** A header as people type it: "题干*" or "选项 a" name the same column. */
function normaliseHeader(header: string): string {
  return header.replace(/[\s*＊]/g, '').toUpperCase();
}

/**
 * Reads the template back. Columns are found by their titles in row 1, so reordered or extra columns
 * are fine. A row with problems becomes one error naming the Excel row and each bad column. The
 * file goes through the bounded spreadsheet reader: a zip bomb is refused (413) before it is parsed.
 */
export async function parseQuestionsXlsx(buffer: Buffer): Promise<ParsedQuestions> {
  const result: ParsedQuestions = { questions: [], skipped: [], errors: [] };
  let table: Tabular;
  try {
    table = await readTabularFile(buffer, {
      maxRows: QUESTION_XLSX_MAX_ROWS,
      pickSheet: (header) => header.map(normaliseHeader).includes(COLUMN.stem),
    });
  } catch (error) {
    if (!(error instanceof UnprocessableEntityException)) throw error;
    result.errors.push({ item: '文件', message: '无法读取 Excel 文件，请确认是未损坏的 .xlsx' });
    return result;
  }

  const columns = new Map<string, number>();
  table.header.forEach((title, index) => {
    const header = normaliseHeader(title);
    if (header !== '' && !columns.has(header)) columns.set(header, index);
  });
  if (!columns.has(COLUMN.stem)) {
    result.errors.push({ item: '第1行', message: `找不到列标题：第 1 行应有「${REQUIRED.join('」「')}」等列` });
    return result;
  }
  const missing = REQUIRED.filter((header) => !columns.has(header));
  if (missing.length > 0) {
    result.errors.push({ item: '第1行', message: `缺少「${missing.join('」「')}」列` });
    return result;
  }

  for (const row of table.rows) {
    const cellOf = (header: string) => {
      const column = columns.get(header);
      return column === undefined ? '' : restoreFormulaText(row.cells[column] ?? '');
    };
    const item = `第${row.rowNumber}行`;
    const outcome = readRow(cellOf);
    if (Array.isArray(outcome)) result.errors.push({ item, message: outcome.join('；') });
    else result.questions.push({ item, draft: outcome });
  }
  return result;
}

type Read = (header: string) => string;

/** The draft, or the problems found, each naming its column. */
function readRow(read: Read): QuestionDraft | string[] {
  const problems: string[] = [];
  const rawType = read(COLUMN.type);
  const type = TYPE_BY_LABEL[rawType.toUpperCase()];
  if (rawType === '') problems.push(`「${COLUMN.type}」列：不能为空`);
  else if (type === undefined) problems.push(`「${COLUMN.type}」列：应为 单选、多选 或 判断，而不是「${rawType}」`);

  const stem = plainText(read(COLUMN.stem));
  if (stem === '') problems.push(`「${COLUMN.stem}」列：不能为空`);

  let options: QuestionDraft['options'] = [];
  let answer: string[] = [];
  if (type === QuestionType.Judge) {
    options = JUDGE_OPTIONS.map((option) => ({ ...option }));
    answer = readJudgeAnswer(read(COLUMN.answer), problems);
  } else if (type !== undefined) {
    options = readOptions(read, problems);
    answer = readChoiceAnswer(read(COLUMN.answer), type, options, problems);
  }

  const rawFraudType = read(COLUMN.fraudType);
  const fraudType = rawFraudType === '' ? DRAFT_DEFAULTS.fraudType : fraudTypeFromName(rawFraudType);
  if (fraudType === undefined) {
    const names = ALL_FRAUD_TYPES.map((code) => FRAUD_TYPE_NAMES[code]).join('、');
    problems.push(`「${COLUMN.fraudType}」列：「${rawFraudType}」不是已知的诈骗类型，可填：${names}`);
  }

  const rawDifficulty = read(COLUMN.difficulty);
  const difficulty = rawDifficulty === '' ? DRAFT_DEFAULTS.difficulty : Number(rawDifficulty);
  if (!Number.isInteger(difficulty) || difficulty < MIN_DIFFICULTY || difficulty > MAX_DIFFICULTY) {
    problems.push(
      `「${COLUMN.difficulty}」列：应为 ${MIN_DIFFICULTY} 到 ${MAX_DIFFICULTY} 的整数，而不是「${rawDifficulty}」`,
    );
  }

  if (problems.length > 0 || type === undefined || fraudType === undefined) return problems;
  return {
    type,
    stem,
    options,
    answer,
    analysis: plainText(read(COLUMN.analysis)),
    fraudType,
    difficulty,
    tags: readTags(read(COLUMN.tags)),
    ...readGroup(read(COLUMN.group)),
  };
}

function readOptions(read: Read, problems: string[]): QuestionDraft['options'] {
  const texts = TEMPLATE_OPTION_KEYS.map((key) => plainText(read(optionColumn(key))));
  const count = texts.reduce((last, text, i) => (text === '' ? last : i + 1), 0);
  const gap = texts.findIndex((text) => text === '');
  if (gap >= 0 && gap < count) {
    problems.push(`「${optionColumn(TEMPLATE_OPTION_KEYS[gap] ?? '')}」列：选项须从 A 起连续填写，中间不能空着`);
  } else if (count < 2) {
    problems.push(`「${optionColumn(TEMPLATE_OPTION_KEYS[count] ?? '')}」列：选择题至少需要两个选项`);
  }
  return texts.slice(0, count).map((text, i) => ({ key: TEMPLATE_OPTION_KEYS[i] ?? '', text }));
}

function readChoiceAnswer(
  raw: string,
  type: QuestionType,
  options: QuestionDraft['options'],
  problems: string[],
): string[] {
  const where = `「${COLUMN.answer}」列：`;
  if (raw === '') {
    problems.push(`${where}不能为空`);
    return [];
  }
  const letters = raw.normalize('NFKC').toUpperCase().replace(ANSWER_SEPARATORS, '');
  if (!/^[A-Z]+$/.test(letters)) {
    problems.push(`${where}「${raw}」不是选项字母，应写作 B 或 ACD 这样`);
    return [];
  }
  const keys = [...new Set(letters)].sort();
  if (type === QuestionType.Single && keys.length > 1) {
    problems.push(`${where}单选题只能有一个答案，而不是「${raw}」`);
  }
  const known = new Set(options.map((option) => option.key));
  const unknown = keys.filter((key) => !known.has(key));
  if (unknown.length > 0 && options.length >= 2) {
    problems.push(`${where}答案 ${unknown.join('、')} 没有对应的选项（已填 ${[...known].join('、')}）`);
  }
  return keys;
}

function readJudgeAnswer(raw: string, problems: string[]): string[] {
  const value = raw.normalize('NFKC').toUpperCase();
  if (JUDGE_TRUE.has(value)) return [JUDGE_TRUE_KEY];
  if (JUDGE_FALSE.has(value)) return [JUDGE_FALSE_KEY];
  problems.push(
    raw === ''
      ? `「${COLUMN.answer}」列：不能为空`
      : `「${COLUMN.answer}」列：判断题应填 正确 或 错误（也可填 T/F），而不是「${raw}」`,
  );
  return [];
}

function readTags(raw: string): string[] {
  const tags = raw
    .split(TAG_SEPARATORS)
    .map((tag) => plainText(tag))
    .filter((tag) => tag !== '');
  return [...new Set(tags)];
}

/** The 互斥组 cell: present only when filled, so files without the column read as before. */
function readGroup(raw: string): Pick<QuestionDraft, 'group'> {
  const group = raw.trim();
  return group === '' ? {} : { group };
}
