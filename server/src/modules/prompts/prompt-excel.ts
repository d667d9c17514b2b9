import { UnprocessableEntityException } from '@nestjs/common';
import {
  ALL_FRAUD_TYPES,
  FRAUD_TYPE_NAMES,
  FraudType,
  expiryForLastDay,
  fraudTypeFromName,
  COMPOSITE_SOURCE_LABEL,
  isCalendarDate,
  lastDayBeforeExpiry,
  PROMPT_SOURCE_KIND_NAMES,
  type PromptField,
  type PromptImportIssue,
  type PromptInput,
  type PromptSourceKind,
} from '@campus/shared';
import type { Tabular } from '../../common/files/tabular-file';
import { buildXlsx, type SheetSpec } from '../../common/files/xlsx-export';
import type { Prompt } from './prompt.entity';

/** The columns of the prompt workbook, in order; the import finds them by these titles. */
export const PROMPT_COLUMNS: Record<PromptField, string> = {
  title: '标题',
  fraudType: '诈骗类型',
  story: '案例',
  warningSigns: '预警信号',
  actions: '应对做法',
  takeaway: '一句话提醒',
  teachingPoints: '讲解要点',
  'discussion.question': '互动提问',
  'discussion.answer': '参考答案',
  tags: '标签',
  sourceKind: '来源类型',
  sourceIssuer: '发布机关',
  source: '来源',
  sourceDate: '来源日期',
  expiresAt: '有效期至',
};

/** What a workbook row is made of: a stored prompt, or a checked draft (the template's example). */
type PromptRow = Pick<
  Prompt,
  | 'title'
  | 'fraudType'
  | 'story'
  | 'warningSigns'
  | 'actions'
  | 'takeaway'
  | 'teachingPoints'
  | 'discussionQuestion'
  | 'discussionAnswer'
  | 'tags'
  | 'sourceKind'
  | 'sourceIssuer'
  | 'source'
  | 'sourceDate'
  | 'expiresAt'
>;
const FIELDS = Object.keys(PROMPT_COLUMNS) as PromptField[];
const REQUIRED: PromptField[] = ['title', 'fraudType', 'story', 'warningSigns', 'actions', 'takeaway'];
const WIDTHS: Partial<Record<PromptField, number>> = {
  title: 28,
  fraudType: 18,
  story: 60,
  warningSigns: 40,
  actions: 40,
  takeaway: 36,
  teachingPoints: 50,
  'discussion.question': 36,
  'discussion.answer': 40,
  sourceKind: 12,
  sourceIssuer: 18,
  source: 30,
};

/** Header spellings people use besides the template's own. */
const ALIASES: Record<string, PromptField> = {
  ...Object.fromEntries(FIELDS.map((field) => [PROMPT_COLUMNS[field], field])),
  题目: 'title',
  类型: 'fraudType',
  案例故事: 'story',
  故事: 'story',
  识别要点: 'warningSigns',
  应对措施: 'actions',
  怎么办: 'actions',
  提醒: 'takeaway',
  一句话: 'takeaway',
  教师讲解要点: 'teachingPoints',
  讲解提示: 'teachingPoints',
  课堂提问: 'discussion.question',
  提问: 'discussion.question',
  答案: 'discussion.answer',
  提问答案: 'discussion.answer',
  通报标题: 'source',
  通报发布机关: 'sourceIssuer',
  日期: 'sourceDate',
  发布日期: 'sourceDate',
  有效期: 'expiresAt',
  过期日期: 'expiresAt',
};

export const MAX_IMPORT_ROWS = 2000;

/** 预警信号 and 应对做法 hold one item per line (Alt+Enter in Excel); a ；-separated line works too. */
const ITEM_SEPARATORS = /\r?\n|[；;]/;
/** Numbering people put before items: "1." "2、" "①" "•" "-". */
const ITEM_BULLET = /^(?:\d{1,2}[.、．)）]|[①-⑩]|[•·\-*])\s*/;
const TAG_SEPARATORS = /[、，,;；\s]+/;

const GUIDE: Array<[string, string]> = [
  [PROMPT_COLUMNS.title, '必填，最多 60 字；与提示库中已有标题相同的行不会重复导入。'],
  [PROMPT_COLUMNS.fraudType, `必填：${ALL_FRAUD_TYPES.map((code) => FRAUD_TYPE_NAMES[code]).join('、')}。`],
  [PROMPT_COLUMNS.story, '必填：一个真实风格的案例，讲述约 1–2 分钟（200–400 字为宜）。'],
  [PROMPT_COLUMNS.warningSigns, '必填：每条一行（单元格内按 Alt+Enter 换行），也可用；隔开，最多 8 条。'],
  [PROMPT_COLUMNS.actions, '必填：同上，例如 挂断电话、不转账、拨打 96110 咨询、拨打 110 报警。'],
  [PROMPT_COLUMNS.takeaway, '必填：学生应记住的一句话，最多 100 字。'],
  [PROMPT_COLUMNS.teachingPoints, '建议填写 2–4 条：老师讲解时要强调的要点，每条一行，最多 6 条。'],
  [PROMPT_COLUMNS['discussion.question'], '建议填写：讲完后向全班提的一个问题。'],
  [PROMPT_COLUMNS['discussion.answer'], '填写了互动提问时必填：简短的参考答案。'],
  [PROMPT_COLUMNS.tags, '选填：多个标签用 、 或 , 隔开，例如 AI换脸、兼职刷单。'],
  [
    PROMPT_COLUMNS.sourceKind,
    '公开通报 或 综合编写。留空时：填了发布机关、来源日期或其他来源即按公开通报处理，否则按综合编写处理。',
  ],
  [PROMPT_COLUMNS.sourceIssuer, '公开通报必填：发布机关，例如 某市公安局；综合编写留空。'],
  [
    PROMPT_COLUMNS.source,
    `公开通报必填：通报标题，须是能查到的真实通报；综合编写留空或填「${COMPOSITE_SOURCE_LABEL}」。`,
  ],
  [PROMPT_COLUMNS.sourceDate, '公开通报必填：发布日期 YYYY-MM-DD；综合编写留空（综合编写的案例没有日期）。'],
  [PROMPT_COLUMNS.expiresAt, '选填：时效性提示的最后一天（YYYY-MM-DD），过了这一天不再推荐给老师。'],
  ['', '第 1 行是列标题，请勿改动；任何一行有错时整个文件都不会导入，并列出每个错误所在的行和列。'],
];

function rowOf(p: PromptRow): Array<string | number | null> {
  const cells: Record<PromptField, string> = {
    title: p.title,
    fraudType: FRAUD_TYPE_NAMES[p.fraudType],
    story: p.story,
    warningSigns: p.warningSigns.join('\n'),
    actions: p.actions.join('\n'),
    takeaway: p.takeaway,
    teachingPoints: p.teachingPoints.join('\n'),
    'discussion.question': p.discussionQuestion,
    'discussion.answer': p.discussionAnswer,
    tags: p.tags.join('、'),
    sourceKind: PROMPT_SOURCE_KIND_NAMES[p.sourceKind],
    sourceIssuer: p.sourceIssuer,
    source: p.source,
    sourceDate: p.sourceDate ?? '',
    expiresAt: p.expiresAt ? lastDayBeforeExpiry(p.expiresAt) : '',
  };
  return FIELDS.map((field) => cells[field]);
}

/** 来源类型 as people write it: the names the export uses, the codes, or the composite label. */
function readSourceKind(value: string): PromptSourceKind | null | undefined {
  if (value === '') return null;
  const known: Record<string, PromptSourceKind> = {
    公开通报: 'bulletin',
    通报: 'bulletin',
    bulletin: 'bulletin',
    综合编写: 'composite',
    综合典型案情编写: 'composite',
    [COMPOSITE_SOURCE_LABEL]: 'composite',
    composite: 'composite',
  };
  return known[value];
}

const COLUMNS = FIELDS.map((field) => ({ header: PROMPT_COLUMNS[field], width: WIDTHS[field] }));

/** The prompts in the import layout (plus 编号 and 状态, which an import ignores). */
export function writePromptsXlsx(prompts: Prompt[]): Promise<Buffer> {
  const sheet: SheetSpec = {
    name: '课前3分钟提示',
    columns: [...COLUMNS, { header: '编号', width: 8 }, { header: '状态', width: 8 }],
    rows: prompts.map((p) => [...rowOf(p), p.id, p.status === 'active' ? '启用' : '已停用']),
  };
  return buildXlsx([sheet, guideSheet()]);
}

/** The template: the header, one example row to overwrite, and the instructions. */
export function buildPromptTemplate(example: PromptRow): Promise<Buffer> {
  return buildXlsx([{ name: '课前3分钟提示', columns: COLUMNS, rows: [rowOf(example)] }, guideSheet()]);
}

function guideSheet(): SheetSpec {
  return {
    name: '填写说明',
    columns: [
      { header: '列', width: 14 },
      { header: '怎么填', width: 90 },
    ],
    rows: GUIDE,
  };
}

export interface ParsedPromptRow {
  row: number;
  input: PromptInput;
}

export interface ParsedPromptSheet {
  rows: ParsedPromptRow[];
  /** Problems found while reading cells (unknown fraud type, unreadable date). */
  errors: PromptImportIssue[];
}

/**
 * Reads the rows of a prompt workbook. A file without the required columns is refused whole (422);
 * otherwise each row becomes a prompt input or errors naming its row and column.
 */
export function readPromptSheet(table: Tabular): ParsedPromptSheet {
  const index = new Map<PromptField, number>();
  table.header.forEach((raw, i) => {
    const field = ALIASES[raw.replace(/[*＊]/g, '')];
    if (field && !index.has(field)) index.set(field, i);
  });
  const missing = REQUIRED.filter((field) => !index.has(field));
  if (missing.length > 0) {
    throw new UnprocessableEntityException({
      message: `表头缺少必需的列：${missing.map((f) => PROMPT_COLUMNS[f]).join('、')}。请使用下载的模板`,
      dryRun: true,
      created: 0,
      duplicates: [],
      errors: missing.map((f) => ({ row: 1, column: PROMPT_COLUMNS[f], message: `缺少「${PROMPT_COLUMNS[f]}」列` })),
    });
  }

  const result: ParsedPromptSheet = { rows: [], errors: [] };
  for (const { rowNumber, cells } of table.rows) {
    const cell = (field: PromptField) => {
      const at = index.get(field);
      return at === undefined ? '' : unquote((cells[at] ?? '').trim());
    };
    const fail = (field: PromptField, message: string) =>
      result.errors.push({ row: rowNumber, column: PROMPT_COLUMNS[field], message });

    const rawType = cell('fraudType');
    const fraudType = rawType ? fraudTypeFromName(rawType) : undefined;
    if (rawType && !fraudType)
      fail(
        'fraudType',
        `「${rawType}」不是已知的诈骗类型，可填：${ALL_FRAUD_TYPES.map((c) => FRAUD_TYPE_NAMES[c]).join('、')}`,
      );
    if (!rawType) fail('fraudType', '诈骗类型不能为空');

    const sourceDate = readDay(cell('sourceDate'));
    if (sourceDate === undefined) fail('sourceDate', `「${cell('sourceDate')}」不是有效日期，应为 YYYY-MM-DD`);
    const sourceKind = readSourceKind(cell('sourceKind'));
    if (sourceKind === undefined)
      fail('sourceKind', `「${cell('sourceKind')}」不是已知的来源类型，可填：公开通报、综合编写`);
    const lastDay = readDay(cell('expiresAt'));
    if (lastDay === undefined) fail('expiresAt', `「${cell('expiresAt')}」不是有效日期，应为 YYYY-MM-DD`);

    result.rows.push({
      row: rowNumber,
      input: {
        title: cell('title'),
        // A placeholder where the cell was unreadable: that problem is already reported above.
        fraudType: fraudType ?? FraudType.Other,
        story: cell('story'),
        warningSigns: readItems(cell('warningSigns')),
        actions: readItems(cell('actions')),
        takeaway: cell('takeaway'),
        tags: cell('tags').split(TAG_SEPARATORS).filter(Boolean),
        // 讲解要点 are sentences that may hold a ；, so only line breaks separate them.
        teachingPoints: readItems(cell('teachingPoints'), /\r?\n/),
        discussion: { question: cell('discussion.question'), answer: cell('discussion.answer') },
        // An unreadable kind is already reported above; the row is checked as if the column were empty.
        ...(sourceKind ? { sourceKind } : {}),
        sourceIssuer: cell('sourceIssuer'),
        source: cell('source'),
        sourceDate: sourceDate ?? null,
        expiresAt: lastDay ? expiryForLastDay(lastDay).toISOString() : null,
      },
    });
  }
  return result;
}

/** Exports prefix formula-like text with ' (buildXlsx); reading it back drops that quote. */
function unquote(value: string): string {
  return value.replace(/^'(?=[=+\-@])/, '');
}

function readItems(value: string, separators: RegExp = ITEM_SEPARATORS): string[] {
  return value
    .split(separators)
    .map((item) => item.trim().replace(ITEM_BULLET, '').trim())
    .filter(Boolean);
}

/** `YYYY-MM-DD`, `YYYY/M/D`, `YYYY.M.D` or `YYYY年M月D日`; '' → null; anything else → undefined. */
function readDay(value: string): string | null | undefined {
  if (value === '') return null;
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(value);
  if (!match) return undefined;
  const day = `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`;
  return isCalendarDate(day) ? day : undefined;
}
