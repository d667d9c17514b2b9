import type { QuestionDraft } from '../questions';

/** What a quality rule reads of a question: the wording and the key, nothing stored. */
export type QualityQuestion = Pick<QuestionDraft, 'type' | 'stem' | 'options' | 'answer'>;

/**
 * Every cue the 命题质量检查 knows. Per question: the first seven; per bank: near-duplicate stems;
 * per fixed paper: key position bias, two questions of one 互斥组, and questions carrying cues.
 */
export type QualityWarningCode =
  | 'longest-key'
  | 'all-but-one'
  | 'absolute-word'
  | 'answer-cue-word'
  | 'all-of-the-above'
  | 'option-length-spread'
  | 'stem-echo'
  | 'near-duplicate'
  | 'key-position-bias'
  | 'group-conflict'
  | 'cued-questions';

/** The part of the question a warning points at, so the editor can show it next to that field. */
export type QualityWarningField = 'stem' | 'options' | 'answer' | 'paper';

/** A warning, never a block: the author may keep the question as it is. */
export interface QualityWarning {
  code: QualityWarningCode;
  field: QualityWarningField;
  /** Chinese, with the reason the pattern lets an uninformed student guess. */
  message: string;
  /** The options the warning is about (e.g. the over-long key). */
  optionKeys?: string[];
  /** Other questions involved (near-duplicates, same 互斥组). */
  questionIds?: number[];
}

/** Short Chinese names of the rules, for filters and report columns. */
export const QUALITY_WARNING_LABELS: Record<QualityWarningCode, string> = {
  'longest-key': '正确答案明显最长',
  'all-but-one': '多选题仅一个错误选项',
  'absolute-word': '判断题含绝对化用语',
  'answer-cue-word': '判断题措辞暗示答案',
  'all-of-the-above': '“以上都对”类选项',
  'option-length-spread': '选项长短悬殊',
  'stem-echo': '仅正确答案重复题干用语',
  'near-duplicate': '题干重复或高度相似',
  'key-position-bias': '答案位置分布不均',
  'group-conflict': '同一互斥组出现两题',
  'cued-questions': '卷中有带猜题线索的题',
};

export const ALL_QUALITY_WARNING_CODES = Object.keys(QUALITY_WARNING_LABELS) as QualityWarningCode[];

/**
 * The thresholds of the rules, in one place so the tests, the report and CONTENT.md cite the same figures.
 * Lengths are counted in visible characters (see {@link visibleLength}).
 */
export const QUALITY_THRESHOLDS = {
  /** The key is "noticeably" the longest when it is at least this many times the longest distractor… */
  longestKeyRatio: 1.25,
  /** …and at least this many characters longer (so 5 vs 4 characters is not a cue). */
  longestKeyMinGap: 3,
  /** Options differ "very much" in length when the longest is this many times the shortest… */
  spreadRatio: 2.5,
  /** …and at least this many characters longer. */
  spreadMinGap: 8,
  /**
   * Character-bigram Jaccard similarity of stem + key from which two questions count as near-duplicates.
   * On the first shipped bank, template stems with different topics stayed below 0.45 and the one
   * real duplicate (two items on where to get one's credit report) scored 0.55.
   */
  nearDuplicateJaccard: 0.5,
  /** Item analysis: facility above this is too easy, below the next too hard; discrimination below the last is a flag. */
  tooEasyFacility: 0.9,
  tooHardFacility: 0.2,
  lowDiscrimination: 0,
} as const;
