import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuditAction, AuditLogDto, Page } from '@campus/shared';
import { Brackets, type DataSource } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { pageWindow } from '../../common/http/page-query.dto';
import { containsPattern } from '../../database/like';
import { AuditLog } from './audit-log.entity';
import type { AuditLogQueryDto } from './dto/audit-log.query';

export interface AuditTarget {
  type: string;
  id?: number | string | null;
}

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
    actor: Pick<Principal, 'id' | 'name'>,
    action: AuditAction,
    target: AuditTarget,
    summary: string,
    details?: Record<string, unknown>,
  ): Promise<void> {
    try {
      const repo = this.dataSource.getRepository(AuditLog);
      const entry = repo.create({
        actorId: actor.id,
        actorName: actor.name.slice(0, 64),
        action,
        targetType: target.type,
        targetId: target.id === undefined || target.id === null ? null : String(target.id),
        summary: summary.slice(0, 500),
        details: details ?? null,
        at: new Date(),
      });
      await repo.save(entry);
    } catch (error) {
      this.logger.error(`audit ${action} by ${actor.id} not recorded: ${(error as Error).message}`);
    }
  }

  async list(query: AuditLogQueryDto): Promise<Page<AuditLogDto>> {
    const qb = this.dataSource.getRepository(AuditLog).createQueryBuilder('a').orderBy('a.id', 'DESC');
    if (query.action) qb.andWhere('a.action = :action', { action: query.action });
    if (query.actorId) qb.andWhere('a.actorId = :actorId', { actorId: query.actorId });
    if (query.targetType) qb.andWhere('a.targetType = :targetType', { targetType: query.targetType });
    if (query.from) qb.andWhere('a.at >= :from', { from: new Date(query.from) });
    if (query.to) qb.andWhere('a.at < :to', { to: new Date(query.to) });
    if (query.q?.trim()) {
      const like = containsPattern(query.q);
      qb.andWhere(
        new Brackets((w) => w.where('a.actorName LIKE :like', { like }).orWhere('a.summary LIKE :like', { like })),
      );
    }
    const { skip, take } = pageWindow(query);
    const [rows, total] = await qb.skip(skip).take(take).getManyAndCount();
    return { items: rows.map(mapAuditLog), total };
  }
}

export function mapAuditLog(a: AuditLog): AuditLogDto {
  return {
    id: a.id,
    actorId: a.actorId,
    actorName: a.actorName,
    action: a.action,
    targetType: a.targetType,
    targetId: a.targetId,
    summary: a.summary,
    details: a.details,
    at: a.at.toISOString(),
  };
}
