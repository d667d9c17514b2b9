import type {
  AntiFraudAppRecord,
  AntiFraudAppReportRequest,
  AppInstallQuery,
  AppInstallStats,
  AppMissingQuery,
  AppMissingRow,
  Page,
} from '@campus/shared';
import { http, type DownloadedFile, type UploadOptions } from './http';

export function getMyAppRecord(): Promise<AntiFraudAppRecord> {
  return http.get<AntiFraudAppRecord>('/my/anti-fraud-app');
}

export function reportMyApp(body: AntiFraudAppReportRequest): Promise<AntiFraudAppRecord> {
  return http.put<AntiFraudAppRecord>('/my/anti-fraud-app', body);
}

export function uploadAppScreenshot(file: File, options: UploadOptions = {}): Promise<AntiFraudAppRecord> {
  const form = new FormData();
  form.append('file', file);
  return http.upload<AntiFraudAppRecord>('/my/anti-fraud-app/screenshot', form, options);
}

export function downloadMyAppScreenshot(): Promise<DownloadedFile> {
  return http.download('/my/anti-fraud-app/screenshot', '截图.png');
}

export function downloadAppScreenshot(userId: number): Promise<DownloadedFile> {
  return http.download(`/anti-fraud-app/records/${userId}/screenshot`, '截图.png');
}

export function getAppInstallStats(query: AppInstallQuery): Promise<AppInstallStats> {
  return http.get<AppInstallStats>('/anti-fraud-app/stats', { query: { ...query } });
}

export function listAppMissing(query: AppMissingQuery, signal?: AbortSignal): Promise<Page<AppMissingRow>> {
  return http.get<Page<AppMissingRow>>('/anti-fraud-app/missing', { query: { ...query }, signal });
}

export function exportAppMissing(query: AppMissingQuery): Promise<DownloadedFile> {
  return http.download('/anti-fraud-app/missing/export', '名单.xlsx', { query: { ...query } });
}
