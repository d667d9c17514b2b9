import { Injectable } from '@nestjs/common';
import { AccessService } from '../../common/auth/access.service';
import type { Principal } from '../../common/auth/principal';
import { Sql } from '../../database/sql';
import { AuditService } from '../audit/audit.service';
import { RetentionService } from './retention.service';

/**
 * Every table that holds rows about a person, and the column naming them. A new table with a user
 * column belongs here (personal-data.spec checks the list against the schema).
 */
export const PERSONAL_TABLES: ReadonlyArray<readonly [table: string, column: string]> = [
  ['exam_attempt', 'user_id'],
  ['exam_exception', 'user_id'],
  ['wrong_question', 'user_id'],
  ['lesson_progress', 'user_id'],
  ['course_completion', 'user_id'],
  ['letter_open', 'user_id'],
  ['letter_confirmation', 'user_id'],
  ['alert_read', 'user_id'],
  ['anti_fraud_app_report', 'user_id'],
  ['teaching_assignment', 'teacher_id'],
  ['prompt_delivery', 'teacher_id'],
  ['unit_report', 'submitted_by'],
  ['unit_report', 'reviewed_by'],
  ['report_comment', 'author_id'],
  ['stored_file', 'uploaded_by'],
  ['exam', 'created_by'],
  ['exam_exception', 'granted_by'],
  ['alert', 'created_by'],
  ['alert', 'withdrawn_by'],
  ['report_period', 'created_by'],
  ['weekly_report', 'generated_by'],
  ['notify_channel', 'created_by'],
  ['notify_outbox', 'created_by'],
  ['sso_ticket', 'user_id'],
  ['quiz_response', 'user_id'],
  ['quiz_round', 'teacher_id'],
];

/** Columns never handed out, even to the person themself. */
const SECRET_COLUMNS = new Set(['password_hash']);

/**
 * 个人信息保护法 art. 45: a person may obtain a copy of their personal information. An admin downloads
 * one JSON file with everything the platform holds about one account — the account itself, each
 * table's rows naming it, the answers of their attempts, and the audit lines by or about them — and
 * the download is itself audited.
 */
@Injectable()
export class PersonalDataService {
  constructor(
    private readonly sql: Sql,
    private readonly audit: AuditService,
    private readonly retention: RetentionService,
    private readonly access: AccessService,
  ) {}

  async export(principal: Principal, userId: number): Promise<{ filename: string; body: Buffer }> {
    const user = await this.retention.person(userId);
    // Only a person the caller manages (a college admin: their college's students and teachers), or
    // themself: the copy holds the account and every audit line by or about them.
    if (user.id !== principal.id) this.access.assertCanManage(principal, user);
    const [account] = await this.rows('SELECT * FROM user WHERE id = ?', [userId]);
    const tables: Record<string, Array<Record<string, unknown>>> = {};
    for (const [table, column] of PERSONAL_TABLES) {
      const rows = await this.rows(`SELECT * FROM ${table} WHERE ${column} = ?`, [userId]);
      if (rows.length === 0) continue;
      const key = column === 'user_id' ? table : `${table}.${column}`;
      tables[key] = rows;
    }
    const answers = await this.rows(
      `SELECT aq.* FROM attempt_question aq JOIN exam_attempt a ON a.id = aq.attempt_id WHERE a.user_id = ? ORDER BY aq.attempt_id, aq.position`,
      [userId],
    );
    if (answers.length > 0) tables.attempt_question = answers;
    const audit = await this.rows(
      `SELECT * FROM audit_log WHERE actor_id = ? OR (target_type = ? AND target_id = ?) ORDER BY id`,
      [userId, 'user', String(userId)],
    );
    if (audit.length > 0) tables.audit_log = audit;
    const document = {
      title: '个人信息副本',
      exportedAt: new Date().toISOString(),
      exportedBy: { id: principal.id, name: principal.name },
      account: account ?? null,
      tables,
    };
    await this.audit.record(
      principal,
      'user.personal-data-export',
      { type: 'user', id: userId },
      `导出「${user.name}（${user.username}）」的个人信息副本（${Object.keys(tables).length} 类记录）`,
    );
    return {
      filename: `个人信息-${user.username}.json`,
      body: Buffer.from(JSON.stringify(document, null, 2), 'utf8'),
    };
  }

  private async rows(statement: string, params: unknown[]): Promise<Array<Record<string, unknown>>> {
    const rows = await this.sql.query<Array<Record<string, unknown>>>(statement, params);
    return rows.map((row) =>
      Object.fromEntries(
        Object.entries(row)
          .filter(([column]) => !SECRET_COLUMNS.has(column))
          .map(([column, value]) => [column, value instanceof Date ? value.toISOString() : value]),
      ),
    );
  }
}
