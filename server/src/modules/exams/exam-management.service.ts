import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  adjustedDeadline,
  Role,
  usernameKey,
  type ExamCloseResult,
  type ExamDto,
  type ExamExceptionDto,
} from '@campus/shared';
import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../../common/auth/access.service';
import type { Principal } from '../../common/auth/principal';
import { rawDate } from '../../database/raw-values';
import { Sql } from '../../database/sql';
import { AuditService } from '../audit/audit.service';
import { Course } from '../courses/course.entity';
import { SchoolClass } from '../org/school-class.entity';
import { User } from '../users/user.entity';
import { AttemptPaperCache } from './attempt-paper-cache';
import { AttemptQuestion } from './attempt-question.entity';
import { AttemptCloseService } from './attempt-close.service';
import type { AttemptResetDto, ExamExceptionDtoIn, ExamWindowDto } from './dto/exam-manage.dto';
import { inAudience } from './exam-audience';
import { ExamCache } from './exam-cache';
import { ExamAttempt } from './exam-attempt.entity';
import { ExamException } from './exam-exception.entity';
import { Exam } from './exam.entity';
import { mapExam } from './exam.mapper';

/** 400 naming the field, as every form of the platform shows it. */
function invalid(field: string, message: string): BadRequestException {
  return new BadRequestException({ message, errors: [{ field, message }] });
}

/**
 * Managing an exam after it is published: move or close its window, 补考/缓考 for named students,
 * reset one student's attempt; and copying an exam, deleting a draft. Each change is one
 * transaction, is audited, and drops the exam from the caches of every instance (ExamCache/CacheBus).
 *
 * The deadline of an attempt is always attemptDeadline (shared/exam-deadline.ts). When the window
 * or a grant changes, attempts in progress get adjustedDeadline: what the rule gives under the new
 * settings but never less than they had — so shortening a window only affects attempts started
 * afterwards; 提前结束 is the one way to end attempts in progress, and it submits them.
 */
@Injectable()
export class ExamManagementService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sql: Sql,
    private readonly cache: ExamCache,
    private readonly attempts: AttemptCloseService,
    private readonly papers: AttemptPaperCache,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  private async find(id: number, manager?: EntityManager): Promise<Exam> {
    const exam = await (manager ?? this.dataSource.manager).findOne(Exam, {
      where: { id },
      ...(manager && this.sql.kind === 'mysql' ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!exam) throw new NotFoundException('考试不存在');
    return exam;
  }

  private async published(id: number, manager?: EntityManager): Promise<Exam> {
    const exam = await this.find(id, manager);
    if (exam.status !== 'published') throw new ConflictException('考试尚未发布，请在编辑页直接修改');
    return exam;
  }

  /** Extend or shorten the window (and move the opening time while nobody has started). */
  async changeWindow(principal: Principal, id: number, body: ExamWindowDto): Promise<ExamDto> {
    const now = new Date();
    const closesAt = new Date(body.closesAt);
    const { exam, before, adjusted } = await this.sql.transaction(async (manager) => {
      const exam = await this.published(id, manager);
      const before = { opensAt: exam.opensAt, closesAt: exam.closesAt };
      const opensAt = body.opensAt ? new Date(body.opensAt) : exam.opensAt;
      if (opensAt.getTime() !== exam.opensAt.getTime()) {
        const started = await manager.count(ExamAttempt, { where: { examId: id } });
        if (started > 0) throw invalid('opensAt', `已有 ${started} 人次开始作答，开始时间不能再修改`);
      }
      if (closesAt <= opensAt) throw invalid('closesAt', '结束时间必须晚于开始时间');
      if (closesAt <= now) throw invalid('closesAt', '结束时间不能早于现在；要立即结束考试请用“提前结束”');
      exam.opensAt = opensAt;
      exam.closesAt = closesAt;
      await manager.update(Exam, { id }, { opensAt, closesAt });
      const adjusted = await this.adjustOpenAttempts(manager, exam);
      return { exam, before, adjusted };
    });
    this.cache.invalidate(id);
    await this.audit.record(
      principal,
      'exam.window',
      { type: 'exam', id, name: exam.title },
      `调整考试「${exam.title}」的时间：结束时间 ${fmt(before.closesAt)} → ${fmt(exam.closesAt)}` +
        (before.opensAt.getTime() !== exam.opensAt.getTime()
          ? `，开始时间 ${fmt(before.opensAt)} → ${fmt(exam.opensAt)}`
          : '') +
        (adjusted > 0 ? `；${adjusted} 个进行中的作答延后了截止时间` : ''),
      {
        before: { opensAt: before.opensAt.toISOString(), closesAt: before.closesAt.toISOString() },
        after: { opensAt: exam.opensAt.toISOString(), closesAt: exam.closesAt.toISOString() },
        attemptsAdjusted: adjusted,
      },
    );
    return mapExam(exam);
  }

  /**
   * Attempts in progress under the exam's current window and grants: adjustedDeadline (the rule,
   * never less than they had). Returns how many deadlines moved.
   */
  private async adjustOpenAttempts(manager: EntityManager, exam: Exam, userIds?: number[]): Promise<number> {
    const open = await manager.find(ExamAttempt, {
      where: { examId: exam.id, submittedAt: IsNull(), ...(userIds ? { userId: In(userIds) } : {}) },
    });
    if (open.length === 0) return 0;
    const grants = await manager.find(ExamException, {
      where: { examId: exam.id, userId: In(open.map((a) => a.userId)) },
    });
    const extra = new Map(grants.map((g) => [g.userId, g.extraMinutes]));
    let moved = 0;
    for (const attempt of open) {
      const deadline = adjustedDeadline(
        attempt.deadline,
        attempt.startedAt,
        exam.durationMinutes,
        extra.get(attempt.userId) ?? 0,
        exam.closesAt,
      );
      if (deadline.getTime() === attempt.deadline.getTime()) continue;
      // Only while still open: a submit that got there first keeps its result.
      await manager.update(ExamAttempt, { id: attempt.id, submittedAt: IsNull() }, { deadline });
      moved++;
    }
    return moved;
  }

  /** 提前结束: closes the window now and submits every attempt in progress with what was saved. */
  async close(principal: Principal, id: number): Promise<ExamCloseResult> {
    const now = new Date();
    let before = now;
    let exam!: Exam;
    const submitted = await this.attempts.closeAllOpen(id, now, async (manager) => {
      exam = await this.published(id, manager);
      if (exam.closesAt <= now) throw new ConflictException('考试已经结束');
      before = exam.closesAt;
      exam.closesAt = now;
      await manager.update(Exam, { id }, { closesAt: now });
      return exam;
    });
    this.cache.invalidate(id);
    await this.audit.record(
      principal,
      'exam.close',
      { type: 'exam', id, name: exam.title },
      `提前结束考试「${exam.title}」（原定 ${fmt(before)} 结束），${submitted} 份进行中的答卷按已保存的答案交卷`,
      { closesAtBefore: before.toISOString(), closedAt: now.toISOString(), submittedAttempts: submitted },
    );
    return { exam: mapExam(exam), submittedAttempts: submitted };
  }

  /** Students by 学号, each checked: exists, is a student, in the caller's scope, in the audience. */
  private async studentsByUsername(principal: Principal, exam: Exam, usernames: string[]): Promise<User[]> {
    const keys = [...new Set(usernames.map((u) => u.trim()).filter((u) => u !== ''))];
    if (keys.length === 0) throw invalid('usernames', '请至少填写一个学号');
    const users = await this.dataSource
      .getRepository(User)
      .find({ where: { usernameKey: In(keys.map((k) => usernameKey(k))) } });
    const byKey = new Map(users.map((u) => [u.usernameKey, u]));
    const years = new Map(
      (await this.dataSource.getRepository(SchoolClass).find({ select: { id: true, enrollmentYear: true } })).map(
        (c) => [c.id, c.enrollmentYear],
      ),
    );
    const found: User[] = [];
    for (const username of keys) {
      const user = byKey.get(usernameKey(username));
      if (!user) throw invalid('usernames', `学号 ${username} 不存在`);
      if (user.role !== Role.Student) throw invalid('usernames', `学号 ${username}（${user.name}）不是学生`);
      if (!this.access.canReachCollege(principal, user.collegeId))
        throw new ForbiddenException({
          message: `学号 ${username}（${user.name}）不是本学院的学生`,
          errors: [{ field: 'usernames', message: `学号 ${username}（${user.name}）不是本学院的学生` }],
        });
      const member = {
        collegeId: user.collegeId,
        classId: user.classId,
        enrollmentYear: user.classId === null ? null : (years.get(user.classId) ?? null),
      };
      if (!inAudience(exam.audience, member))
        throw invalid('usernames', `学号 ${username}（${user.name}）不在本次考试的参考范围内`);
      found.push(user);
    }
    return found;
  }

  /** 补考/缓考 for named students; all or none. Granting again replaces the values. */
  async grant(principal: Principal, id: number, body: ExamExceptionDtoIn): Promise<ExamExceptionDto[]> {
    const reason = body.reason.trim();
    if (!reason) throw invalid('reason', '请填写原因（如 补考、缓考 及其缘由）');
    if (body.extraMinutes === 0 && body.extraAttempts === 0)
      throw invalid('extraMinutes', '额外时间和额外次数至少填一项');
    const exam = await this.find(id);
    if (body.extraAttempts > 0 && exam.maxAttempts === 0)
      throw invalid('extraAttempts', '本考试不限作答次数，无需增加次数');
    const students = await this.studentsByUsername(principal, exam, body.usernames);
    const now = new Date();
    const userIds = students.map((s) => s.id);
    const adjusted = await this.sql.transaction(async (manager) => {
      const locked = await this.find(id, manager);
      await manager.delete(ExamException, { examId: id, userId: In(userIds) });
      await manager.insert(
        ExamException,
        students.map((s) => ({
          examId: id,
          userId: s.id,
          extraMinutes: body.extraMinutes,
          extraAttempts: body.extraAttempts,
          reason,
          grantedBy: principal.id,
          grantedByName: principal.name.slice(0, 64),
          grantedAt: now,
        })),
      );
      // A student answering right now gets the extra minutes on this attempt too.
      return locked.status === 'published' ? this.adjustOpenAttempts(manager, locked, userIds) : 0;
    });
    this.cache.invalidate(id);
    const names = students
      .slice(0, 10)
      .map((s) => `${s.name}（${s.username}）`)
      .join('、');
    const what = [
      body.extraMinutes > 0 ? `延长 ${body.extraMinutes} 分钟` : '',
      body.extraAttempts > 0 ? `增加 ${body.extraAttempts} 次作答` : '',
    ]
      .filter(Boolean)
      .join('、');
    await this.audit.record(
      principal,
      'exam.exception',
      { type: 'exam', id, name: exam.title },
      `考试「${exam.title}」：为 ${names}${students.length > 10 ? ` 等 ${students.length} 人` : ''}${what}，原因：${reason}`,
      {
        users: students.map((s) => ({ id: s.id, username: s.username, name: s.name })),
        extraMinutes: body.extraMinutes,
        extraAttempts: body.extraAttempts,
        reason,
        attemptsAdjusted: adjusted,
      },
    );
    return (await this.exceptions(principal, id)).filter((e) => userIds.includes(e.userId));
  }

  async exceptions(principal: Principal, id: number): Promise<ExamExceptionDto[]> {
    await this.find(id);
    const collegeId = this.access.collegeScope(principal);
    const qb = this.dataSource
      .getRepository(ExamException)
      .createQueryBuilder('x')
      .innerJoin('user', 'u', 'u.id = x.user_id')
      .leftJoin('college', 'c', 'c.id = u.college_id')
      .leftJoin('school_class', 'k', 'k.id = u.class_id')
      .where('x.exam_id = :id', { id })
      .select([
        'x.user_id AS "userId"',
        'u.username AS "username"',
        'u.name AS "name"',
        'c.name AS "collegeName"',
        'k.name AS "className"',
        'x.extra_minutes AS "extraMinutes"',
        'x.extra_attempts AS "extraAttempts"',
        'x.reason AS "reason"',
        'x.granted_by_name AS "grantedByName"',
        'x.granted_at AS "grantedAt"',
      ])
      .orderBy('x.id', 'DESC');
    if (collegeId !== null) qb.andWhere('u.college_id = :collegeId', { collegeId });
    const rows = await qb.getRawMany<Record<string, unknown>>();
    return rows.map((r) => ({
      userId: Number(r.userId),
      username: String(r.username),
      name: String(r.name),
      collegeName: (r.collegeName as string | null) ?? null,
      className: (r.className as string | null) ?? null,
      extraMinutes: Number(r.extraMinutes),
      extraAttempts: Number(r.extraAttempts),
      reason: String(r.reason),
      grantedByName: String(r.grantedByName),
      grantedAt: toIso(r.grantedAt),
    }));
  }

  /** Takes a grant back. An attempt in progress keeps the deadline it has (never cut short). */
  async revoke(principal: Principal, id: number, userId: number): Promise<void> {
    const exam = await this.find(id);
    const user = await this.dataSource.getRepository(User).findOne({ where: { id: userId } });
    if (!user || !this.access.canReachCollege(principal, user.collegeId))
      throw new NotFoundException('该学生没有本考试的补考/缓考设置');
    const removed = await this.dataSource.getRepository(ExamException).findOne({ where: { examId: id, userId } });
    if (!removed) throw new NotFoundException('该学生没有本考试的补考/缓考设置');
    await this.dataSource.getRepository(ExamException).delete({ id: removed.id });
    this.cache.invalidate(id);
    await this.audit.record(
      principal,
      'exam.exception-revoke',
      { type: 'exam', id, name: exam.title },
      `考试「${exam.title}」：取消 ${user.name}（${user.username}）的补考/缓考设置`,
      { userId, extraMinutes: removed.extraMinutes, extraAttempts: removed.extraAttempts, reason: removed.reason },
    );
  }

  /**
   * Resets one student's attempt: it is deleted, with its answers, and the audit entry keeps what it
   * was (score, answers, times). Deleting rather than flagging keeps every count right by
   * construction: results, statistics, the monitor, attempts used and the 答案公布 rule all read
   * exam_attempt, and none can forget a flag. Item analysis folds submitted attempts into sums, so
   * the exam's folded sums are dropped in the same transaction and rebuilt on the next request.
   */
  async resetAttempt(principal: Principal, examId: number, attemptId: number, body: AttemptResetDto): Promise<void> {
    const reason = body.reason.trim();
    if (!reason) throw invalid('reason', '请填写重置原因');
    const exam = await this.find(examId);
    const head = await this.dataSource.getRepository(ExamAttempt).findOne({ where: { id: attemptId, examId } });
    if (!head) throw new NotFoundException('考试记录不存在');
    const user = await this.dataSource.getRepository(User).findOne({ where: { id: head.userId } });
    if (!user || !this.access.canReachCollege(principal, user.collegeId)) throw new NotFoundException('考试记录不存在');
    const { attempt, answers } = await this.sql.transaction(async (manager) => {
      const attempt = await manager.findOne(ExamAttempt, {
        where: { id: attemptId },
        ...(this.sql.kind === 'mysql' ? { lock: { mode: 'pessimistic_write' as const } } : {}),
      });
      if (!attempt) throw new NotFoundException('考试记录不存在');
      const answers = await manager.find(AttemptQuestion, { where: { attemptId }, order: { position: 'ASC' } });
      await manager.delete(AttemptQuestion, { attemptId });
      await manager.delete(ExamAttempt, { id: attemptId });
      const folded = await this.sql.query<Array<Record<string, unknown>>>(
        'SELECT attempt_id FROM item_moment_attempt WHERE attempt_id = ?',
        [attemptId],
        manager,
      );
      if (folded.length > 0) {
        await this.sql.query('DELETE FROM item_moment WHERE exam_id = ?', [examId], manager);
        await this.sql.query('DELETE FROM item_moment_attempt WHERE exam_id = ?', [examId], manager);
      }
      return { attempt, answers };
    });
    this.papers.forgetEverywhere(attemptId);
    this.cache.invalidate(examId);
    const state = attempt.submittedAt ? `${attempt.score ?? 0} 分，${attempt.passed ? '通过' : '未通过'}` : '作答中';
    await this.audit.record(
      principal,
      'exam.attempt-reset',
      { type: 'exam', id: examId, name: exam.title },
      `考试「${exam.title}」：重置 ${user.name}（${user.username}）的第 ${attempt.attemptNo} 次作答（${state}），原因：${reason}`,
      {
        reason,
        attempt: {
          id: attempt.id,
          userId: attempt.userId,
          username: user.username,
          attemptNo: attempt.attemptNo,
          startedAt: attempt.startedAt.toISOString(),
          deadline: attempt.deadline.toISOString(),
          submittedAt: attempt.submittedAt?.toISOString() ?? null,
          autoSubmitted: attempt.autoSubmitted,
          score: attempt.score,
          passed: attempt.passed,
          leaveCount: attempt.leaveCount,
        },
        answers: answers.map((a) => ({ questionId: a.questionId, answer: a.answer, awarded: a.awarded })),
      },
    );
  }

  /** A new draft with the same settings and paper; the admin sets its window and publishes it. */
  async copy(principal: Principal, id: number): Promise<ExamDto> {
    const source = await this.find(id);
    const suffix = '（副本）';
    const repo = this.dataSource.getRepository(Exam);
    const copy = await repo.save(
      repo.create({
        title: source.title.slice(0, 100 - suffix.length) + suffix,
        description: source.description,
        kind: source.kind,
        status: 'draft',
        opensAt: source.opensAt,
        closesAt: source.closesAt,
        durationMinutes: source.durationMinutes,
        passScore: source.passScore,
        maxAttempts: source.maxAttempts,
        audience: structuredClone(source.audience),
        paper: structuredClone(source.paper),
        shuffleQuestions: source.shuffleQuestions,
        shuffleOptions: source.shuffleOptions,
        reviewPolicy: source.reviewPolicy,
        leaveLimit: source.leaveLimit,
        totalScore: source.totalScore,
        questionCount: source.questionCount,
        publishedAt: null,
        createdBy: principal.id,
      }),
    );
    await this.audit.record(
      principal,
      'exam.copy',
      { type: 'exam', id: copy.id, name: copy.title },
      `复制考试「${source.title}」为草稿「${copy.title}」`,
      { sourceId: source.id },
    );
    return mapExam(copy);
  }

  /** Only a draft, which nobody can have taken; not one that a course uses as its 结业测验. */
  async deleteDraft(principal: Principal, id: number): Promise<void> {
    const exam = await this.sql.transaction(async (manager) => {
      const exam = await this.find(id, manager);
      if (exam.status !== 'draft') throw new ConflictException('已发布的考试不能删除，只能删除草稿');
      const course = await manager.findOne(Course, { where: { quizExamId: id }, select: { id: true, title: true } });
      if (course) throw new ConflictException(`课程「${course.title}」的结业测验使用了此考试，不能删除`);
      await manager.delete(ExamException, { examId: id });
      await manager.delete(Exam, { id });
      return exam;
    });
    this.cache.invalidate(id);
    await this.audit.record(
      principal,
      'exam.delete',
      { type: 'exam', id, name: exam.title },
      `删除考试草稿「${exam.title}」`,
      {
        title: exam.title,
        kind: exam.kind,
      },
    );
  }
}

function fmt(date: Date): string {
  return date.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}

function toIso(value: unknown): string {
  return (rawDate(value) ?? new Date(0)).toISOString();
}
