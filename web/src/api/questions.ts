import type {
  Page,
  QuestionCountQuery,
  QuestionDto,
  QuestionExportFormat,
  QuestionImportItemMessage,
  QuestionImportResult,
  QuestionInput,
  QuestionListQuery,
  QuestionQualityQuery,
  QuestionQualityReport,
  QuestionSaveResult,
  SeedResult,
} from '@campus/shared';
import { ApiError, http, type DownloadedFile } from './http';

export function listQuestions(query: QuestionListQuery, signal?: AbortSignal): Promise<Page<QuestionDto>> {
  return http.get<Page<QuestionDto>>('/questions', { query: { ...query }, signal });
}

export function getQuestion(id: number, signal?: AbortSignal): Promise<QuestionDto> {
  return http.get<QuestionDto>(`/questions/${id}`, { signal });
}

/** The saved question with the 命题质量检查 warnings about it (they never stop a save). */
export function createQuestion(input: QuestionInput): Promise<QuestionSaveResult> {
  return http.post<QuestionSaveResult>('/questions', input);
}

/** Saves a new version; attempts already taken keep the version they were given. */
export function updateQuestion(id: number, input: QuestionInput): Promise<QuestionSaveResult> {
  return http.put<QuestionSaveResult>(`/questions/${id}`, input);
}

/** Every 互斥组 in use, for the editor's autocomplete. */
export function listQuestionGroups(signal?: AbortSignal): Promise<string[]> {
  return http.get<string[]>('/questions/groups', { signal });
}

/** 题库质量报告: flagged active questions with reasons, and the bank's cue statistics. */
export function getQualityReport(query: QuestionQualityQuery, signal?: AbortSignal): Promise<QuestionQualityReport> {
  return http.get<QuestionQualityReport>('/questions/quality-report', { query: { ...query }, signal });
}

export function retireQuestion(id: number): Promise<QuestionDto> {
  return http.post<QuestionDto>(`/questions/${id}/retire`);
}

export function restoreQuestion(id: number): Promise<QuestionDto> {
  return http.post<QuestionDto>(`/questions/${id}/restore`);
}

/** How many active questions a random-draw rule with these filters can pick from. */
export async function countQuestions(query: QuestionCountQuery, signal?: AbortSignal): Promise<number> {
  const { count } = await http.get<{ count: number }>('/questions/count', { query: { ...query }, signal });
  return count;
}

/**
 * A question file either passes (what was, or would be, imported) or is rejected whole (422: nothing
 * written). A rejection carries the full import result when the file could be read, so the admin
 * sees skipped items and duplicates beside the errors; an unreadable file has only the errors.
 */
export type QuestionImportOutcome =
  | { ok: true; result: QuestionImportResult }
  | { ok: false; message: string; result: QuestionImportResult | null; errors: QuestionImportItemMessage[] };

export interface QuestionImportOptions {
  dryRun: boolean;
  /** 导入有效题目: import the valid questions and list the bad ones, instead of refusing the file. */
  skipInvalid?: boolean;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

function itemMessages(value: unknown): QuestionImportItemMessage[] {
  return Array.isArray(value) ? (value as QuestionImportItemMessage[]) : [];
}

/** Older or partial answers may leave out the lists that are empty. */
function normalized(body: QuestionImportResult): QuestionImportResult {
  return {
    ...body,
    skipInvalid: body.skipInvalid === true,
    importable: typeof body.importable === 'number' ? body.importable : body.imported,
    skipped: itemMessages(body.skipped),
    duplicates: itemMessages(body.duplicates),
    errors: itemMessages(body.errors),
    warnings: Array.isArray(body.warnings) ? body.warnings : [],
  };
}

function isImportResult(body: unknown): body is QuestionImportResult {
  return typeof body === 'object' && body !== null && 'imported' in body && 'format' in body;
}

export async function importQuestions(file: File, options: QuestionImportOptions): Promise<QuestionImportOutcome> {
  const form = new FormData();
  form.append('file', file, file.name);
  try {
    const result = await http.upload<QuestionImportResult>('/questions/import', form, {
      query: { dryRun: options.dryRun, ...(options.skipInvalid ? { skipInvalid: true } : {}) },
      onProgress: options.onProgress,
      signal: options.signal,
    });
    return { ok: true, result: normalized(result) };
  } catch (error) {
    if (!(error instanceof ApiError) || error.statusCode !== 422) throw error;
    if (isImportResult(error.body)) {
      const result = normalized(error.body);
      return { ok: false, message: error.message, result, errors: result.errors };
    }
    const errors = error.errors.map((e) => ({ item: String(e.item ?? e.row ?? e.field ?? ''), message: e.message }));
    return { ok: false, message: error.message, result: null, errors };
  }
}

export function downloadQuestionTemplate(): Promise<DownloadedFile> {
  return http.download('/questions/template', '题库导入模板.xlsx');
}

export type { QuestionExportFormat };

export type QuestionExportFilters = Pick<QuestionListQuery, 'type' | 'fraudType' | 'difficulty' | 'status' | 'q'>;

/** The file name when the server's answer names none. */
const EXPORT_FILE_NAMES: Record<QuestionExportFormat, string> = {
  xlsx: '题库导出.xlsx',
  moodle: '题库导出.xml',
  gift: '题库导出-GIFT.txt',
};

export function exportQuestions(format: QuestionExportFormat, filters: QuestionExportFilters): Promise<DownloadedFile> {
  const fallback = EXPORT_FILE_NAMES[format];
  return http.download('/questions/export', fallback, { query: { format, ...filters } });
}

/** Loads the shipped starter bank; only stems not already in the bank are added. */
export function seedQuestions(): Promise<SeedResult> {
  return http.post<SeedResult>('/questions/seed');
}
