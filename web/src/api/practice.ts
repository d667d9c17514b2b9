import type {
  AttemptQuestion,
  Page,
  PracticeCheckRequest,
  PracticeCheckResult,
  PracticeQuery,
  WrongQuestionDto,
  WrongQuestionQuery,
} from '@campus/shared';
import { http } from './http';

/** A set of questions without answers, from the bank or the caller's 错题本. */
export function drawPracticeQuestions(query: PracticeQuery, signal?: AbortSignal): Promise<AttemptQuestion[]> {
  return http.get<AttemptQuestion[]>('/practice/questions', { query: { ...query }, signal });
}

/** Never counts toward scores or awareness; a 错题本 question answered right leaves the list. */
export function checkPracticeAnswer(body: PracticeCheckRequest): Promise<PracticeCheckResult> {
  return http.post<PracticeCheckResult>('/practice/check', body);
}

export function listWrongQuestions(query: WrongQuestionQuery, signal?: AbortSignal): Promise<Page<WrongQuestionDto>> {
  return http.get<Page<WrongQuestionDto>>('/my/wrong-questions', { query: { ...query }, signal });
}
