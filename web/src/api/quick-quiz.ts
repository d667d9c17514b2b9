import type {
  QuickQuestionDto,
  QuickQuizRoundDto,
  QuickQuizRoundQuery,
  QuickQuizRoundSummary,
  QuickQuizStartInput,
  QuickQuizStudentDto,
} from '@campus/shared';
import { http } from './http';

export function listQuickQuestions(promptId: number): Promise<QuickQuestionDto[]> {
  return http.get<QuickQuestionDto[]>(`/prompts/${promptId}/quick-questions`);
}

export function setQuickQuestions(promptId: number, questionIds: number[]): Promise<QuickQuestionDto[]> {
  return http.put<QuickQuestionDto[]>(`/prompts/${promptId}/quick-questions`, { questionIds });
}

export function startQuickQuiz(input: QuickQuizStartInput): Promise<QuickQuizRoundDto> {
  return http.post<QuickQuizRoundDto>('/quick-quiz/rounds', input);
}

export function closeQuickQuiz(id: number): Promise<QuickQuizRoundDto> {
  return http.post<QuickQuizRoundDto>(`/quick-quiz/rounds/${id}/close`);
}

export function listQuickQuizRounds(query: QuickQuizRoundQuery = {}): Promise<QuickQuizRoundSummary[]> {
  return http.get<QuickQuizRoundSummary[]>('/quick-quiz/rounds', { query: { ...query } });
}

export function joinQuickQuiz(code: string): Promise<QuickQuizStudentDto> {
  return http.post<QuickQuizStudentDto>('/quick-quiz/join', { code });
}

export function getMyQuickQuiz(id: number): Promise<QuickQuizStudentDto> {
  return http.get<QuickQuizStudentDto>(`/quick-quiz/rounds/${id}/mine`);
}

export function answerQuickQuiz(id: number, answer: string[]): Promise<QuickQuizStudentDto> {
  return http.post<QuickQuizStudentDto>(`/quick-quiz/rounds/${id}/answer`, { answer });
}

/** The live stream of a round (event `round`): the projector's view, or a student's (the server decides by who asks). */
export function quickQuizStreamPath(id: number): string {
  return `/quick-quiz/rounds/${id}/events`;
}
