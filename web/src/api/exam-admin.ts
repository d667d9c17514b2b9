import type { ExamDto, ExamInput, ExamListQuery, ExamResultQuery, ExamResultRow, Page } from '@campus/shared';
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
