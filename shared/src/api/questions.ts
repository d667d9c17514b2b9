import type { FraudType } from '../fraud-types';
import type { QuestionOption, QuestionType } from '../questions';
import type { BankCueStats } from '../question-quality/bank-cue-stats';
import type { QualityWarning, QualityWarningCode } from '../question-quality/types';
import type { PageQuery } from './common';

export type QuestionStatus = 'active' | 'retired';

/** A question as admins see it, answer included. `version` grows with every edit. */
export interface QuestionDto {
  id: number;
  version: number;
  type: QuestionType;
  stem: string;
  options: QuestionOption[];
  answer: string[];
  analysis: string;
  fraudType: FraudType;
  difficulty: number;
  tags: string[];
  /** 互斥组 key, null when the question stands alone. */
  group: string | null;
  status: QuestionStatus;
  createdAt: string;
  updatedAt: string;
}

/** Body of POST /api/questions and PUT /api/questions/:id. */
export interface QuestionInput {
  type: QuestionType;
  stem: string;
  options: QuestionOption[];
  answer: string[];
  analysis: string;
  fraudType: FraudType;
  difficulty: number;
  tags?: string[];
  /** 互斥组 key; empty or null: none. */
  group?: string | null;
}

/**
 * Response of POST /api/questions and PUT /api/questions/:id: the saved question and the
 * 命题质量检查 warnings about it (never a reason to refuse the save).
 */
export interface QuestionSaveResult extends QuestionDto {
  warnings: QualityWarning[];
}

export interface QuestionListQuery extends PageQuery {
  type?: QuestionType;
  fraudType?: FraudType;
  difficulty?: number;
  status?: QuestionStatus;
  q?: string;
  /** Comma-separated ids, e.g. the questions of a fixed paper. */
  ids?: string;
  /** Only the questions of this 互斥组. */
  group?: string;
}

export interface QuestionImportItemMessage {
  item: string;
  message: string;
}

/** GET /api/questions/export?format=: the platform's Excel template, Moodle XML or GIFT. */
export const QUESTION_EXPORT_FORMATS = ['xlsx', 'moodle', 'gift'] as const;
export type QuestionExportFormat = (typeof QUESTION_EXPORT_FORMATS)[number];

/**
 * POST /api/questions/import?dryRun=&skipInvalid=. By default a file with any bad question is
 * refused whole (422, nothing written). With skipInvalid the valid questions are imported and the
 * bad ones are listed in `errors` (导入有效题目).
 */
export interface QuestionImportResult {
  dryRun: boolean;
  /** Whether the bad questions were left out (skipInvalid) rather than refusing the file. */
  skipInvalid: boolean;
  format: 'xlsx' | 'moodle-xml' | 'gift' | 'aiken';
  /** Questions written (or, in a dry run, that would be); 0 when the file is refused. */
  imported: number;
  /**
   * The valid questions that are not already in the bank: what 导入有效题目 (skipInvalid) imports.
   * Equal to `imported` unless the file was refused for its errors.
   */
  importable: number;
  skipped: QuestionImportItemMessage[];
  /** Questions with errors (item and reason in Chinese): with skipInvalid, the rejected ones. */
  errors: QuestionImportItemMessage[];
  /** Stems already in the bank or repeated in the file: not imported again. */
  duplicates: QuestionImportItemMessage[];
  /** 命题质量检查 of the questions to import, per question (the file's item); warnings never block. */
  warnings: QuestionImportWarnings[];
}

export interface QuestionImportWarnings {
  item: string;
  warnings: QualityWarning[];
}

/** GET /api/questions/count: how many active questions a random-draw rule can pick from. */
export interface QuestionCountQuery {
  type?: QuestionType;
  fraudType?: FraudType;
  difficulty?: number;
}

/** POST /api/questions/seed */
export interface SeedResult {
  /** Shipped questions added. */
  questions: number;
  /** Unedited questions of an earlier release replaced (retired, removed or given the new text). */
  replaced: number;
}

/** GET /api/questions/quality-report: filters of the 题库质量报告. */
export interface QuestionQualityQuery {
  /** Only questions flagged by this rule. */
  code?: QualityWarningCode;
  fraudType?: FraudType;
}

/** A question of the bank the 命题质量检查 flags, with every reason. */
export interface FlaggedQuestion {
  id: number;
  type: QuestionType;
  stem: string;
  fraudType: FraudType;
  group: string | null;
  warnings: QualityWarning[];
}

/** GET /api/questions/quality-report: the active bank checked as a whole. */
export interface QuestionQualityReport {
  /** Active questions checked. */
  totalQuestions: number;
  /** Active questions with at least one warning, before the filters. */
  flaggedQuestions: number;
  /** How many active questions each rule flags, before the filters. */
  ruleCounts: Partial<Record<QualityWarningCode, number>>;
  /** The flagged questions matching the filters, by id. */
  items: FlaggedQuestion[];
  /** How far answering by cues alone would carry on this bank, beside chance. */
  cueStats: BankCueStats;
}
