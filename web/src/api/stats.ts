import type {
  AwarenessQuery,
  AwarenessReport,
  FraudTypeReport,
  ItemStatisticsQuery,
  ItemStatisticsRow,
  NotPassedPerson,
  NotReachedPerson,
  Page,
  PageQuery,
  StatsFilter,
  StatsPeopleQuery,
  TrendPoint,
  TrendQuery,
  WeeklyReportDto,
  WeeklyReportSummary,
} from '@campus/shared';
import { http, type DownloadedFile } from './http';

export function getAwareness(query: AwarenessQuery, signal?: AbortSignal): Promise<AwarenessReport> {
  return http.get<AwarenessReport>('/stats/awareness', { query: { ...query }, signal });
}

export function exportAwareness(query: AwarenessQuery): Promise<DownloadedFile> {
  return http.download('/stats/awareness/export', '知晓率统计.xlsx', { query: { ...query } });
}

export function getTrend(query: TrendQuery, signal?: AbortSignal): Promise<TrendPoint[]> {
  return http.get<TrendPoint[]>('/stats/trend', { query: { ...query }, signal });
}

export function getFraudTypes(filter: StatsFilter, signal?: AbortSignal): Promise<FraudTypeReport> {
  return http.get<FraudTypeReport>('/stats/fraud-types', { query: { ...filter }, signal });
}

export function getItemStatistics(query: ItemStatisticsQuery, signal?: AbortSignal): Promise<ItemStatisticsRow[]> {
  return http.get<ItemStatisticsRow[]>('/stats/items', { query: { ...query }, signal });
}

export function listNotPassed(query: StatsPeopleQuery, signal?: AbortSignal): Promise<Page<NotPassedPerson>> {
  return http.get<Page<NotPassedPerson>>('/stats/not-passed', { query: { ...query }, signal });
}

export function exportNotPassed(query: Omit<StatsPeopleQuery, 'page' | 'pageSize'>): Promise<DownloadedFile> {
  return http.download('/stats/not-passed/export', '未通过名单.xlsx', { query: { ...query } });
}

export function listNotReached(query: StatsPeopleQuery, signal?: AbortSignal): Promise<Page<NotReachedPerson>> {
  return http.get<Page<NotReachedPerson>>('/stats/not-reached', { query: { ...query }, signal });
}

export function exportNotReached(query: Omit<StatsPeopleQuery, 'page' | 'pageSize'>): Promise<DownloadedFile> {
  return http.download('/stats/not-reached/export', '未覆盖名单.xlsx', { query: { ...query } });
}

export function listWeeklyReports(query: PageQuery, signal?: AbortSignal): Promise<Page<WeeklyReportSummary>> {
  return http.get<Page<WeeklyReportSummary>>('/weekly-reports', { query: { ...query }, signal });
}

/** A report as of now, frozen once made. */
export function generateWeeklyReport(): Promise<WeeklyReportDto> {
  return http.post<WeeklyReportDto>('/weekly-reports');
}

/** Temporary (on-demand) reports only; the Friday reports are kept. */
export function deleteWeeklyReport(id: number): Promise<void> {
  return http.delete<void>(`/weekly-reports/${id}`);
}

export function getWeeklyReport(id: number, signal?: AbortSignal): Promise<WeeklyReportDto> {
  return http.get<WeeklyReportDto>(`/weekly-reports/${id}`, { signal });
}

export function exportWeeklyReport(id: number): Promise<DownloadedFile> {
  return http.download(`/weekly-reports/${id}/export`, `通报-${id}.xlsx`);
}
