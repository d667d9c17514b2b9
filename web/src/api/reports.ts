import type {
  MyReportTask,
  MyReportUnit,
  Page,
  PageQuery,
  ReportAttachmentDto,
  ReportAttentionSummary,
  ReportDetailDto,
  ReportInput,
  ReportListQuery,
  ReportPeriodDetail,
  ReportPeriodDto,
  ReportPeriodInput,
  ReportSummaryDto,
  ReportUnitOptions,
} from '@campus/shared';
import { http, type DownloadedFile, type UploadOptions } from './http';

export function listReportUnits(): Promise<ReportUnitOptions> {
  return http.get<ReportUnitOptions>('/report-units');
}

export function listReportPeriods(query: PageQuery, signal?: AbortSignal): Promise<Page<ReportPeriodDto>> {
  return http.get<Page<ReportPeriodDto>>('/report-periods', { query: { ...query }, signal });
}

export function createReportPeriod(input: ReportPeriodInput): Promise<ReportPeriodDto> {
  return http.post<ReportPeriodDto>('/report-periods', input);
}

export function updateReportPeriod(id: number, input: ReportPeriodInput): Promise<ReportPeriodDto> {
  return http.put<ReportPeriodDto>(`/report-periods/${id}`, input);
}

export function getReportPeriod(id: number): Promise<ReportPeriodDetail> {
  return http.get<ReportPeriodDetail>(`/report-periods/${id}`);
}

export function getReportAttention(): Promise<ReportAttentionSummary> {
  return http.get<ReportAttentionSummary>('/report-periods/attention');
}

export function getMyReportUnit(): Promise<MyReportUnit> {
  return http.get<MyReportUnit>('/my/report-unit');
}

export function listMyReportTasks(): Promise<MyReportTask[]> {
  return http.get<MyReportTask[]>('/my/report-tasks');
}

export function listReports(query: ReportListQuery, signal?: AbortSignal): Promise<Page<ReportSummaryDto>> {
  return http.get<Page<ReportSummaryDto>>('/reports', { query: { ...query }, signal });
}

export function getReport(id: number): Promise<ReportDetailDto> {
  return http.get<ReportDetailDto>(`/reports/${id}`);
}

export function submitReport(input: ReportInput): Promise<ReportDetailDto> {
  return http.post<ReportDetailDto>('/reports', input);
}

export function updateReport(id: number, input: ReportInput): Promise<ReportDetailDto> {
  return http.put<ReportDetailDto>(`/reports/${id}`, input);
}

export function uploadReportAttachment(
  id: number,
  file: File,
  options: UploadOptions = {},
): Promise<ReportAttachmentDto> {
  const form = new FormData();
  form.append('file', file);
  return http.upload<ReportAttachmentDto>(`/reports/${id}/attachments`, form, options);
}

export function removeReportAttachment(id: number, attachmentId: number): Promise<void> {
  return http.delete<void>(`/reports/${id}/attachments/${attachmentId}`);
}

export function downloadReportAttachment(id: number, attachment: ReportAttachmentDto): Promise<DownloadedFile> {
  return http.download(`/reports/${id}/attachments/${attachment.id}`, attachment.filename);
}

export function commentOnReport(id: number, body: string): Promise<ReportDetailDto> {
  return http.post<ReportDetailDto>(`/reports/${id}/comments`, { body });
}

export function reviewReport(id: number, comment?: string): Promise<ReportDetailDto> {
  return http.post<ReportDetailDto>(`/reports/${id}/review`, { comment });
}
