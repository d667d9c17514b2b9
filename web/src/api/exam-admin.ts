import type {
  ExamCloseResult,
  ExamDto,
  ExamExceptionDto,
  ExamExceptionInput,
  ExamMonitorSnapshot,
  ExamInput,
  ExamListQuery,
  ExamResultQuery,
  ExamResultRow,
  ExamWindowInput,
  Page,
} from '@campus/shared';
import { http, type DownloadedFile } from './http';

export function listExams(query: ExamListQuery, signal?: AbortSignal): Promise<Page<ExamDto>> {
  return http.get<Page<ExamDto>>('/exams', { query: { ...query }, signal });
}

export function getExam(id: number, signal?: AbortSignal): Promise<ExamDto> {
  return http.get<ExamDto>(`/exams/${id}`, { signal });
}

/** A new exam is a draft until published. */
export function createExam(input: ExamInput): Promise<ExamDto> {
  return http.post<ExamDto>('/exams', input);
}

/** Drafts only: 409 once published. */
export function updateExam(id: number, input: ExamInput): Promise<ExamDto> {
  return http.put<ExamDto>(`/exams/${id}`, input);
}

/** 409, with the reason in Chinese, when the exam cannot be published as it stands. */
export function publishExam(id: number): Promise<ExamDto> {
  return http.post<ExamDto>(`/exams/${id}/publish`);
}

export function listExamResults(
  examId: number,
  query: ExamResultQuery,
  signal?: AbortSignal,
): Promise<Page<ExamResultRow>> {
  return http.get<Page<ExamResultRow>>(`/exams/${examId}/results`, { query: { ...query }, signal });
}

export function exportExamResults(
  examId: number,
  query: Omit<ExamResultQuery, 'page' | 'pageSize'>,
): Promise<DownloadedFile> {
  return http.download(`/exams/${examId}/results/export`, `考试成绩-${examId}.xlsx`, { query: { ...query } });
}

/** A published exam's window; attempts in progress keep their deadline rule (never cut short). */
export function changeExamWindow(id: number, input: ExamWindowInput): Promise<ExamDto> {
  return http.put<ExamDto>(`/exams/${id}/window`, input);
}

/** 提前结束: attempts in progress are submitted with what was saved. */
export function closeExam(id: number): Promise<ExamCloseResult> {
  return http.post<ExamCloseResult>(`/exams/${id}/close`);
}

export function listExamExceptions(id: number, signal?: AbortSignal): Promise<ExamExceptionDto[]> {
  return http.get<ExamExceptionDto[]>(`/exams/${id}/exceptions`, { signal });
}

/** 补考/缓考 for named students (学号); all or none. */
export function grantExamException(id: number, input: ExamExceptionInput): Promise<ExamExceptionDto[]> {
  return http.post<ExamExceptionDto[]>(`/exams/${id}/exceptions`, input);
}

export function revokeExamException(id: number, userId: number): Promise<void> {
  return http.delete<void>(`/exams/${id}/exceptions/${userId}`);
}

/** The attempt no longer counts; the audit log keeps its score and answers. */
export function resetAttempt(examId: number, attemptId: number, reason: string): Promise<void> {
  return http.post<void>(`/exams/${examId}/attempts/${attemptId}/reset`, { reason });
}

export function copyExam(id: number): Promise<ExamDto> {
  return http.post<ExamDto>(`/exams/${id}/copy`);
}

/** Drafts only. */
export function deleteExam(id: number): Promise<void> {
  return http.delete<void>(`/exams/${id}`);
}

/** The monitor's figures once (the page follows the stream instead; see ExamMonitorView). */
export function getExamMonitor(examId: number, collegeId?: number, signal?: AbortSignal): Promise<ExamMonitorSnapshot> {
  return http.get<ExamMonitorSnapshot>(`/exams/${examId}/monitor`, { query: { collegeId }, signal });
}

export const examMonitorStreamPath = (examId: number): string => `/exams/${examId}/monitor/stream`;
