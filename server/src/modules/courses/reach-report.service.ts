import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  Role,
  type NotDoneQuery,
  type NotDoneRow,
  type Page,
  type ReachQuery,
  type ReachReport,
  type ReachRow,
} from '@campus/shared';
import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AccessService } from '../../common/auth/access.service';
import type { Principal } from '../../common/auth/principal';
import { buildXlsx } from '../../common/files/xlsx-export';
import { pageWindow } from '../../common/http/page-query.dto';
import { matchPerson } from '../../database/like';
import { User } from '../users/user.entity';

/**
 * What a completion table is about: a course (done = completed it) or a letter (done = confirmed
 * it). The people counted are the active students it addresses.
 */
export interface ReachSubject {
  /** Narrows the students addressed. Aliases: u = user, k = school_class, c = college. */
  restrict(qb: SelectQueryBuilder<User>): void;
  /** The table of those done (alias d, with a user_id column) and its own join condition. */
  done: { table: string; on: string; params: ObjectLiteral };
  /** For a course: its lessons, to show how far each person got. */
  lessons?: { courseId: number; count: number };
}

const MAX_EXPORT_ROWS = 50_000;

/** Completion (or confirmation) per college and class, and the named list of those not done. */
@Injectable()
export class ReachReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
  ) {}

  async report(principal: Principal, subject: ReachSubject, query: ReachQuery): Promise<ReachReport> {
    const qb = this.addressed(principal, subject, query.collegeId);
    // Every column ordered by is grouped by too: MySQL's ONLY_FULL_GROUP_BY does not see that c
    // depends on k (c is joined through the user).
    if (query.groupBy === 'class') {
      qb.select(['k.id AS "id"', 'k.name AS "name"', 'c.name AS "collegeName"'])
        .groupBy('k.id')
        .addGroupBy('k.name')
        .addGroupBy('c.id')
        .addGroupBy('c.name')
        .orderBy('c.id')
        .addOrderBy('k.name');
    } else {
      qb.select(['c.id AS "id"', 'c.name AS "name"', 'c.name AS "collegeName"'])
        .groupBy('c.id')
        .addGroupBy('c.name')
        .orderBy('c.id');
    }
    qb.addSelect('COUNT(u.id)', 'people').addSelect('COUNT(d.user_id)', 'done');
    const raw = await qb.getRawMany<Record<string, unknown>>();
    const rows: ReachRow[] = raw.map((r) => {
      const people = Number(r.people);
      const done = Number(r.done);
      return {
        id: Number(r.id),
        name: String(r.name),
        collegeName: String(r.collegeName),
        people,
        done,
        rate: ratio(done, people),
      };
    });
    const people = rows.reduce((sum, r) => sum + r.people, 0);
    const done = rows.reduce((sum, r) => sum + r.done, 0);
    return { rows, total: { people, done, rate: ratio(done, people) } };
  }

  async notDone(principal: Principal, subject: ReachSubject, query: NotDoneQuery): Promise<Page<NotDoneRow>> {
    const qb = this.addressed(principal, subject, query.collegeId).andWhere('d.user_id IS NULL');
    if (query.classId) qb.andWhere('u.class_id = :classId', { classId: query.classId });
    matchPerson(qb, 'u', query.q);
    qb.select([
      'u.id AS "userId"',
      'u.username AS "username"',
      'u.name AS "name"',
      'c.name AS "collegeName"',
      'k.name AS "className"',
    ]);
    if (subject.lessons) {
      qb.addSelect(
        '(SELECT COUNT(*) FROM lesson_progress p WHERE p.user_id = u.id AND p.course_id = :progressCourseId AND p.completed_at IS NOT NULL)',
        'completedLessons',
      ).setParameter('progressCourseId', subject.lessons.courseId);
    }
    const total = await qb.getCount();
    const { skip, take } = pageWindow(query);
    const raw = await qb
      .orderBy('c.id')
      .addOrderBy('k.name')
      .addOrderBy('u.username')
      .offset(skip)
      .limit(take)
      .getRawMany<Record<string, unknown>>();
    const lessons = subject.lessons?.count ?? 0;
    const items = raw.map((r) => ({
      userId: Number(r.userId),
      username: String(r.username),
      name: String(r.name),
      collegeName: (r.collegeName as string | null) ?? null,
      className: (r.className as string | null) ?? null,
      completedLessons: Math.min(lessons, Number(r.completedLessons ?? 0)),
      lessons,
    }));
    return { items, total };
  }

  /** The tables per college and per class, and the named list of those not done, as one workbook. */
  async exportXlsx(
    principal: Principal,
    subject: ReachSubject,
    query: NotDoneQuery,
    doneLabel: string,
  ): Promise<Buffer> {
    const [byCollege, byClass, list] = await Promise.all([
      this.report(principal, subject, { groupBy: 'college', collegeId: query.collegeId }),
      this.report(principal, subject, { groupBy: 'class', collegeId: query.collegeId }),
      this.notDone(principal, subject, { ...query, page: 1, pageSize: MAX_EXPORT_ROWS }),
    ]);
    const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;
    const summaryColumns = (first: string[]) =>
      [...first, '应完成人数', `已${doneLabel}`, `未${doneLabel}`, `${doneLabel}率`].map((header) => ({ header }));
    return buildXlsx([
      {
        name: '按学院',
        columns: summaryColumns(['学院']),
        rows: [
          ...byCollege.rows.map((r) => [r.name, r.people, r.done, r.people - r.done, percent(r.rate)]),
          [
            '合计',
            byCollege.total.people,
            byCollege.total.done,
            byCollege.total.people - byCollege.total.done,
            percent(byCollege.total.rate),
          ],
        ],
      },
      {
        name: '按班级',
        columns: summaryColumns(['学院', '班级']),
        rows: byClass.rows.map((r) => [r.collegeName, r.name, r.people, r.done, r.people - r.done, percent(r.rate)]),
      },
      {
        name: `未${doneLabel}名单`,
        columns: ['学号', '姓名', '学院', '班级', ...(subject.lessons ? ['已完成课时'] : [])].map((header) => ({
          header,
        })),
        rows: list.items.map((r) => [
          r.username,
          r.name,
          r.collegeName ?? '',
          r.className ?? '',
          ...(subject.lessons ? [`${r.completedLessons}/${r.lessons}`] : []),
        ]),
      },
    ]);
  }

  /** Active students the subject addresses, within the caller's scope, each joined to their "done" row. */
  private addressed(
    principal: Principal,
    subject: ReachSubject,
    collegeId: number | undefined,
  ): SelectQueryBuilder<User> {
    const scope = this.access.collegeScope(principal, collegeId);
    const qb = this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .innerJoin('school_class', 'k', 'k.id = u.class_id')
      .innerJoin('college', 'c', 'c.id = u.college_id')
      .leftJoin(subject.done.table, 'd', `d.user_id = u.id AND ${subject.done.on}`, subject.done.params)
      .where('u.role = :role', { role: Role.Student })
      .andWhere('u.disabled = :disabled', { disabled: false });
    if (scope !== null) qb.andWhere('u.college_id = :scope', { scope });
    subject.restrict(qb);
    return qb;
  }
}

function ratio(done: number, people: number): number {
  return people === 0 ? 0 : done / people;
}
