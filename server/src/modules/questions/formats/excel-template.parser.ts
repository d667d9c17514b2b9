import {
  ALL_FRAUD_TYPES,
  FRAUD_TYPE_NAMES,
  fraudTypeFromName,
  JUDGE_OPTIONS,
  QuestionType,
  type QuestionDraft,
} from '@campus/shared';
import { UnprocessableEntityException } from '@nestjs/common';
import { readTabularFile, type Tabular } from '../../../common/files/tabular-file';
import { restoreFormulaText } from '../../../common/files/xlsx-export';
import { COLUMN, optionColumn, TEMPLATE_OPTION_KEYS } from './excel-template.columns';
import { DRAFT_DEFAULTS, MAX_DIFFICULTY, MIN_DIFFICULTY, type ParsedQuestions } from './question-format.types';
import { plainText } from './question-text';

const REQUIRED = [COLUMN.type, COLUMN.stem, COLUMN.answer];

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
