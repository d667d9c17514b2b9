import {
  ALL_FRAUD_TYPES,
  FRAUD_TYPE_NAMES,
  FraudType,
  JUDGE_OPTIONS,
  QUESTION_TYPE_LABELS,
  QuestionType,
  type QuestionDraft,
} from '@campus/shared';
import ExcelJS from 'exceljs';
import { neutraliseFormula } from '../../../common/files/xlsx-export';
import { COLUMN, HEADERS, QUESTION_SHEET, TEMPLATE_OPTION_KEYS } from './excel-template.columns';
import { DRAFT_DEFAULTS, MAX_DIFFICULTY, MIN_DIFFICULTY } from './question-format.types';

const WIDTHS: Record<string, number> = {
  [COLUMN.stem]: 48,
  [COLUMN.analysis]: 36,
  [COLUMN.fraudType]: 20,
  [COLUMN.tags]: 18,
};
const GUIDE_SHEET = '填写说明';
/** Rows that get drop-down lists in a new file; enough for a large batch, small enough to stay quick. */
const VALIDATED_ROWS = 1000;

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
