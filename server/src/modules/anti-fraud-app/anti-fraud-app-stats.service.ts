import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Role, type AppInstallRow, type AppInstallStats, type AppMissingRow, type Page } from '@campus/shared';
import { type DataSource, type SelectQueryBuilder } from 'typeorm';
import { AccessService } from '../../common/auth/access.service';
import type { Principal } from '../../common/auth/principal';
import { matchPerson } from '../../database/like';
import { PERSON_WITH_ROLE_COLUMNS, pageOfPeople, personWithRole } from '../../database/person-page';
import { rawBool, rawDate, rawInt } from '../../database/raw-values';
import { College } from '../org/college.entity';
import { SchoolClass } from '../org/school-class.entity';
import { User } from '../users/user.entity';
import type { AppInstallQueryDto, AppMissingQueryDto } from './dto/anti-fraud-app.dto';

const NO_COLLEGE = '校级部门';

const rate = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

/**
 * 应安尽安: how many of the school's people installed and registered the APP, per college or class,
 * and who has not. People are every active account but the system administrators (在校师生 and
 * staff); someone without a record has not installed it.
 */
@Injectable()
export class AntiFraudAppStatsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
  ) {}

  async install(principal: Principal, query: AppInstallQueryDto): Promise<AppInstallStats> {
    const collegeId = this.access.collegeScope(principal, query.collegeId);
    const byClass = query.groupBy === 'class';
    const qb = this.people(collegeId, query.role).select([
      `${byClass ? 'u.class_id' : 'u.college_id'} AS "id"`,
      'COUNT(*) AS "people"',
      'SUM(CASE WHEN a.installed = 1 THEN 1 ELSE 0 END) AS "installed"',
      'SUM(CASE WHEN a.registered = 1 THEN 1 ELSE 0 END) AS "registered"',
    ]);
    // Only students belong to a class; staff are counted by college.
    if (byClass) qb.andWhere('u.class_id IS NOT NULL').groupBy('u.class_id');
    else qb.groupBy('u.college_id');
    const counts = new Map((await qb.getRawMany<Record<string, unknown>>()).map((r) => [rawInt(r.id), r]));

    const groups = byClass ? await this.classes(collegeId) : await this.colleges(collegeId);
    const rows: AppInstallRow[] = groups
      .filter((g) => counts.has(g.id))
      .map((g) => {
        const r = counts.get(g.id)!;
        const people = Number(r.people);
        const installed = Number(r.installed ?? 0);
        const registered = Number(r.registered ?? 0);
        return {
          id: g.id,
          name: g.name,
          people,
          installed,
          registered,
          installRate: rate(installed, people),
          registerRate: rate(registered, people),
        };
      });
    const people = rows.reduce((n, r) => n + r.people, 0);
    const installed = rows.reduce((n, r) => n + r.installed, 0);
    const registered = rows.reduce((n, r) => n + r.registered, 0);
    return {
      rows,
      total: {
        people,
        installed,
        registered,
        installRate: rate(installed, people),
        registerRate: rate(registered, people),
      },
    };
  }

  /** The named list of people who have not installed (or installed but not registered) the APP. */
  async missing(principal: Principal, query: AppMissingQueryDto): Promise<Page<AppMissingRow>> {
    const collegeId = this.access.collegeScope(principal, query.collegeId);
    const qb = this.people(collegeId, query.role)
      .leftJoin('college', 'c', 'c.id = u.college_id')
      .leftJoin('school_class', 'k', 'k.id = u.class_id')
      .select([
        ...PERSON_WITH_ROLE_COLUMNS,
        'a.installed AS "installed"',
        'a.registered AS "registered"',
        'a.reported_at AS "reportedAt"',
      ]);
    if (query.kind === 'not_registered') qb.andWhere('a.installed = 1 AND a.registered = 0');
    else qb.andWhere('(a.user_id IS NULL OR a.installed = 0)');
    if (query.classId) qb.andWhere('u.class_id = :classId', { classId: query.classId });
    matchPerson(qb, 'u', query.q);
    return pageOfPeople(qb, query, (r) => ({
      ...personWithRole(r),
      installed: rawBool(r.installed),
      registered: rawBool(r.registered),
      reportedAt: rawDate(r.reportedAt)?.toISOString() ?? null,
    }));
  }

  /** Active people (not system administrators) with their APP record, if any. */
  private people(collegeId: number | null, role: Role | undefined): SelectQueryBuilder<User> {
    const qb = this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .leftJoin('anti_fraud_app_report', 'a', 'a.user_id = u.id')
      .where('u.disabled = :disabled', { disabled: false })
      .andWhere('u.role != :sysadmin', { sysadmin: Role.Sysadmin });
    if (collegeId !== null) qb.andWhere('u.college_id = :collegeId', { collegeId });
    if (role) qb.andWhere('u.role = :role', { role });
    return qb;
  }

  private async colleges(collegeId: number | null): Promise<Array<{ id: number | null; name: string }>> {
    const colleges = await this.dataSource
      .getRepository(College)
      .find({ where: collegeId === null ? {} : { id: collegeId }, order: { code: 'ASC' } });
    const rows: Array<{ id: number | null; name: string }> = colleges.map((c) => ({ id: c.id, name: c.name }));
    if (collegeId === null) rows.push({ id: null, name: NO_COLLEGE });
    return rows;
  }

  private async classes(collegeId: number | null): Promise<Array<{ id: number; name: string }>> {
    const classes = await this.dataSource.getRepository(SchoolClass).find({
      where: collegeId === null ? {} : { collegeId },
      order: { collegeId: 'ASC', enrollmentYear: 'DESC', name: 'ASC' },
    });
    return classes.map((c) => ({ id: c.id, name: c.name }));
  }
}
