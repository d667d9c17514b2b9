import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  answerCodec,
  attemptDeadline,
  Role,
  type AttemptQuestion as AttemptQuestionDto,
  type AttemptSession,
} from '@campus/shared';
import { IsNull, type Repository } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { Sql } from '../../database/sql';
import { QuestionPool } from '../questions/question-pool';
import { decodeAnswer } from './attempt-answer';
import { AttemptCloseService } from './attempt-close.service';
import { shuffled } from './attempt-draw';
import { AttemptPaperCache } from './attempt-paper-cache';
import { AttemptPaperDrawer } from './attempt-paper-drawer';
import { AttemptQuestion } from './attempt-question.entity';
import { inAudience } from './exam-audience';
import { ExamCache, type Grant } from './exam-cache';
import { ExamAttempt } from './exam-attempt.entity';
import type { Exam } from './exam.entity';

/**
 * Starting an exam, or resuming the attempt in progress: who may start, how many times, and the
 * paper (drawn, shuffled) as it is stored and shown. The server's clock decides every deadline.
 */
@Injectable()
export class AttemptStartService {
  constructor(
    @InjectRepository(ExamAttempt) private readonly attempts: Repository<ExamAttempt>,
    @InjectRepository(AttemptQuestion) private readonly questions: Repository<AttemptQuestion>,
    private readonly sql: Sql,
    private readonly cache: ExamCache,
    private readonly pool: QuestionPool,
    private readonly papers: AttemptPaperCache,
    private readonly drawer: AttemptPaperDrawer,
    private readonly closer: AttemptCloseService,
  ) {}

  async start(principal: Principal, examId: number): Promise<AttemptSession> {
    const exam = await this.cache.exam(examId);
    if (!exam || exam.status !== 'published') throw new NotFoundException('考试不存在或尚未发布');
    if (principal.role !== Role.Student) throw new ForbiddenException('只有学生可以参加考试');
    const member = {
      collegeId: principal.collegeId,
      classId: principal.classId,
      enrollmentYear: await this.cache.enrollmentYear(principal.classId),
    };
    if (!inAudience(exam.audience, member)) throw new ForbiddenException('您不在本次考试的参考范围内');

    const now = new Date();
    let attempts = await this.ownAttempts(examId, principal.id);
    if (attempts.some((a) => a.submittedAt === null && a.deadline <= now)) {
      // Time ran out on an earlier attempt while the student was away: it counts as submitted.
      await this.closer.finalizeExpired(now, { userId: principal.id, examId });
      attempts = await this.ownAttempts(examId, principal.id);
    }
    const open = attempts.find((a) => a.submittedAt === null);
    if (open) return this.session(exam, open, now);

    if (now < exam.opensAt) throw new ConflictException('考试尚未开始');
    if (now >= exam.closesAt) throw new ConflictException('考试已结束');
    if (attempts.some((a) => a.passed)) throw new ConflictException('您已通过本次考试，无需再考');
    const grant = await this.cache.grant(examId, principal.id);
    const allowed = allowedAttempts(exam.maxAttempts, grant);
    if (allowed > 0 && attempts.length >= allowed) throw new ConflictException(`作答次数已用完（共 ${allowed} 次）`);

    const drawn = await this.drawer.draw(exam);
    const versions = await this.pool.versionsById(drawn.map((d) => d.versionId));
    const ordered = exam.shuffleQuestions ? shuffled(drawn) : drawn;
    const deadline = attemptDeadline(now, exam.durationMinutes, grant.extraMinutes, exam.closesAt);
    const attempt: ExamAttempt = Object.assign(new ExamAttempt(), {
      examId,
      userId: principal.id,
      // A reset attempt is deleted, so numbers can have gaps: the next one follows the highest.
      attemptNo: attempts.reduce((max, a) => Math.max(max, a.attemptNo), 0) + 1,
      startedAt: now,
      deadline,
      submittedAt: null,
      autoSubmitted: false,
      score: null,
      passed: null,
      leaveCount: 0,
      lastLeftAt: null,
    });
    const paper: AttemptQuestion[] = ordered.map((d, position) => {
      const version = versions.get(d.versionId)!;
      const keys = version.options.map((o) => o.key);
      return Object.assign(new AttemptQuestion(), {
        questionId: d.questionId,
        questionVersionId: d.versionId,
        position,
        optionOrder: (exam.shuffleOptions ? shuffled(keys) : keys).join(''),
        score: d.score,
        answerKey: answerCodec(version.type).key(version.answer),
        answer: null,
        savedAt: null,
        awarded: null,
      });
    });
    try {
      await this.sql.transaction(async (manager) => {
        attempt.id = await this.sql.insertReturningId(manager, 'exam_attempt', {
          exam_id: examId,
          user_id: principal.id,
          attempt_no: attempt.attemptNo,
          started_at: now,
          deadline,
          auto_submitted: false,
          leave_count: 0,
        });
        const rows = paper.map((q) => [
          attempt.id,
          q.questionId,
          q.questionVersionId,
          q.position,
          q.optionOrder,
          q.score,
          q.answerKey,
        ]);
        await this.sql.insertMany(
          manager,
          'attempt_question',
          ['attempt_id', 'question_id', 'question_version_id', 'position', 'option_order', 'score', 'answer_key'],
          rows,
        );
      });
    } catch (error) {
      // Two starts at once (a double tap, two tabs): the unique (exam, user, attemptNo) lets one
      // win; the other resumes the winner's attempt.
      const winner = await this.attempts.findOne({ where: { examId, userId: principal.id, submittedAt: IsNull() } });
      if (winner) return this.session(exam, winner, now);
      throw error;
    }
    return this.session(exam, attempt, now, paper);
  }

  /**
   * The student's attempts at the exam, oldest first: one prepared statement (every start of exam
   * day reads them; TypeORM's query building for it cost more CPU than the rest of the start).
   */
  private async ownAttempts(examId: number, userId: number): Promise<ExamAttempt[]> {
    const rows = await this.sql.hotRows<AttemptRow>(OWN_ATTEMPTS_SQL, [examId, userId]);
    return rows.map((r) =>
      Object.assign(new ExamAttempt(), {
        id: Number(r.id),
        examId,
        userId,
        attemptNo: Number(r.attemptNo),
        startedAt: sqlDate(r.startedAt)!,
        deadline: sqlDate(r.deadline)!,
        submittedAt: sqlDate(r.submittedAt),
        autoSubmitted: Boolean(r.autoSubmitted),
        score: r.score === null ? null : Number(r.score),
        passed: r.passed === null ? null : Boolean(r.passed),
        leaveCount: Number(r.leaveCount),
        lastLeftAt: sqlDate(r.lastLeftAt),
      }),
    );
  }

  /** What the exam screen needs: questions (no answers, no 解析), saved answers, the deadline. */
  private async session(
    exam: Exam,
    attempt: ExamAttempt,
    now: Date,
    paper?: AttemptQuestion[],
  ): Promise<AttemptSession> {
    const rows = paper ?? (await this.questions.find({ where: { attemptId: attempt.id }, order: { position: 'ASC' } }));
    const versions = await this.pool.versionsById(rows.map((r) => r.questionVersionId));
    this.papers.remember(attempt.id, attempt.userId, rows, versions);
    const answers: Record<string, string[]> = {};
    const questions: AttemptQuestionDto[] = rows.map((row) => {
      const version = versions.get(row.questionVersionId)!;
      if (row.answer) answers[String(row.questionId)] = decodeAnswer(row.answer);
      const byKey = new Map(version.options.map((o) => [o.key, o]));
      return {
        id: row.questionId,
        type: version.type,
        stem: version.stem,
        options: row.optionOrder.split('').map((key) => ({ key, text: byKey.get(key)?.text ?? '' })),
        score: row.score,
      };
    });
    return {
      attemptId: attempt.id,
      examId: exam.id,
      examTitle: exam.title,
      deadline: attempt.deadline.toISOString(),
      serverNow: now.toISOString(),
      questions,
      answers,
      leaveCount: attempt.leaveCount,
      leaveLimit: exam.leaveLimit,
    };
  }
}

const OWN_ATTEMPTS_SQL = `SELECT id, attempt_no AS attemptNo, started_at AS startedAt, deadline,
  submitted_at AS submittedAt, auto_submitted AS autoSubmitted, score, passed, leave_count AS leaveCount,
  last_left_at AS lastLeftAt
  FROM exam_attempt WHERE exam_id = ? AND user_id = ? ORDER BY attempt_no`;

type SqlValue = string | number | Date | null;

interface AttemptRow {
  id: number;
  attemptNo: number;
  startedAt: SqlValue;
  deadline: SqlValue;
  submittedAt: SqlValue;
  autoSubmitted: number | boolean;
  score: number | null;
  passed: number | boolean | null;
  leaveCount: number;
  lastLeftAt: SqlValue;
}

/** A DATETIME as read without TypeORM: a Date from mysql2 (UTC), UTC text from SQLite. */
function sqlDate(value: SqlValue): Date | null {
  if (value === null) return null;
  if (value instanceof Date) return value;
  return new Date(typeof value === 'number' ? value : `${value.replace(' ', 'T')}Z`);
}

/** The attempts a student may take: the exam's maximum plus their grant (0 = unlimited stays unlimited). */
export function allowedAttempts(maxAttempts: number, grant: Grant): number {
  return maxAttempts > 0 ? maxAttempts + grant.extraAttempts : 0;
}
