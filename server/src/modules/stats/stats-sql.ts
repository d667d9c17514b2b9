import { Role, type ExamAudience } from '@campus/shared';

/**
 * Positional parameters collected in the order their `?` appear in the statement. Pieces of a
 * statement must therefore be built in the order they are written.
 */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return '?';
  }

  list(values: readonly unknown[]): string {
    return values.map((v) => this.add(v)).join(',');
  }
}

/** An exam whose attempts a statistic counts. */
export interface CountedExamInfo {
  id: number;
  title: string;
  audience: ExamAudience;
}

/** Who the statistics are about, after access scoping. */
export interface StatsScope {
  exams: CountedExamInfo[];
  collegeId: number | null;
  classId: number | null;
  enrollmentYear: number | null;
  /**
   * Whether graduates archived by the 新学年 rollover count: yes when the statistic is about one
   * 年级 or one exam (their year's history), no for the current figures (StatsScopeService).
   */
  includeArchived?: boolean;
}

/**
 * True when the saved answer of an attempt question (alias `aq`) is right, for attempts nobody has
 * scored yet (past the deadline, not yet closed by the timer): the question's key was stored with it
 * in the same form when the attempt started (AnswerCodec.key), so right is equality. An unanswered
 * question (NULL) is not right. Same rule as the codec's score: all or nothing.
 */
export function answerRightSql(aq: string): string {
  return `${aq}.answer = ${aq}.answer_key`;
}

/** Marks of a question in an attempt: awarded at submission, or scored on the spot (see above). */
export function markSql(aq: string): string {
  return `COALESCE(${aq}.awarded, CASE WHEN ${answerRightSql(aq)} THEN ${aq}.score ELSE 0 END)`;
}

/**
 * Every finished attempt at the counted exams as (attempt_id, user_id, at, score, passed). An
 * attempt past its deadline counts as submitted with the answers saved before it, whether or not
 * anyone called submit (API.md): the timer (AttemptFinalizer) closes such attempts every 20 s, and
 * until it has, they are scored here, in SQL, at their deadline. Closing them first instead would
 * cost one transaction each — minutes when an exam of 10,000 closes at once.
 */
export function finishedAttemptsSql(exams: readonly CountedExamInfo[], asOf: Date, params: SqlParams): string {
  if (exams.length === 0) {
    return 'SELECT a.id AS attempt_id, a.user_id, a.submitted_at AS at, a.score, a.passed FROM exam_attempt a WHERE 1 = 0';
  }
  const submittedIds = params.list(exams.map((e) => e.id));
  const submitted = `SELECT a.id AS attempt_id, a.user_id, a.submitted_at AS at, a.score, a.passed
      FROM exam_attempt a WHERE a.exam_id IN (${submittedIds}) AND a.submitted_at IS NOT NULL`;
  const total = `ROUND(SUM(${markSql('aq')}), 2)`;
  const pendingIds = params.list(exams.map((e) => e.id));
  const pending = `SELECT x.id, x.user_id, x.deadline, ${total}, CASE WHEN ${total} >= e.pass_score THEN 1 ELSE 0 END
      FROM exam_attempt x
      JOIN exam e ON e.id = x.exam_id
      JOIN attempt_question aq ON aq.attempt_id = x.id
      WHERE x.exam_id IN (${pendingIds}) AND x.submitted_at IS NULL AND x.deadline <= ${params.add(asOf)}
      GROUP BY x.id, x.user_id, x.deadline, e.pass_score`;
  return `${submitted}\n    UNION ALL\n    ${pending}`;
}

export interface AudienceColumns {
  collegeId: string;
  classId: string;
  enrollmentYear: string;
}

/**
 * The students the counted exams address (exam-audience.ts inAudience, in SQL): any exam's
 * audience, each criterion it sets must hold. Null when no restriction applies — no exam counted
 * (everyone is in scope, and nobody can have passed) or an exam addressed to the whole school.
 */
export function audienceSql(
  exams: readonly CountedExamInfo[],
  columns: AudienceColumns,
  params: SqlParams,
): string | null {
  if (exams.length === 0) return null;
  const alternatives: string[] = [];
  for (const { audience } of exams) {
    const criteria: Array<[number[] | undefined, string]> = [
      [audience.collegeIds, columns.collegeId],
      [audience.enrollmentYears, columns.enrollmentYear],
      [audience.classIds, columns.classId],
    ];
    const parts = criteria
      .filter(([list]) => list && list.length > 0)
      .map(([list, column]) => `${column} IN (${params.list(list!)})`);
    if (parts.length === 0) return null;
    alternatives.push(`(${parts.join(' AND ')})`);
  }
  return `(${alternatives.join(' OR ')})`;
}

/**
 * The people of the statistics (aliases u = user, k = their school_class): students whose account
 * is not disabled (or graduates archived by the rollover, when the scope is historical), in the scope's college/class/enrolment year, addressed by the counted exams.
 * Teachers and staff are not counted: awareness is measured on students (PRODUCT.md).
 */
export function peopleWhereSql(scope: StatsScope, params: SqlParams): string {
  const active = scope.includeArchived ? '(u.disabled = 0 OR u.archived_at IS NOT NULL)' : 'u.disabled = 0';
  const parts = [`u.role = ${params.add(Role.Student)}`, active];
  if (scope.collegeId !== null) parts.push(`u.college_id = ${params.add(scope.collegeId)}`);
  if (scope.classId !== null) parts.push(`u.class_id = ${params.add(scope.classId)}`);
  if (scope.enrollmentYear !== null) parts.push(`k.enrollment_year = ${params.add(scope.enrollmentYear)}`);
  const audience = audienceSql(
    scope.exams,
    { collegeId: 'u.college_id', classId: 'u.class_id', enrollmentYear: 'k.enrollment_year' },
    params,
  );
  if (audience) parts.push(audience);
  return parts.join(' AND ');
}

/** The classes of the scope (alias k), for figures that belong to classes (prompt deliveries). */
export function classesWhereSql(scope: StatsScope, params: SqlParams): string {
  const parts = ['1 = 1'];
  if (scope.collegeId !== null) parts.push(`k.college_id = ${params.add(scope.collegeId)}`);
  if (scope.classId !== null) parts.push(`k.id = ${params.add(scope.classId)}`);
  if (scope.enrollmentYear !== null) parts.push(`k.enrollment_year = ${params.add(scope.enrollmentYear)}`);
  const audience = audienceSql(
    scope.exams,
    { collegeId: 'k.college_id', classId: 'k.id', enrollmentYear: 'k.enrollment_year' },
    params,
  );
  if (audience) parts.push(audience);
  return parts.join(' AND ');
}

/** Numbers come back as strings from some drivers (SUM on MySQL is DECIMAL). */
export function num(value: unknown): number {
  if (value === null || value === undefined) return 0;
  return Number(value);
}

export function numOrNull(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  return Number(value);
}

export function ratio(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}
