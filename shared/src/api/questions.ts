import type { FraudType } from '../fraud-types';
import type { QuestionOption, QuestionType } from '../questions';
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
}

export interface QuestionListQuery extends PageQuery {
  type?: QuestionType;
  fraudType?: FraudType;
  difficulty?: number;
  status?: QuestionStatus;
  q?: string;
  /** Comma-separated ids, e.g. the questions of a fixed paper. */
  ids?: string;
}

export interface QuestionImportItemMessage {
  item: string;
  message: string;
}

/** POST /api/questions/import?dryRun= */
export interface QuestionImportResult {
  dryRun: boolean;
  format: 'xlsx' | 'moodle-xml' | 'gift' | 'aiken';
  imported: number;
  skipped: QuestionImportItemMessage[];
  errors: QuestionImportItemMessage[];
  /** Stems already in the bank or repeated in the file: not imported again. */
  duplicates: QuestionImportItemMessage[];
}

/** GET /api/questions/count: how many active questions a random-draw rule can pick from. */
export interface QuestionCountQuery {
  type?: QuestionType;
  fraudType?: FraudType;
  difficulty?: number;
}

export interface SeedResult {
  questions: number;
}
