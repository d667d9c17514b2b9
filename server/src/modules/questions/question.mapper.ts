import type { QuestionDraft, QuestionDto } from '@campus/shared';
import type { Question } from './question.entity';

export function mapQuestion(q: Question): QuestionDto {
  return {
    id: q.id,
    version: q.version,
    type: q.type,
    stem: q.stem,
    options: q.options,
    answer: q.answer,
    analysis: q.analysis,
    fraudType: q.fraudType,
    difficulty: q.difficulty,
    tags: q.tags,
    group: q.exclusionGroup,
    status: q.status,
    createdAt: q.createdAt.toISOString(),
    updatedAt: q.updatedAt.toISOString(),
  };
}

export function toDraft(q: Question): QuestionDraft {
  return {
    type: q.type,
    stem: q.stem,
    options: q.options,
    answer: q.answer,
    analysis: q.analysis,
    fraudType: q.fraudType,
    difficulty: q.difficulty,
    tags: q.tags,
    group: q.exclusionGroup,
  };
}
