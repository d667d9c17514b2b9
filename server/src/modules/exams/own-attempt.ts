import { NotFoundException } from '@nestjs/common';
import type { Repository } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import type { ExamAttempt } from './exam-attempt.entity';

/** The caller's own attempt; someone else's is "not found", so ids reveal nothing. */
export async function ownAttempt(
  attempts: Repository<ExamAttempt>,
  principal: Principal,
  attemptId: number,
): Promise<ExamAttempt> {
  const attempt = await attempts.findOne({ where: { id: attemptId } });
  if (!attempt || attempt.userId !== principal.id) throw new NotFoundException('考试记录不存在');
  return attempt;
}
