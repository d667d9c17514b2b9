import type { QuestionOption, QuestionType } from '@campus/shared';

/** What the answer path and the screens need of a round, loaded once and kept in memory. */
export interface RoundState {
  id: number;
  promptId: number;
  promptTitle: string;
  questionId: number;
  classId: number;
  className: string;
  collegeId: number;
  teacherId: number;
  teacherName: string;
  joinCode: string;
  classSize: number;
  startedAt: Date;
  closesAt: Date;
  type: QuestionType;
  stem: string;
  options: QuestionOption[];
  answer: string[];
  analysis: string;
}

/** Per round: answers per stored answer ("A", "AC"; null = joined without answering yet). */
export type ResponseTally = ReadonlyMap<string | null, number>;

export function isOpen(round: Pick<RoundState, 'closesAt'>, now: Date): boolean {
  return now.getTime() < round.closesAt.getTime();
}
