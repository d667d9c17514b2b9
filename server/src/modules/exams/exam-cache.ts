import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { TtlCache, TtlValue } from '../../common/cache/ttl-cache';
import { Clock } from '../../common/clock/clock';
import { CacheBus } from '../../common/cluster/cache-bus';
import { rawDate } from '../../database/raw-values';
import { SchoolClass } from '../org/school-class.entity';
import { EXTRA_MINUTES_MAX } from './dto/exam-manage.dto';
import { ExamAttempt } from './exam-attempt.entity';
import { ExamException } from './exam-exception.entity';
import { Exam } from './exam.entity';

/** What one student is granted on one exam (补考/缓考); none = zeros. */
export interface Grant {
  extraMinutes: number;
  extraAttempts: number;
}

export const NO_GRANT: Grant = { extraMinutes: 0, extraAttempts: 0 };

const TTL_MS = 30_000;

/**
 * Exam definitions and class enrolment years, read on every start and every "my exams" by
 * thousands of students, change rarely: cached for TTL_MS, dropped at once on every instance when
 * one changes (CacheBus).
 */
@Injectable()
export class ExamCache {
  private readonly published: TtlValue<Exam[]>;
  private readonly byId: TtlCache<number, Exam | null>;
  private readonly classYears: TtlValue<Map<number, number | null>>;
  private readonly grants: TtlCache<number, Map<number, Grant>>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bus: CacheBus,
    clock: Clock,
  ) {
    const options = { ttlMs: TTL_MS, clock };
    this.published = new TtlValue(options);
    this.byId = new TtlCache(options);
    this.classYears = new TtlValue(options);
    this.grants = new TtlCache(options);
    bus.on((message) => {
      if (message.kind === 'exam') this.drop(message.id);
    });
  }

  // Each read below is one load however many requests miss at once: an entry expires every TTL_MS
  // under a steady stream of starts, and 64 concurrent starts each reading the classes table was
  // the start p99 of pnpm bench:exam.

  async exam(id: number): Promise<Exam | null> {
    return this.byId.getOrLoad(id, () => this.dataSource.getRepository(Exam).findOne({ where: { id } }));
  }

  async publishedExams(): Promise<Exam[]> {
    return this.published.getOrLoad(() =>
      this.dataSource.getRepository(Exam).find({ where: { status: 'published' }, order: { opensAt: 'DESC' } }),
    );
  }

  /** The student's 补考/缓考 grant on the exam (cached per exam; dropped with the exam). */
  /**
   * Until when someone can still answer the exam: its closing time, or later while an attempt that
   * outlives a shortened window is running (a shortened window never cuts an attempt short). Read
   * only once the window has closed, which is when an after_close exam would show its answers.
   */
  async answeringUntil(exam: Exam, now: Date): Promise<Date> {
    if (now < exam.closesAt) return exam.closesAt;
    // An attempt starts before the window closes and lasts at most the duration plus the largest grant.
    const longest = (exam.durationMinutes + EXTRA_MINUTES_MAX) * 60_000;
    if (now.getTime() >= exam.closesAt.getTime() + longest) return exam.closesAt;
    const row = await this.dataSource
      .getRepository(ExamAttempt)
      .createQueryBuilder('a')
      .select('MAX(a.deadline)', 'until')
      .where('a.examId = :id AND a.submittedAt IS NULL AND a.deadline > :now', { id: exam.id, now })
      .getRawOne<{ until: unknown }>();
    const until = rawDate(row?.until ?? null);
    return until && until > exam.closesAt ? until : exam.closesAt;
  }

  async grant(examId: number, userId: number): Promise<Grant> {
    const byUser = await this.grants.getOrLoad(examId, async () => {
      const rows = await this.dataSource
        .getRepository(ExamException)
        .find({ where: { examId }, select: { userId: true, extraMinutes: true, extraAttempts: true } });
      return new Map(rows.map((r) => [r.userId, { extraMinutes: r.extraMinutes, extraAttempts: r.extraAttempts }]));
    });
    return byUser.get(userId) ?? NO_GRANT;
  }

  async enrollmentYear(classId: number | null): Promise<number | null> {
    if (classId === null) return null;
    let years = await this.classYears.getOrLoad(() => this.loadClassYears());
    // A class added since (a roster import) is not in the map yet: read the classes again, once for
    // all its students (only the first to find the map stale drops it; the others share that load).
    if (!years.has(classId)) {
      if (this.classYears.get() === years) this.classYears.clear();
      years = await this.classYears.getOrLoad(() => this.loadClassYears());
    }
    return years.get(classId) ?? null;
  }

  private async loadClassYears(): Promise<Map<number, number | null>> {
    const rows = await this.dataSource.getRepository(SchoolClass).find({ select: { id: true, enrollmentYear: true } });
    return new Map(rows.map((r) => [r.id, r.enrollmentYear]));
  }

  /** An exam was created, changed, published or closed, or its grants changed: every instance drops it. */
  invalidate(examId: number): void {
    this.bus.publish({ kind: 'exam', id: examId });
  }

  private drop(examId: number): void {
    this.published.clear();
    this.byId.delete(examId);
    this.grants.delete(examId);
  }
}
