import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  fixedPaperWarnings,
  isRandomPaper,
  type ExamDto,
  type ExamSaveResult,
  type QualityWarning,
  type ExamInput,
  type ExamResultRow,
  type MyExamDto,
  type Page,
} from '@campus/shared';
import { In, type DataSource } from 'typeorm';
import { AccessService } from '../../common/auth/access.service';
import type { Principal } from '../../common/auth/principal';
import { pageWindow } from '../../common/http/page-query.dto';
import { containsPattern, matchPerson } from '../../database/like';
import { AuditService } from '../audit/audit.service';
import { Question } from '../questions/question.entity';
import { QuestionPool } from '../questions/question-pool';
import { AttemptCloseService } from './attempt-close.service';
import { allowedAttempts } from './attempt-start.service';
import type { ExamInputDto, ExamListQueryDto, ExamResultQueryDto } from './dto/exam.dto';
import { inAudience } from './exam-audience';
import { ExamCache } from './exam-cache';
import { ExamAttempt } from './exam-attempt.entity';
import { drawableCount, unitCount } from './attempt-draw';
import { examProblems, paperTotals } from './exam-paper';
import { Exam } from './exam.entity';
import { mapExam } from './exam.mapper';
import { rawDate } from '../../database/raw-values';

/** Exams as admins build them and students find them. Taking them is the Attempt*Service's. */
@Injectable()
export class ExamsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cache: ExamCache,
    private readonly pool: QuestionPool,
    private readonly attempts: AttemptCloseService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async list(query: ExamListQueryDto): Promise<Page<ExamDto>> {
    const qb = this.dataSource.getRepository(Exam).createQueryBuilder('e').orderBy('e.id', 'DESC');
    if (query.kind) qb.andWhere('e.kind = :kind', { kind: query.kind });
    if (query.status) qb.andWhere('e.status = :status', { status: query.status });
    if (query.q?.trim()) qb.andWhere('e.title LIKE :like', { like: containsPattern(query.q) });
    const { skip, take } = pageWindow(query);
    const [rows, total] = await qb.skip(skip).take(take).getManyAndCount();
    return { items: rows.map(mapExam), total };
  }

  async get(id: number): Promise<ExamDto> {
    return mapExam(await this.find(id));
  }

  private async find(id: number): Promise<Exam> {
    const exam = await this.dataSource.getRepository(Exam).findOne({ where: { id } });
    if (!exam) throw new NotFoundException('考试不存在');
    return exam;
  }

  async create(principal: Principal, body: ExamInputDto): Promise<ExamSaveResult> {
    const fields = this.validated(body);
    const exam = this.dataSource
      .getRepository(Exam)
      .create({ ...fields, status: 'draft', publishedAt: null, createdBy: principal.id });
    const saved = await this.dataSource.getRepository(Exam).save(exam);
    return { ...mapExam(saved), warnings: await this.paperWarnings(saved) };
  }

  async update(id: number, body: ExamInputDto): Promise<ExamSaveResult> {
    const exam = await this.find(id);
    if (exam.status !== 'draft') throw new ConflictException('考试已发布，不能再修改');
    Object.assign(exam, this.validated(body));
    const saved = await this.dataSource.getRepository(Exam).save(exam);
    this.cache.invalidate(id);
    return { ...mapExam(saved), warnings: await this.paperWarnings(saved) };
  }

  /**
   * 命题质量检查 of a fixed paper as a whole, by the same shared rules the editor runs while the paper
   * is put together. A paper drawn by rules needs none: the draw itself keeps one question per
   * 互斥组, and its keys land wherever the draw puts them.
   */
  private async paperWarnings(exam: Exam): Promise<QualityWarning[]> {
    const paper = exam.paper;
    if (isRandomPaper(paper) || paper.questionIds.length === 0) return [];
    const rows = await this.dataSource.getRepository(Question).find({
      where: { id: In(paper.questionIds) },
      select: { id: true, type: true, stem: true, options: true, answer: true, exclusionGroup: true },
    });
    const byId = new Map(rows.map((q) => [q.id, q]));
    const questions = paper.questionIds.flatMap((id) => byId.get(id) ?? []);
    return fixedPaperWarnings(
      questions.map((q) => ({
        id: q.id,
        type: q.type,
        stem: q.stem,
        options: q.options,
        answer: q.answer,
        group: q.exclusionGroup,
      })),
      { shuffleOptions: exam.shuffleOptions },
    );
  }

  /** Publishing checks the paper against the bank as it is now: every rule must be able to draw. */
  async publish(principal: Principal, id: number): Promise<ExamDto> {
    const exam = await this.find(id);
    if (exam.status === 'published') return mapExam(exam);
    await this.assertPaperDrawable(exam);
    exam.status = 'published';
    exam.publishedAt = new Date();
    const saved = await this.dataSource.getRepository(Exam).save(exam);
    this.cache.invalidate(id);
    await this.audit.record(
      principal,
      'exam.publish',
      { type: 'exam', id, name: saved.title },
      `发布考试「${saved.title}」`,
    );
    return mapExam(saved);
  }

  private async assertPaperDrawable(exam: Exam): Promise<void> {
    const paper = exam.paper;
    if (isRandomPaper(paper)) {
      // Rules draw without repeats and at most one question per 互斥组, so together they need as many
      // distinct questions-or-groups as they ask for, assigned so that each rule gets its own.
      const rules = [];
      for (const [i, rule] of paper.rules.entries()) {
        const candidates = await this.pool.active({
          type: rule.type,
          fraudType: rule.fraudType,
          difficulty: rule.difficulty,
        });
        const units = unitCount(candidates);
        if (units < rule.count) {
          const grouped = units < candidates.length ? `（同一互斥组只算一道，共 ${units} 道可抽）` : '';
          throw new ConflictException(
            `第 ${i + 1} 条抽题规则需要 ${rule.count} 题，题库中只有 ${candidates.length} 道符合条件的启用题目${grouped}`,
          );
        }
        rules.push({ count: rule.count, candidates });
      }
      const needed = paper.rules.reduce((sum, r) => sum + r.count, 0);
      const drawable = drawableCount(rules);
      if (drawable < needed)
        throw new ConflictException(
          `各抽题规则共需 ${needed} 道不同的题，题库中符合条件的（同一互斥组只算一道）最多只能抽出 ${drawable} 道`,
        );
      return;
    }
    const found = await this.dataSource
      .getRepository(Question)
      .find({ where: { id: In(paper.questionIds) }, select: { id: true, status: true } });
    const active = new Set(found.filter((q) => q.status === 'active').map((q) => q.id));
    const missing = paper.questionIds.filter((qid) => !active.has(qid));
    if (missing.length > 0) throw new ConflictException(`试卷中的题目 ${missing.join('、')} 不存在或已停用`);
  }

  private validated(
    body: ExamInputDto,
  ): Omit<Exam, 'id' | 'status' | 'publishedAt' | 'createdBy' | 'createdAt' | 'updatedAt'> {
    const paper = body.paper.rules
      ? { rules: body.paper.rules }
      : { questionIds: body.paper.questionIds ?? [], ...(body.paper.scores ? { scores: body.paper.scores } : {}) };
    if (body.paper.rules && body.paper.questionIds) {
      throw new BadRequestException({
        message: '试卷只能是固定题目或随机抽题规则之一',
        errors: [{ field: 'paper', message: '试卷只能是固定题目或随机抽题规则之一' }],
      });
    }
    const input: ExamInput = { ...body, paper };
    const problems = examProblems(input);
    if (problems.length > 0) throw new BadRequestException({ message: problems[0]!.message, errors: problems });
    const { totalScore, questionCount } = paperTotals(paper);
    return {
      title: body.title.trim(),
      description: body.description?.trim() ?? '',
      kind: body.kind,
      opensAt: new Date(body.opensAt),
      closesAt: new Date(body.closesAt),
      durationMinutes: body.durationMinutes,
      passScore: body.passScore,
      maxAttempts: body.maxAttempts,
      audience: {
        collegeIds: body.audience.collegeIds ?? [],
        enrollmentYears: body.audience.enrollmentYears ?? [],
        classIds: body.audience.classIds ?? [],
      },
      paper,
      shuffleQuestions: body.shuffleQuestions,
      shuffleOptions: body.shuffleOptions,
      reviewPolicy: body.reviewPolicy ?? 'after_submit',
      leaveLimit: body.leaveLimit ?? null,
      totalScore,
      questionCount,
    };
  }

  /** A student's exams: published ones whose audience includes them, with their standing in each. */
  async mine(principal: Principal): Promise<MyExamDto[]> {
    const now = new Date();
    const member = {
      collegeId: principal.collegeId,
      classId: principal.classId,
      enrollmentYear: await this.cache.enrollmentYear(principal.classId),
    };
    const exams = (await this.cache.publishedExams()).filter((e) => inAudience(e.audience, member));
    if (exams.length === 0) return [];
    const ownAttempts = () =>
      this.dataSource.getRepository(ExamAttempt).find({
        where: { userId: principal.id, examId: In(exams.map((e) => e.id)) },
        order: { attemptNo: 'ASC' },
      });
    // One read in the usual case: only when an attempt ran out of time while the student was away
    // is it closed (it counts as submitted) and the list read again.
    let attempts = await ownAttempts();
    if (attempts.some((a) => a.submittedAt === null && a.deadline <= now)) {
      await this.attempts.finalizeExpired(now, { userId: principal.id });
      attempts = await ownAttempts();
    }
    const grants = await Promise.all(exams.map((exam) => this.cache.grant(exam.id, principal.id)));
    return exams.map((exam, i) => {
      const maxAttempts = allowedAttempts(exam.maxAttempts, grants[i]!);
      const own = attempts.filter((a) => a.examId === exam.id);
      const finished = own.filter((a) => a.submittedAt !== null);
      const inProgress = own.find((a) => a.submittedAt === null) ?? null;
      const passed = finished.some((a) => a.passed);
      const scores = finished.map((a) => a.score ?? 0);
      const reason = this.cannotStartReason(exam, maxAttempts, own.length, passed, inProgress !== null, now);
      return {
        id: exam.id,
        title: exam.title,
        kind: exam.kind,
        description: exam.description,
        opensAt: exam.opensAt.toISOString(),
        closesAt: exam.closesAt.toISOString(),
        durationMinutes: exam.durationMinutes + grants[i]!.extraMinutes,
        passScore: exam.passScore,
        totalScore: exam.totalScore,
        questionCount: exam.questionCount,
        attemptsUsed: own.length,
        maxAttempts,
        bestScore: scores.length > 0 ? Math.max(...scores) : null,
        passed,
        inProgressAttemptId: inProgress?.id ?? null,
        lastAttemptId: finished.at(-1)?.id ?? null,
        reviewPolicy: exam.reviewPolicy,
        leaveLimit: exam.leaveLimit,
        canStart: reason === null,
        reason,
      };
    });
  }

  private cannotStartReason(
    exam: Exam,
    maxAttempts: number,
    used: number,
    passed: boolean,
    inProgress: boolean,
    now: Date,
  ): string | null {
    if (inProgress) return null;
    if (now < exam.opensAt) return '考试尚未开始';
    if (now >= exam.closesAt) return '考试已结束';
    if (passed) return '已通过';
    if (maxAttempts > 0 && used >= maxAttempts) return '作答次数已用完';
    return null;
  }

  /** Every attempt of an exam, newest first, within the caller's scope (a college admin: own college). */
  /** Whether the person has passed the exam in any attempt (a course's end-of-course quiz). */
  hasPassed(examId: number, userId: number): Promise<boolean> {
    return this.dataSource.getRepository(ExamAttempt).existsBy({ examId, userId, passed: true });
  }

  async results(principal: Principal, examId: number, query: ExamResultQueryDto): Promise<Page<ExamResultRow>> {
    await this.find(examId);
    await this.attempts.finalizeExpired(new Date(), { examId }, 5000);
    const collegeId = this.access.collegeScope(principal, query.collegeId);
    const qb = this.dataSource
      .getRepository(ExamAttempt)
      .createQueryBuilder('a')
      .innerJoin('user', 'u', 'u.id = a.user_id')
      .leftJoin('college', 'c', 'c.id = u.college_id')
      .leftJoin('school_class', 'k', 'k.id = u.class_id')
      .where('a.exam_id = :examId', { examId })
      .select([
        'a.id AS "attemptId"',
        'a.user_id AS "userId"',
        'u.username AS "username"',
        'u.name AS "name"',
        'c.name AS "collegeName"',
        'k.name AS "className"',
        'a.attempt_no AS "attemptNo"',
        'a.started_at AS "startedAt"',
        'a.submitted_at AS "submittedAt"',
        'a.auto_submitted AS "autoSubmitted"',
        'a.score AS "score"',
        'a.passed AS "passed"',
        'a.leave_count AS "leaveCount"',
      ]);
    if (collegeId !== null) qb.andWhere('u.college_id = :collegeId', { collegeId });
    if (query.classId) qb.andWhere('u.class_id = :classId', { classId: query.classId });
    if (query.passed !== undefined) qb.andWhere('a.passed = :passed', { passed: query.passed });
    matchPerson(qb, 'u', query.q);
    const total = await qb.getCount();
    const { skip, take } = pageWindow(query);
    const rows = await qb.orderBy('a.id', 'DESC').offset(skip).limit(take).getRawMany<Record<string, unknown>>();
    return { items: rows.map(mapResultRow), total };
  }

  /** All rows (up to 50,000) for the Excel export. */
  async allResults(principal: Principal, examId: number, query: ExamResultQueryDto): Promise<ExamResultRow[]> {
    return (await this.results(principal, examId, { ...query, page: 1, pageSize: 50_000 })).items;
  }
}

function toDate(value: unknown): string | null {
  return rawDate(value)?.toISOString() ?? null;
}

function mapResultRow(r: Record<string, unknown>): ExamResultRow {
  return {
    attemptId: Number(r.attemptId),
    userId: Number(r.userId),
    username: String(r.username),
    name: String(r.name),
    collegeName: (r.collegeName as string | null) ?? null,
    className: (r.className as string | null) ?? null,
    attemptNo: Number(r.attemptNo),
    startedAt: toDate(r.startedAt)!,
    submittedAt: toDate(r.submittedAt),
    autoSubmitted: Boolean(Number(r.autoSubmitted)),
    score: r.score === null ? null : Number(r.score),
    passed: r.passed === null ? null : Boolean(Number(r.passed)),
    leaveCount: Number(r.leaveCount),
  };
}
