import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  alertAddressedTo,
  type AlertReadRateRow,
  type AlertReadStats,
  type AlertUnreadRow,
  type Page,
  type Role,
} from '@campus/shared';
import { In, type DataSource } from 'typeorm';
import { matchPerson } from '../../database/like';
import { PERSON_WITH_ROLE_COLUMNS, pageOfPeople, personWithRole } from '../../database/person-page';
import { College } from '../org/college.entity';
import { User } from '../users/user.entity';
import { AlertRead } from './alert-read.entity';
import type { Alert } from './alert.entity';
import type { AlertUnreadQueryDto } from './dto/alert.dto';

/** Active people counted by role and college: an alert's audience is a sum of such groups. */
interface Group {
  role: Role;
  collegeId: number | null;
  count: number;
}

const NO_COLLEGE = '校级部门';

const rate = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

/**
 * Who an alert reaches and who has read it. People are counted in groups of (role, college), the two
 * things an audience selects by, and each group is tested with the same rule (alertAddressedTo) the
 * guard and the inbox use, so every figure agrees with what people actually see.
 */
@Injectable()
export class AlertReadStatsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Audience and read counts of several alerts, in two grouped queries. */
  async counts(alerts: Alert[]): Promise<Map<number, { audienceCount: number; readCount: number }>> {
    const result = new Map<number, { audienceCount: number; readCount: number }>();
    if (alerts.length === 0) return result;
    const [people, reads] = await Promise.all([this.peopleGroups(), this.readGroups(alerts.map((a) => a.id))]);
    for (const alert of alerts) {
      const sum = (groups: Group[]) =>
        groups.filter((g) => alertAddressedTo(alert.audience, g)).reduce((n, g) => n + g.count, 0);
      result.set(alert.id, { audienceCount: sum(people), readCount: sum(reads.get(alert.id) ?? []) });
    }
    return result;
  }

  /** Read rate per college (people without a college as 校级部门), and in total. */
  async readRates(alert: Alert): Promise<AlertReadStats> {
    const [peopleGroups, reads, colleges] = await Promise.all([
      this.peopleGroups(),
      this.readGroups([alert.id]),
      this.dataSource.getRepository(College).find({ order: { code: 'ASC' } }),
    ]);
    const byCollege = new Map<number | null, { people: number; read: number }>();
    const add = (groups: Group[], field: 'people' | 'read') => {
      for (const g of groups.filter((x) => alertAddressedTo(alert.audience, x))) {
        const row = byCollege.get(g.collegeId) ?? { people: 0, read: 0 };
        row[field] += g.count;
        byCollege.set(g.collegeId, row);
      }
    };
    add(peopleGroups, 'people');
    add(reads.get(alert.id) ?? [], 'read');
    const ordered: Array<{ id: number | null; name: string }> = [
      ...colleges.map((c) => ({ id: c.id, name: c.name })),
      { id: null, name: NO_COLLEGE },
    ];
    const rows: AlertReadRateRow[] = ordered
      .filter((c) => (byCollege.get(c.id)?.people ?? 0) > 0)
      .map((c) => {
        const { people: n, read } = byCollege.get(c.id)!;
        return { collegeId: c.id, collegeName: c.name, people: n, read, readRate: rate(read, n) };
      });
    const people = rows.reduce((n, r) => n + r.people, 0);
    const read = rows.reduce((n, r) => n + r.read, 0);
    return { alertId: alert.id, rows, total: { people, read, readRate: rate(read, people) } };
  }

  /** The named list of the audience who have not read the alert, by college, class and 学号. */
  async unread(alert: Alert, query: AlertUnreadQueryDto): Promise<Page<AlertUnreadRow>> {
    const qb = this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .leftJoin('college', 'c', 'c.id = u.college_id')
      .leftJoin('school_class', 'k', 'k.id = u.class_id')
      .leftJoin('alert_read', 'r', 'r.user_id = u.id AND r.alert_id = :alertId', { alertId: alert.id })
      .where('u.disabled = :disabled', { disabled: false })
      .andWhere('r.user_id IS NULL')
      .select(PERSON_WITH_ROLE_COLUMNS);
    if (alert.audience.roles.length > 0) qb.andWhere('u.role IN (:...roles)', { roles: alert.audience.roles });
    if (alert.audience.collegeIds.length > 0)
      qb.andWhere('u.college_id IN (:...collegeIds)', { collegeIds: alert.audience.collegeIds });
    if (query.collegeId) qb.andWhere('u.college_id = :collegeId', { collegeId: query.collegeId });
    if (query.classId) qb.andWhere('u.class_id = :classId', { classId: query.classId });
    matchPerson(qb, 'u', query.q);
    return pageOfPeople(qb, query, personWithRole);
  }

  private async peopleGroups(): Promise<Group[]> {
    const rows = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .select(['u.role AS "role"', 'u.college_id AS "collegeId"', 'COUNT(*) AS "count"'])
      .where('u.disabled = :disabled', { disabled: false })
      .groupBy('u.role')
      .addGroupBy('u.college_id')
      .getRawMany<Record<string, unknown>>();
    return rows.map(toGroup);
  }

  private async readGroups(alertIds: number[]): Promise<Map<number, Group[]>> {
    const rows = await this.dataSource
      .getRepository(AlertRead)
      .createQueryBuilder('r')
      .innerJoin('user', 'u', 'u.id = r.user_id')
      .select(['r.alert_id AS "alertId"', 'u.role AS "role"', 'u.college_id AS "collegeId"', 'COUNT(*) AS "count"'])
      .where({ alertId: In(alertIds) })
      .andWhere('u.disabled = :disabled', { disabled: false })
      .groupBy('r.alert_id')
      .addGroupBy('u.role')
      .addGroupBy('u.college_id')
      .getRawMany<Record<string, unknown>>();
    const result = new Map<number, Group[]>();
    for (const row of rows) {
      const id = Number(row.alertId);
      result.set(id, [...(result.get(id) ?? []), toGroup(row)]);
    }
    return result;
  }
}

function toGroup(row: Record<string, unknown>): Group {
  return {
    role: row.role as Role,
    collegeId: row.collegeId === null || row.collegeId === undefined ? null : Number(row.collegeId),
    count: Number(row.count),
  };
}
