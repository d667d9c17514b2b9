import type { InitialPasswordRow, RosterImportResult, RosterRowError } from '@campus/shared';
import { ApiError, http, type DownloadedFile } from './http';

/**
 * A roster file either passes (the counts of what was, or would be, written) or is rejected as a
 * whole with one error per bad row (422: nothing written). Other failures are thrown.
 */
export type RosterImportOutcome =
  { ok: true; result: RosterImportResult } | { ok: false; errors: RosterRowError[]; message: string };

export interface RosterImportOptions {
  dryRun: boolean;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

export async function importRoster(file: File, options: RosterImportOptions): Promise<RosterImportOutcome> {
  const form = new FormData();
  form.append('file', file, file.name);
  try {
    const result = await http.upload<RosterImportResult>('/roster/import', form, {
      query: { dryRun: options.dryRun },
      onProgress: options.onProgress,
      signal: options.signal,
    });
    return { ok: true, result };
  } catch (error) {
    if (!(error instanceof ApiError) || error.statusCode !== 422) throw error;
    const errors = error.errors.map((e) => ({ row: e.row ?? 0, column: e.column ?? '', message: e.message }));
    return { ok: false, errors, message: error.message };
  }
}

export function downloadRosterTemplate(): Promise<DownloadedFile> {
  return http.download('/roster/template', '花名册导入模板.xlsx');
}

/**
 * The import's generated passwords as an Excel table (账号/姓名/初始密码). The server keeps only
 * digests, so the page sends back what the import answered; the server keeps the rows still true
 * and records the export in the audit log.
 */
export function downloadInitialPasswords(accounts: InitialPasswordRow[]): Promise<DownloadedFile> {
  return http.downloadPost('/roster/initial-passwords', { accounts }, '初始密码.xlsx');
}
