import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { answerCodec } from '@campus/shared';
import type { Repository } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { Sql } from '../../database/sql';
import { encodeAnswer, invalidAnswer } from './attempt-answer';
import { AttemptPaperCache } from './attempt-paper-cache';
import { SAVE_ANSWER_SQL, saveAnswerParams } from './attempt-sql';
import { ExamAttempt } from './exam-attempt.entity';
import { ownAttempt } from './own-attempt';

/** Saving one answer: the exam day's hot path. */
@Injectable()
export class AttemptSaveService {
  constructor(
    @InjectRepository(ExamAttempt) private readonly attempts: Repository<ExamAttempt>,
    private readonly sql: Sql,
    private readonly papers: AttemptPaperCache,
  ) {}

  /**
   * One UPDATE that checks ownership, the question's place on the paper, that the attempt is open
   * and the deadline not passed, all at once. Only when it matches nothing does a second query
   * find out why, to answer 404 or 409.
   */
  async save(principal: Principal, attemptId: number, questionId: number, keys: readonly string[]): Promise<void> {
    // Checked against the paper as this student was shown it, held in memory (no extra query on
    // the hot path). Someone else's attempt, or a question not on it, is left to the 404 below.
    const question = await this.papers.question(attemptId, principal.id, questionId);
    if (question) {
      const problem = answerCodec(question.type).validate(keys, question.optionKeys);
      if (problem) throw invalidAnswer(problem);
    }
    const answer = encodeAnswer(keys);
    const now = new Date();
    const matched = await this.sql.hotExecute(
      SAVE_ANSWER_SQL,
      saveAnswerParams(answer, now, attemptId, questionId, principal.id),
    );
    if (matched > 0) return;
    const attempt = await ownAttempt(this.attempts, principal, attemptId);
    if (attempt.submittedAt) throw new ConflictException('本次考试已交卷，不能再修改答案');
    if (attempt.deadline <= now) throw new ConflictException('考试时间已到，答案不能再修改');
    throw new NotFoundException('该题不在本次试卷中');
  }
}
