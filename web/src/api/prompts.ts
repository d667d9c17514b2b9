import type {
  NextPromptDto,
  Page,
  PromptCoverageDto,
  PromptCoverageQuery,
  PromptDeliveryDto,
  PromptDeliveryQuery,
  PromptDto,
  PromptImportIssue,
  PromptImportResult,
  PromptInput,
  PromptListQuery,
  PromptSeedResult,
} from '@campus/shared';
import { ApiError, http, type DownloadedFile } from './http';

export function listPrompts(query: PromptListQuery, signal?: AbortSignal): Promise<Page<PromptDto>> {
  return http.get<Page<PromptDto>>('/prompts', { query: { ...query }, signal });
}

export function getPrompt(id: number, signal?: AbortSignal): Promise<PromptDto> {
  return http.get<PromptDto>(`/prompts/${id}`, { signal });
}

export function createPrompt(input: PromptInput): Promise<PromptDto> {
  return http.post<PromptDto>('/prompts', input);
}

export function updatePrompt(id: number, input: PromptInput): Promise<PromptDto> {
  return http.put<PromptDto>(`/prompts/${id}`, input);
}

export function retirePrompt(id: number): Promise<PromptDto> {
  return http.post<PromptDto>(`/prompts/${id}/retire`);
}

export function restorePrompt(id: number): Promise<PromptDto> {
  return http.post<PromptDto>(`/prompts/${id}/restore`);
}

export interface NextPromptOptions {
  /** Start a new round when the class has heard every prompt. */
  repeat?: boolean;
  /** Prompts passed over with 换一条. */
  exclude?: readonly number[];
  signal?: AbortSignal;
}

/**
 * The next prompt for a class, or `null` with the server's explanation when the class has heard every
 * available prompt (404). Other failures are thrown.
 */
export async function nextPrompt(
  classId: number,
  options: NextPromptOptions = {},
): Promise<{ prompt: NextPromptDto } | { prompt: null; message: string }> {
  try {
    const prompt = await http.get<NextPromptDto>('/prompts/next', {
      query: {
        classId,
        repeat: options.repeat || undefined,
        exclude: options.exclude?.length ? options.exclude.join(',') : undefined,
      },
      signal: options.signal,
    });
    return { prompt };
  } catch (error) {
    if (error instanceof ApiError && error.statusCode === 404) return { prompt: null, message: error.message };
    throw error;
  }
}

/** Logs the talk; logging it again within the hour answers the same delivery (`alreadyLogged`). */
export function logDelivery(promptId: number, classId: number): Promise<PromptDeliveryDto> {
  return http.post<PromptDeliveryDto>(`/prompts/${promptId}/deliveries`, { classId });
}

export function listDeliveries(query: PromptDeliveryQuery, signal?: AbortSignal): Promise<Page<PromptDeliveryDto>> {
  return http.get<Page<PromptDeliveryDto>>('/prompts/deliveries', { query: { ...query }, signal });
}

export function promptCoverage(query: PromptCoverageQuery, signal?: AbortSignal): Promise<PromptCoverageDto> {
  return http.get<PromptCoverageDto>('/prompts/coverage', { query: { ...query }, signal });
}

/** An import either passes, or is rejected whole (422) with every bad row and column. */
export type PromptImportOutcome =
  | { ok: true; result: PromptImportResult }
  | { ok: false; message: string; errors: PromptImportIssue[]; duplicates: PromptImportIssue[] };

function issues(value: unknown): PromptImportIssue[] {
  return Array.isArray(value) ? (value as PromptImportIssue[]) : [];
}

export async function importPrompts(
  file: File,
  options: { dryRun: boolean; onProgress?: (fraction: number) => void },
): Promise<PromptImportOutcome> {
  const form = new FormData();
  form.append('file', file, file.name);
  try {
    const result = await http.upload<PromptImportResult>('/prompts/import', form, {
      query: { dryRun: options.dryRun },
      onProgress: options.onProgress,
    });
    return { ok: true, result };
  } catch (error) {
    if (!(error instanceof ApiError) || error.statusCode !== 422) throw error;
    const body = (
      typeof error.body === 'object' && error.body !== null ? error.body : {}
    ) as Partial<PromptImportResult>;
    const errors = issues(body.errors);
    // An unreadable file has no rows to name: its one message is the error.
    return {
      ok: false,
      message: error.message,
      errors: errors.length > 0 ? errors : [{ row: 0, message: error.message }],
      duplicates: issues(body.duplicates),
    };
  }
}

export function downloadPromptTemplate(): Promise<DownloadedFile> {
  return http.download('/prompts/template', '课前3分钟提示导入模板.xlsx');
}

export function exportPrompts(
  filters: Pick<PromptListQuery, 'fraudType' | 'q' | 'status' | 'availability'>,
): Promise<DownloadedFile> {
  return http.download('/prompts/export', '课前3分钟提示.xlsx', { query: { ...filters } });
}

/** Loads the shipped prompts; only titles not yet in the library are added. */
export function seedPrompts(): Promise<PromptSeedResult> {
  return http.post<PromptSeedResult>('/prompts/seed');
}
