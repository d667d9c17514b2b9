import type { ExamDto } from '@campus/shared';
import type { Exam } from './exam.entity';

export function mapExam(e: Exam): ExamDto {
  return {
    id: e.id,
    title: e.title,
    description: e.description,
    kind: e.kind,
    status: e.status,
    opensAt: e.opensAt.toISOString(),
    closesAt: e.closesAt.toISOString(),
    durationMinutes: e.durationMinutes,
    passScore: e.passScore,
    maxAttempts: e.maxAttempts,
    audience: e.audience,
    paper: e.paper,
    shuffleQuestions: e.shuffleQuestions,
    shuffleOptions: e.shuffleOptions,
    reviewPolicy: e.reviewPolicy,
    leaveLimit: e.leaveLimit,
    totalScore: e.totalScore,
    questionCount: e.questionCount,
    publishedAt: e.publishedAt?.toISOString() ?? null,
    createdAt: e.createdAt.toISOString(),
  };
}
