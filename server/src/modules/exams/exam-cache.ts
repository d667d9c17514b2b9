import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CacheBus } from '../../common/cluster/cache-bus';
import { SchoolClass } from '../org/school-class.entity';
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
  private published: { exams: Exam[]; expires: number } | null = null;
  private readonly byId = new Map<number, { exam: Exam | null; expires: number }>();
  private classYears: { years: Map<number, number | null>; expires: number } | null = null;
  private readonly grants = new Map<number, { byUser: Map<number, Grant>; expires: number }>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bus: CacheBus,
  ) {
    bus.on((message) => {
      if (message.kind === 'exam') this.drop(message.id);
    });
  }

  async exam(id: number): Promise<Exam | null> {
    const hit = this.byId.get(id);
    if (hit && hit.expires > Date.now()) return hit.exam;
    const exam = await this.dataSource.getRepository(Exam).findOne({ where: { id } });
    this.byId.set(id, { exam, expires: Date.now() + TTL_MS });
    return exam;
  }

  async publishedExams(): Promise<Exam[]> {
    if (this.published && this.published.expires > Date.now()) return this.published.exams;
    const exams = await this.dataSource
      .getRepository(Exam)
      .find({ where: { status: 'published' }, order: { opensAt: 'DESC' } });
    this.published = { exams, expires: Date.now() + TTL_MS };
    return exams;
  }

  /** The student's 补考/缓考 grant on the exam (cached per exam; dropped with the exam). */
  async grant(examId: number, userId: number): Promise<Grant> {
    let hit = this.grants.get(examId);
    if (!hit || hit.expires <= Date.now()) {
      const rows = await this.dataSource
        .getRepository(ExamException)
        .find({ where: { examId }, select: { userId: true, extraMinutes: true, extraAttempts: true } });
      hit = {
        byUser: new Map(rows.map((r) => [r.userId, { extraMinutes: r.extraMinutes, extraAttempts: r.extraAttempts }])),
        expires: Date.now() + TTL_MS,
      };
      this.grants.set(examId, hit);
    }
    return hit.byUser.get(userId) ?? NO_GRANT;
  }

  async enrollmentYear(classId: number | null): Promise<number | null> {
    if (classId === null) return null;
    if (!this.classYears || this.classYears.expires <= Date.now() || !this.classYears.years.has(classId)) {
      const rows = await this.dataSource
        .getRepository(SchoolClass)
        .find({ select: { id: true, enrollmentYear: true } });
      this.classYears = { years: new Map(rows.map((r) => [r.id, r.enrollmentYear])), expires: Date.now() + TTL_MS };
    }
    return this.classYears.years.get(classId) ?? null;
  }

  /** An exam was created, changed, published or closed, or its grants changed: every instance drops it. */
  invalidate(examId: number): void {
    this.bus.publish({ kind: 'exam', id: examId });
  }

  private drop(examId: number): void {
    this.published = null;
    this.byId.delete(examId);
    this.grants.delete(examId);
  }
}
