import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { NotifyDeliveryDto, NotifyDeliveryQuery, Page } from '@campus/shared';
import { In, type DataSource } from 'typeorm';
import { AccessService } from '../../common/auth/access.service';
import type { Principal } from '../../common/auth/principal';
import { Clock } from '../../common/clock/clock';
import { pageWindow } from '../../common/http/page-query.dto';
import { Sql } from '../../database/sql';
import { AuditService } from '../audit/audit.service';
import { NotifyChannel } from './notify-channel.entity';
import { NotifyOutbox } from './notify-outbox.entity';
import { collegeNames, mapDelivery } from './notify.mapper';
import { NotifyWorker } from './notify-worker';

/** The delivery log (the outbox itself): a college admin sees their college's group's messages. */
@Injectable()
export class NotifyDeliveriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sql: Sql,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly worker: NotifyWorker,
  ) {}

  async list(principal: Principal, query: NotifyDeliveryQuery): Promise<Page<NotifyDeliveryDto>> {
    const collegeId = this.access.collegeScope(principal, query.collegeId);
    const qb = this.repo.createQueryBuilder('o').orderBy('o.id', 'DESC');
    if (collegeId !== null) qb.andWhere('o.collegeId = :collegeId', { collegeId });
    if (query.status) qb.andWhere('o.status = :status', { status: query.status });
    if (query.kind) qb.andWhere('o.kind = :kind', { kind: query.kind });
    if (query.channelId) qb.andWhere('o.channelId = :channelId', { channelId: query.channelId });
    const { skip, take } = pageWindow(query);
    const [rows, total] = await qb.skip(skip).take(take).getManyAndCount();
    return { items: await this.map(rows), total };
  }

  async get(principal: Principal, id: number): Promise<NotifyDeliveryDto> {
    return (await this.map([await this.find(principal, id)]))[0]!;
  }

  findBySubject(idempotencyKey: string): Promise<NotifyOutbox | null> {
    return this.repo.findOne({ where: { idempotencyKey } });
  }

  /**
   * 立即重试: a failed or waiting message is due now, with a fresh round of attempts. A delivered
   * one is never sent again (the UPDATE only matches pending and failed rows).
   */
  async retry(principal: Principal, id: number): Promise<NotifyDeliveryDto> {
    const row = await this.find(principal, id);
    const changed = await this.sql.execute(
      `UPDATE notify_outbox SET status = 'pending', attempts = 0, next_attempt_at = ?
        WHERE id = ? AND status IN ('pending', 'failed')`,
      [this.clock.date(), id],
    );
    if (changed !== 1) {
      throw new ConflictException(
        row.status === 'delivered' ? '该消息已送达，不会重复发送' : '该消息正在发送或已取消，不能重试',
      );
    }
    await this.audit.record(
      principal,
      'notify.retry',
      { type: 'notify-delivery', id, name: row.title },
      `重发群消息「${row.title}」`,
    );
    this.worker.kick();
    return this.get(principal, id);
  }

  private async find(principal: Principal, id: number): Promise<NotifyOutbox> {
    const row = await this.repo.findOne({ where: { id } });
    if (!row || !this.access.canReachCollege(principal, row.collegeId)) throw new NotFoundException('发送记录不存在');
    if (row.collegeId === null && this.access.collegeScope(principal) !== null)
      throw new NotFoundException('发送记录不存在');
    return row;
  }

  private async map(rows: NotifyOutbox[]): Promise<NotifyDeliveryDto[]> {
    const ids = [...new Set(rows.map((r) => r.channelId).filter((id): id is number => id !== null))];
    const channels = ids.length
      ? await this.dataSource.getRepository(NotifyChannel).find({ where: { id: In(ids) } })
      : [];
    const names = await collegeNames(this.dataSource);
    const byId = new Map(channels.map((c) => [c.id, c]));
    return rows.map((r) => mapDelivery(r, byId, names));
  }

  private get repo() {
    return this.dataSource.getRepository(NotifyOutbox);
  }
}
