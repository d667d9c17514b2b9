import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { auditObjectLabel, type AuditAction, type AuditLogDto, type AuditTargetType, type Page } from '@campus/shared';
import { Brackets, type DataSource, type SelectQueryBuilder } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { pageWindow } from '../../common/http/page-query.dto';
import { containsPattern } from '../../database/like';
import { AuditLog } from './audit-log.entity';
import type { AuditLogQueryDto } from './dto/audit-log.query';

/** The actor of what scheduled jobs do (retention, housekeeping): no account, a name that says so. */
export const SYSTEM_ACTOR = { id: null, name: '系统（定时任务）' } as const;

export interface AuditTarget {
  type: AuditTargetType;
  id?: number | string | null;
  /** The record's name (title, person, file name), shown as 考试「…」 in the log. */
  name?: string | null;
}

/** The most lines one Excel export of the log holds; a narrower filter gets the rest. */
export const AUDIT_EXPORT_MAX_ROWS = 20_000;

/**
 * The audit log of admin actions. Features call record() once, after their write has succeeded, so
 * the log never claims what did not happen.
 */
@Injectable()
export class AuditService {
  private readonly logger = new Logger(AuditService.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Writes one line. A failure here is logged, not thrown: the action itself has already happened,
   * and answering the admin with an error would tell them it had not.
   */
  async record(
    actor: Pick<Principal, 'id' | 'name'> | typeof SYSTEM_ACTOR | { id: number | null; name: string },
    action: AuditAction,
    target: AuditTarget,
    summary: string,
    details?: Record<string, unknown>,
  ): Promise<void> {
    try {
      const repo = this.dataSource.getRepository(AuditLog);
      await repo.save(repo.create(auditRow(actor, action, target, summary, details, new Date())));
    } catch (error) {
      this.logger.error(`audit ${action} by ${actor.id} not recorded: ${(error as Error).message}`);
    }
  }

  /**
   * Many lines at once (a bulk action writes one per person it changed, so each person's page shows
   * it). Logged, not thrown, like record().
   */
  async recordMany(
    actor: Pick<Principal, 'id' | 'name'>,
    action: AuditAction,
    entries: Array<{ target: AuditTarget; summary: string; details?: Record<string, unknown> }>,
  ): Promise<void> {
    if (entries.length === 0) return;
    try {
      const repo = this.dataSource.getRepository(AuditLog);
      const at = new Date();
      const rows = entries.map((e) => repo.create(auditRow(actor, action, e.target, e.summary, e.details, at)));
      await repo.save(rows, { chunk: 200 });
    } catch (error) {
      this.logger.error(
        `audit ${action} by ${actor.id} (${entries.length} lines) not recorded: ${(error as Error).message}`,
      );
    }
  }

  /** The latest lines about one record (a person's detail page), newest first. */
  async recentFor(target: { type: string; id: number | string }, limit: number): Promise<AuditLogDto[]> {
    const rows = await this.dataSource.getRepository(AuditLog).find({
      where: { targetType: target.type, targetId: String(target.id) },
      order: { at: 'DESC', id: 'DESC' },
      take: limit,
    });
    return rows.map(mapAuditLog);
  }

  async list(query: AuditLogQueryDto): Promise<Page<AuditLogDto>> {
    const { skip, take } = pageWindow(query);
    const [rows, total] = await this.filtered(query).skip(skip).take(take).getManyAndCount();
    return { items: rows.map(mapAuditLog), total };
  }

  /**
   * The lines an Excel export of the log holds: the same filter as the list, newest first, at most
   * AUDIT_EXPORT_MAX_ROWS of them (`total` says how many matched, so the file can say it was cut).
   */
  async exportRows(query: AuditLogQueryDto): Promise<{ items: AuditLogDto[]; total: number }> {
    const [rows, total] = await this.filtered(query).take(AUDIT_EXPORT_MAX_ROWS).getManyAndCount();
    return { items: rows.map(mapAuditLog), total };
  }

  private filtered(query: AuditLogQueryDto): SelectQueryBuilder<AuditLog> {
    const qb = this.dataSource.getRepository(AuditLog).createQueryBuilder('a').orderBy('a.id', 'DESC');
    if (query.action) qb.andWhere('a.action = :action', { action: query.action });
    if (query.actorId) qb.andWhere('a.actorId = :actorId', { actorId: query.actorId });
    if (query.actor?.trim()) qb.andWhere('a.actorName LIKE :actor', { actor: containsPattern(query.actor) });
    if (query.targetType) qb.andWhere('a.targetType = :targetType', { targetType: query.targetType });
    if (query.target?.trim()) qb.andWhere('a.targetName LIKE :target', { target: containsPattern(query.target) });
    if (query.from) qb.andWhere('a.at >= :from', { from: new Date(query.from) });
    if (query.to) qb.andWhere('a.at < :to', { to: new Date(query.to) });
    if (query.q?.trim()) {
      const like = containsPattern(query.q);
      qb.andWhere(
        new Brackets((w) =>
          w
            .where('a.actorName LIKE :like', { like })
            .orWhere('a.summary LIKE :like', { like })
            .orWhere('a.targetName LIKE :like', { like }),
        ),
      );
    }
    return qb;
  }
}

function auditRow(
  actor: { id: number | null; name: string },
  action: AuditAction,
  target: AuditTarget,
  summary: string,
  details: Record<string, unknown> | undefined,
  at: Date,
): Partial<AuditLog> {
  return {
    actorId: actor.id,
    actorName: actor.name.slice(0, 64),
    action,
    targetType: target.type,
    targetId: target.id === undefined || target.id === null ? null : String(target.id),
    targetName: target.name ? target.name.slice(0, 200) : null,
    summary: summary.slice(0, 500),
    details: details ?? null,
    at,
  };
}

export function mapAuditLog(a: AuditLog): AuditLogDto {
  return {
    id: a.id,
    actorId: a.actorId,
    actorName: a.actorName,
    action: a.action,
    targetType: a.targetType,
    targetId: a.targetId,
    targetName: a.targetName,
    object: auditObjectLabel(a),
    summary: a.summary,
    details: a.details,
    at: a.at.toISOString(),
  };
}
