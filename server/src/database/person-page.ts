import type { Page, PageQuery, PersonRef, Role } from '@campus/shared';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { pageWindow } from '../common/http/page-query.dto';

/**
 * The columns of a person in a named list, from `user u` left-joined to `college c` and
 * `school_class k`, and with the role (the lists of alerts and of the APP name staff too).
 */
export const PERSON_WITH_ROLE_COLUMNS = [
  'u.id AS "userId"',
  'u.username AS "username"',
  'u.name AS "name"',
  'u.role AS "role"',
  'c.name AS "collegeName"',
  'k.name AS "className"',
];

/** A row read with PERSON_WITH_ROLE_COLUMNS. */
export function personWithRole(r: Record<string, unknown>): PersonRef & { role: Role } {
  return {
    userId: Number(r.userId),
    username: String(r.username),
    name: String(r.name),
    role: r.role as Role,
    collegeName: (r.collegeName as string | null) ?? null,
    className: (r.className as string | null) ?? null,
  };
}

/**
 * One page of a named list and its total, by college (school offices, without one, last), class
 * and 学号: the order a college works through its list.
 */
export async function pageOfPeople<T, E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  query: PageQuery,
  row: (raw: Record<string, unknown>) => T,
): Promise<Page<T>> {
  const total = await qb.getCount();
  const { skip, take } = pageWindow(query);
  const rows = await qb
    .orderBy('u.college_id IS NULL', 'ASC')
    .addOrderBy('u.college_id', 'ASC')
    .addOrderBy('u.class_id', 'ASC')
    .addOrderBy('u.username', 'ASC')
    .offset(skip)
    .limit(take)
    .getRawMany<Record<string, unknown>>();
  return { items: rows.map(row), total };
}
