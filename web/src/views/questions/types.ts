import type { FraudType, QuestionStatus, QuestionType } from '@campus/shared';

export interface QuestionFilterValues {
  type?: QuestionType;
  fraudType?: FraudType;
  difficulty?: number;
  status?: QuestionStatus;
  q: string;
}
