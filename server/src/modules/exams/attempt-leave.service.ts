import { ConflictException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { LeaveEventResult } from '@campus/shared';
import type { Repository } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { Sql } from '../../database/sql';
import { AttemptCloseService } from './attempt-close.service';
import { ExamCache } from './exam-cache';
import { ExamAttempt } from './exam-attempt.entity';
import { ownAttempt } from './own-attempt';

/** 切屏: each leave is counted; past the exam's limit the attempt is submitted. */
@Injectable()
export class AttemptLeaveService {
  constructor(
    @InjectRepository(ExamAttempt) private readonly attempts: Repository<ExamAttempt>,
    private readonly sql: Sql,
    private readonly cache: ExamCache,
    private readonly closer: AttemptCloseService,
  ) {}

  async leave(principal: Principal, attemptId: number): Promise<LeaveEventResult> {
    const attempt = await ownAttempt(this.attempts, principal, attemptId);
    const exam = await this.cache.exam(attempt.examId);
    const now = new Date();
    const matched = await this.sql.execute(
      'UPDATE exam_attempt SET leave_count = leave_count + 1, last_left_at = ? WHERE id = ? AND submitted_at IS NULL AND deadline > ?',
      [now, attemptId, now],
    );
    if (matched === 0) throw new ConflictException('本次考试已结束');
    // The count as stored after this leave, not the one read before it: leaves reported at the same
    // moment would otherwise each see the same old count and none would pass the limit.
    const leaveCount = (
      await this.attempts.findOneOrFail({ where: { id: attemptId }, select: { id: true, leaveCount: true } })
    ).leaveCount;
    const leaveLimit = exam?.leaveLimit ?? null;
    const over = leaveLimit !== null && leaveCount > leaveLimit;
    if (over) await this.closer.finalize(attemptId, now, true, attempt);
    return { leaveCount, leaveLimit, submitted: over };
  }
}
