import type { AuditLogDto, AuditLogQuery, Page } from '@campus/shared';
import { http } from './http';

export function listAuditLogs(query: AuditLogQuery, signal?: AbortSignal): Promise<Page<AuditLogDto>> {
  return http.get<Page<AuditLogDto>>('/audit-logs', { query: { ...query }, signal });
}
