import type {
  AttemptDetail,
  AttemptSession,
  LeaveEventResult,
  MyExamDto,
  SaveAnswerRequest,
  SubmitResult,
} from '@campus/shared';
import { http } from './http';

export interface SendOptions {
  signal?: AbortSignal;
  /** While the page is being hidden or closed: the request must outlive it. */
  keepalive?: boolean;
}

export function listMyExams(): Promise<MyExamDto[]> {
  return http.get<MyExamDto[]>('/my/exams');
}

/** Starts an attempt, or answers the one in progress with its saved answers. 403 / 409 say why not. */
export function startAttempt(examId: number | string): Promise<AttemptSession> {
  return http.post<AttemptSession>(`/exams/${examId}/attempts`);
}

/** 204; 409 once the attempt is submitted or past its deadline. */
export function saveAnswer(
  attemptId: number,
  questionId: number,
  answer: string[],
  options: SendOptions = {},
): Promise<void> {
  const body: SaveAnswerRequest = { answer };
  return http.put<void>(`/attempts/${attemptId}/answers/${questionId}`, body, options);
}

/** Idempotent: submitting again answers the same result. */
export function submitAttempt(attemptId: number): Promise<SubmitResult> {
  return http.post<SubmitResult>(`/attempts/${attemptId}/submit`);
}

export function getAttempt(attemptId: number | string, signal?: AbortSignal): Promise<AttemptDetail> {
  return http.get<AttemptDetail>(`/attempts/${attemptId}`, { signal });
}

/** 切屏: the page was hidden or closed during the attempt. */
export function reportLeave(attemptId: number, options: SendOptions = {}): Promise<LeaveEventResult> {
  return http.post<LeaveEventResult>(`/attempts/${attemptId}/leave`, undefined, options);
}
