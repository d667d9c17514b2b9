import type {
  AlertDto,
  AlertInput,
  AlertListQuery,
  AlertReadStats,
  AlertUnreadQuery,
  AlertUnreadRow,
  MyAlertDto,
  Page,
} from '@campus/shared';
import { http, type DownloadedFile } from './http';

/** Published alerts addressed to the caller, newest first, each with `readAt`. */
export function listMyAlerts(): Promise<MyAlertDto[]> {
  return http.get<MyAlertDto[]>('/my/alerts');
}

/** Read, or for an urgent one acknowledged (“我已阅读并知晓”). Idempotent. */
export function markAlertRead(id: number): Promise<void> {
  return http.post<void>(`/alerts/${id}/read`);
}

export function publishAlert(input: AlertInput): Promise<AlertDto> {
  return http.post<AlertDto>('/alerts', input);
}

export function listAlerts(query: AlertListQuery, signal?: AbortSignal): Promise<Page<AlertDto>> {
  return http.get<Page<AlertDto>>('/alerts', { query: { ...query }, signal });
}

export function getAlert(id: number): Promise<AlertDto> {
  return http.get<AlertDto>(`/alerts/${id}`);
}

export function withdrawAlert(id: number): Promise<AlertDto> {
  return http.post<AlertDto>(`/alerts/${id}/withdraw`);
}

export function getAlertReadStats(id: number): Promise<AlertReadStats> {
  return http.get<AlertReadStats>(`/alerts/${id}/read-stats`);
}

export function listAlertUnread(
  id: number,
  query: AlertUnreadQuery,
  signal?: AbortSignal,
): Promise<Page<AlertUnreadRow>> {
  return http.get<Page<AlertUnreadRow>>(`/alerts/${id}/unread`, { query: { ...query }, signal });
}

export function exportAlertUnread(id: number, query: AlertUnreadQuery): Promise<DownloadedFile> {
  return http.download(`/alerts/${id}/unread/export`, '未读名单.xlsx', { query: { ...query } });
}
