import { QuestionType } from '@campus/shared';

export const DIFFICULTY_LABELS = ['很容易', '容易', '中等', '较难', '很难'];

export function difficultyLabel(level: number): string {
  return DIFFICULTY_LABELS[level - 1] ?? String(level);
}

export const TYPE_TAG: Record<QuestionType, 'primary' | 'success' | 'warning'> = {
  [QuestionType.Single]: 'primary',
  [QuestionType.Multiple]: 'warning',
  [QuestionType.Judge]: 'success',
};
