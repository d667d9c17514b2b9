import type { AuditLogDto, AuditLogQuery, Page } from '@campus/shared';
import { http, type DownloadedFile } from './http';

export function listAuditLogs(query: AuditLogQuery, signal?: AbortSignal): Promise<Page<AuditLogDto>> {
  return http.get<Page<AuditLogDto>>('/audit-logs', { query: { ...query }, signal });
}

/** The log as filtered, as an Excel file (newest first). */
export function exportAuditLogs(query: Omit<AuditLogQuery, 'page' | 'pageSize'>): Promise<DownloadedFile> {
  return http.download('/audit-logs/export', '审计日志.xlsx', { query: { ...query } });
}
