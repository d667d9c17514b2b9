import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  freshmanEnrollmentYear,
  Role,
  type CohortRow,
  type RolloverOverview,
  type RolloverRequest,
  type RolloverResult,
} from '@campus/shared';
import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import type { Principal } from '../../common/auth/principal';
import { PrincipalCache } from '../../common/auth/principal-cache';
import { Sql } from '../../database/sql';
import { AuditService } from '../audit/audit.service';
import { Exam } from '../exams/exam.entity';
import { Letter } from '../letters/letter.entity';
import { SchoolClass } from '../org/school-class.entity';
import { User } from '../users/user.entity';

/** A 高职 programme lasts three years: the 年级 three or more years before the freshmen graduate. */
const USUAL_YEARS_OF_STUDY = 3;

/** Replaces a year in a title (「2026 级入学第一考」 → 「2027 级入学第一考」); others are left alone. */
function retitled(title: string, from: number, to: number): string {
  return title.includes(String(from)) ? title.split(String(from)).join(String(to)) : `${title}（${to} 级）`;
}

function addYears(date: Date, years: number): Date {
  const copy = new Date(date);
  copy.setUTCFullYear(copy.getUTCFullYear() + years);
  return copy;
}

/**
 * 新学年: once a year, after the new freshmen have been imported with the roster (入学年份 = the new
 * 年级), the graduating 年级 are disabled and archived — they cannot sign in, the current figures
 * leave them out, and their own 年级's statistics still count them (stats-sql.ts) — and the new 年级
 * gets its 致新生一封信 and its 入学第一考 (copied from the latest ones when missing: the exam as a
 * draft, to be checked and published). A dry run says all of this without writing; the real run is
 * one transaction and one line in the audit log.
 */
@Injectable()
export class RolloverService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sql: Sql,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly principals: PrincipalCache,
  ) {}

  async overview(): Promise<RolloverOverview> {
    const freshmanYear = freshmanEnrollmentYear(this.clock.date());
    const cohorts = await this.cohorts();
    return {
      freshmanYear,
      suggestedGraduateYears: cohorts
        .filter((c) => c.active > 0 && c.enrollmentYear <= freshmanYear - USUAL_YEARS_OF_STUDY)
        .map((c) => c.enrollmentYear),
      cohorts,
    };
  }

  private async cohorts(): Promise<CohortRow[]> {
    const rows = await this.sql.query<Array<Record<string, unknown>>>(
      `SELECT k.enrollment_year AS y, COUNT(DISTINCT k.id) AS classes,
         SUM(CASE WHEN u.id IS NOT NULL AND u.disabled = 0 THEN 1 ELSE 0 END) AS active,
         SUM(CASE WHEN u.archived_at IS NOT NULL THEN 1 ELSE 0 END) AS archived
       FROM school_class k LEFT JOIN user u ON u.class_id = k.id AND u.role = ?
       WHERE k.enrollment_year IS NOT NULL
       GROUP BY k.enrollment_year ORDER BY k.enrollment_year DESC`,
      [Role.Student],
    );
    const letters = new Set((await this.dataSource.getRepository(Letter).find()).map((l) => l.enrollmentYear));
    const exams = await this.entranceExams(this.dataSource.manager);
    return rows.map((r) => {
      const year = Number(r.y);
      return {
        enrollmentYear: year,
        classes: Number(r.classes),
        active: Number(r.active ?? 0),
        archived: Number(r.archived ?? 0),
        hasLetter: letters.has(year),
        entranceExams: exams.filter((e) => addresses(e, year)).length,
      };
    });
  }

  async run(principal: Principal, request: RolloverRequest): Promise<RolloverResult> {
    this.validate(request);
    if (request.dryRun) return this.plan(this.dataSource.manager, request, principal);
    const { result, archivedIds } = await this.sql.transaction(async (manager) => {
      const plan = await this.plan(manager, request, principal);
      const ids = await this.archive(manager, request.graduateYears);
      await this.copyLetter(manager, plan);
      await this.copyExam(manager, plan, principal);
      return { result: { ...plan, archived: ids.length }, archivedIds: ids };
    });
    for (const id of archivedIds) this.principals.evict(id);
    const graduates = result.graduates.map((g) => `${g.enrollmentYear} 级 ${g.students} 人`).join('、') || '无';
    await this.audit.record(
      principal,
      'year.rollover',
      { type: 'enrollment-year', id: request.enrollmentYear },
      `新学年 ${request.enrollmentYear} 级：新生 ${result.freshmen} 人；毕业归档 ${graduates}；` +
        `新生信${describe(result.letter.action)}；入学第一考${describe(result.entranceExam.action)}`,
      { ...result, archivedUserIds: archivedIds.length <= 5000 ? archivedIds : undefined },
    );
    return result;
  }

  private validate(request: RolloverRequest): void {
    const problems: Array<{ field: string; message: string }> = [];
    const later = request.graduateYears.filter((y) => y >= request.enrollmentYear);
    if (later.length > 0)
      problems.push({
        field: 'graduateYears',
        message: `毕业年级 ${later.join('、')} 不早于新生年级 ${request.enrollmentYear}，不能归档`,
      });
    const current = freshmanEnrollmentYear(this.clock.date());
    if (request.enrollmentYear > current + 1)
      problems.push({
        field: 'enrollmentYear',
        message: `新生年级 ${request.enrollmentYear} 晚于本学年（${current} 级）一年以上，请检查`,
      });
    if (problems.length > 0) throw new BadRequestException({ message: problems[0]!.message, errors: problems });
  }

  /** What the run does, read inside the run's own transaction (or alone, for the dry run). */
  private async plan(manager: EntityManager, request: RolloverRequest, principal: Principal): Promise<RolloverResult> {
    void principal;
    const year = request.enrollmentYear;
    const freshmen = await this.students(manager, [year], false);
    const graduates = await Promise.all(
      [...new Set(request.graduateYears)]
        .sort((a, b) => a - b)
        .map(async (y) => ({ enrollmentYear: y, students: await this.students(manager, [y], true) })),
    );
    const letters = await manager.find(Letter, { order: { enrollmentYear: 'DESC' } });
    const ownLetter = letters.find((l) => l.enrollmentYear === year);
    const earlierLetter = letters.find((l) => l.enrollmentYear < year) ?? null;
    const exams = await this.entranceExams(manager);
    const ownExam = exams.find((e) => addresses(e, year));
    const earlierExam = exams.find((e) => (e.audience.enrollmentYears ?? []).some((y) => y < year)) ?? null;
    const warnings: string[] = [];
    if (freshmen === 0)
      warnings.push(`还没有 ${year} 级学生：请先在“人员管理 → 花名册导入”导入新生（入学年份填 ${year}）`);
    if (!ownExam && !earlierExam) warnings.push(`没有可复制的入学第一考：请在考试管理中为 ${year} 级新建`);
    if (!ownLetter && !earlierLetter) warnings.push(`没有可复制的新生信：请在“致新生一封信”中为 ${year} 级撰写`);
    return {
      dryRun: request.dryRun,
      enrollmentYear: year,
      freshmen,
      graduates,
      archived: graduates.reduce((sum, g) => sum + g.students, 0),
      letter: ownLetter
        ? { action: 'exists', fromYear: null, letterId: ownLetter.id }
        : earlierLetter
          ? { action: 'copied', fromYear: earlierLetter.enrollmentYear, letterId: null }
          : { action: 'none', fromYear: null, letterId: null },
      entranceExam: ownExam
        ? { action: 'exists', fromExamId: null, examId: ownExam.id }
        : earlierExam
          ? { action: 'copied', fromExamId: earlierExam.id, examId: null }
          : { action: 'none', fromExamId: null, examId: null },
      warnings,
    };
  }

  /** Students of these 年级 who can sign in now (or, for graduates, who are not archived yet). */
  private async students(manager: EntityManager, years: number[], notArchived: boolean): Promise<number> {
    const qb = manager
      .getRepository(User)
      .createQueryBuilder('u')
      .innerJoin(SchoolClass, 'k', 'k.id = u.classId')
      .where('u.role = :role', { role: Role.Student })
      .andWhere('k.enrollmentYear IN (:...years)', { years });
    if (notArchived) qb.andWhere('u.archivedAt IS NULL');
    else qb.andWhere('u.disabled = :disabled', { disabled: false });
    return qb.getCount();
  }

  private async archive(manager: EntityManager, years: number[]): Promise<number[]> {
    if (years.length === 0) return [];
    const classes = await manager.find(SchoolClass, { where: { enrollmentYear: In(years) }, select: { id: true } });
    if (classes.length === 0) return [];
    const ids: number[] = [];
    const classIds = classes.map((k) => k.id);
    for (let i = 0; i < classIds.length; i += 500) {
      const rows = await manager.find(User, {
        where: { role: Role.Student, classId: In(classIds.slice(i, i + 500)), archivedAt: IsNull() },
        select: { id: true },
      });
      ids.push(...rows.map((u) => u.id));
    }
    const now = this.clock.date();
    for (let i = 0; i < ids.length; i += 1000) {
      const chunk = ids.slice(i, i + 1000);
      // An account an admin had already disabled keeps the moment it was disabled (its retention clock).
      await this.sql.query(
        `UPDATE user SET disabled = ?, archived_at = ?, disabled_at = COALESCE(disabled_at, ?), token_version = token_version + 1
         WHERE id IN (${chunk.map(() => '?').join(',')})`,
        [true, now, now, ...chunk],
        manager,
      );
    }
    return ids;
  }

  private async copyLetter(manager: EntityManager, plan: RolloverResult): Promise<void> {
    if (plan.letter.action !== 'copied') return;
    const source = await manager.findOneByOrFail(Letter, { enrollmentYear: plan.letter.fromYear! });
    const saved = await manager.save(
      manager.create(Letter, {
        enrollmentYear: plan.enrollmentYear,
        title: retitled(source.title, source.enrollmentYear, plan.enrollmentYear).slice(0, 100),
        html: source.html,
      }),
    );
    plan.letter.letterId = saved.id;
  }

  /**
   * The latest entrance exam, as a draft for the new 年级: same paper and rules, window moved by the
   * years between them, audience the new 年级 (in the same colleges, if it was limited to some).
   */
  private async copyExam(manager: EntityManager, plan: RolloverResult, principal: Principal): Promise<void> {
    if (plan.entranceExam.action !== 'copied') return;
    const source = await manager.findOneByOrFail(Exam, { id: plan.entranceExam.fromExamId! });
    const fromYear = Math.max(...(source.audience.enrollmentYears ?? []).filter((y) => y < plan.enrollmentYear));
    const shift = plan.enrollmentYear - fromYear;
    const saved = await manager.save(
      manager.create(Exam, {
        title: retitled(source.title, fromYear, plan.enrollmentYear).slice(0, 100),
        description: source.description,
        kind: 'entrance',
        status: 'draft',
        opensAt: addYears(source.opensAt, shift),
        closesAt: addYears(source.closesAt, shift),
        durationMinutes: source.durationMinutes,
        passScore: source.passScore,
        maxAttempts: source.maxAttempts,
        audience: { collegeIds: [...(source.audience.collegeIds ?? [])], enrollmentYears: [plan.enrollmentYear] },
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
    plan.entranceExam.examId = saved.id;
  }

  /** Entrance exams not archived, newest first. */
  private entranceExams(manager: EntityManager): Promise<Exam[]> {
    return manager.find(Exam, {
      where: { kind: 'entrance' },
      select: { id: true, title: true, audience: true, status: true },
      order: { id: 'DESC' },
    });
  }
}

/** An exam addresses a 年级 when it names it (an exam for the whole school is not a cohort's own). */
function addresses(exam: Pick<Exam, 'audience'>, year: number): boolean {
  return (exam.audience.enrollmentYears ?? []).includes(year);
}

function describe(action: 'exists' | 'copied' | 'none'): string {
  if (action === 'exists') return '已有';
  if (action === 'copied') return '已从往年复制';
  return '无可复制';
}
