import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ALERT_LEVEL_LABELS,
  alertAddressedTo,
  Role,
  type AlertDto,
  type AlertInput,
  type MyAlertDto,
  type Page,
} from '@campus/shared';
import { In, IsNull, LessThanOrEqual, type DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { pageWindow } from '../../common/http/page-query.dto';
import { containsPattern } from '../../database/like';
import { Sql } from '../../database/sql';
import { AuditService } from '../audit/audit.service';
import { College } from '../org/college.entity';
import { shanghaiDateTime } from '../stats/report-week';
import { AlertReadStatsService } from './alert-read-stats.service';
import { AlertRead } from './alert-read.entity';
import { Alert } from './alert.entity';
import { mapAlert, mapMyAlert } from './alert.mapper';
import type { AlertListQueryDto } from './dto/alert.dto';
import { UrgentAlertGate } from './urgent-alert-gate';
import { Clock } from '../../common/clock/clock';
import { AppConfig } from '../../config/app-config';
import { NotifyOutboxService } from '../notify/notify-outbox.service';
import { fitMessage, link } from '../notify/notify-messages';

/** A person sees at most this many alerts, the newest (years of alerts are of no use on a phone). */
const MY_ALERTS_LIMIT = 200;

/** A notice from the system to the office, e.g. a 重大信息 report (no admin published it). */
export interface OfficeNotice {
  title: string;
  content: string;
  link: string;
}

/** Alerts as admins publish them and people receive them. Read statistics are AlertReadStatsService's. */
@Injectable()
export class AlertsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sql: Sql,
    private readonly gate: UrgentAlertGate,
    private readonly stats: AlertReadStatsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly outbox: NotifyOutboxService,
    private readonly config: AppConfig,
  ) {}

  async create(principal: Principal, input: AlertInput): Promise<AlertDto> {
    const now = this.clock.date();
    const requested = input.publishAt ? new Date(input.publishAt) : now;
    const audience = await this.validAudience(input.audience.roles ?? [], input.audience.collegeIds ?? []);
    // The alert and its robot messages are one transaction: both are recorded or neither.
    const alert = await this.sql.transaction(async (manager) => {
      const saved = await this.insert(
        principal,
        {
          title: input.title.trim(),
          content: input.content.trim(),
          level: input.level,
          audience,
          // A time already past means "now": the alert is never shown as published before it existed.
          publishAt: requested > now ? requested : now,
          link: null,
        },
        manager,
      );
      if (saved.level === 'urgent') await this.queueRobotMessages(manager, saved, principal);
      return saved;
    });
    if (alert.level === 'urgent') {
      this.gate.invalidate();
      this.outbox.kick();
    }
    const when = alert.publishAt > now ? `，定时 ${shanghaiDateTime(alert.publishAt)} 发布` : '';
    await this.audit.record(
      principal,
      'alert.publish',
      { type: 'alert', id: alert.id, name: alert.title },
      `发布${ALERT_LEVEL_LABELS[alert.level]}警示「${alert.title}」${when}`,
      {
        audience: alert.audience,
      },
    );
    return this.toDto(alert, now);
  }

  /** Tells the office (school admins and sysadmins) at once, as an urgent alert addressed to them only. */
  async notifyOffice(actor: Principal, notice: OfficeNotice): Promise<void> {
    await this.insert(actor, {
      title: notice.title.slice(0, 100),
      content: notice.content.slice(0, 5000),
      level: 'urgent',
      audience: { roles: [Role.SchoolAdmin, Role.Sysadmin], collegeIds: [] },
      publishAt: this.clock.date(),
      link: notice.link,
    });
  }

  private async insert(
    actor: Principal,
    fields: Pick<Alert, 'title' | 'content' | 'level' | 'audience' | 'publishAt' | 'link'>,
    manager?: EntityManager,
  ): Promise<Alert> {
    const repo = (manager ?? this.dataSource.manager).getRepository(Alert);
    const saved = await repo.save(
      repo.create({ ...fields, withdrawnAt: null, withdrawnBy: null, createdBy: actor.id, createdByName: actor.name }),
    );
    if (!manager && saved.level === 'urgent') this.gate.invalidate();
    return saved;
  }

  /**
   * An urgent alert goes to the group robots of the colleges in its audience (every college when
   * it names none) and to the school's group, when it is published (a scheduled one at its time).
   */
  private async queueRobotMessages(manager: EntityManager, alert: Alert, actor: Principal): Promise<void> {
    await this.outbox.enqueue(manager, {
      kind: 'alert',
      subject: `alert:${alert.id}`,
      target: { school: true, colleges: alert.audience.collegeIds.length > 0 ? alert.audience.collegeIds : 'all' },
      notBefore: alert.publishAt,
      message: () =>
        fitMessage({
          title: `【紧急警示】${alert.title}`,
          lines: [...alert.content.split(/\n+/).filter((l) => l.trim()), '请登录平台阅读并确认“我已阅读并知晓”。'],
          link: link(this.config.publicUrl, '/alerts', '打开警示'),
        }),
      actor,
    });
  }

  private async validAudience(roles: Role[], collegeIds: number[]): Promise<Alert['audience']> {
    const uniqueColleges = [...new Set(collegeIds)];
    if (uniqueColleges.length > 0) {
      const found = await this.dataSource.getRepository(College).count({ where: { id: In(uniqueColleges) } });
      if (found !== uniqueColleges.length) {
        throw new BadRequestException({
          message: '所选学院不存在',
          errors: [{ field: 'audience.collegeIds', message: '所选学院不存在' }],
        });
      }
    }
    return { roles: [...new Set(roles)], collegeIds: uniqueColleges };
  }

  async list(query: AlertListQueryDto): Promise<Page<AlertDto>> {
    const now = this.clock.date();
    const qb = this.dataSource
      .getRepository(Alert)
      .createQueryBuilder('a')
      .orderBy('a.publishAt', 'DESC')
      .addOrderBy('a.id', 'DESC');
    if (query.status === 'withdrawn') qb.andWhere('a.withdrawnAt IS NOT NULL');
    if (query.status === 'scheduled') qb.andWhere('a.withdrawnAt IS NULL AND a.publishAt > :now', { now });
    if (query.status === 'published') qb.andWhere('a.withdrawnAt IS NULL AND a.publishAt <= :now', { now });
    if (query.level) qb.andWhere('a.level = :level', { level: query.level });
    if (query.q?.trim()) qb.andWhere('a.title LIKE :like', { like: containsPattern(query.q) });
    const { skip, take } = pageWindow(query);
    const [rows, total] = await qb.skip(skip).take(take).getManyAndCount();
    const counts = await this.stats.counts(rows);
    return { items: rows.map((a) => mapAlert(a, now, counts.get(a.id) ?? { audienceCount: 0, readCount: 0 })), total };
  }

  async get(id: number): Promise<AlertDto> {
    return this.toDto(await this.find(id), this.clock.date());
  }

  async find(id: number): Promise<Alert> {
    const alert = await this.dataSource.getRepository(Alert).findOne({ where: { id } });
    if (!alert) throw new NotFoundException('警示信息不存在');
    return alert;
  }

  /** Hides the alert from everyone at once; withdrawing again changes nothing. */
  async withdraw(principal: Principal, id: number): Promise<AlertDto> {
    const alert = await this.find(id);
    if (alert.withdrawnAt) return this.toDto(alert, this.clock.date());
    alert.withdrawnAt = this.clock.date();
    alert.withdrawnBy = principal.id;
    // Messages not yet sent (a scheduled alert, or one still retrying) are cancelled with it.
    await this.sql.transaction(async (manager) => {
      await manager.getRepository(Alert).update({ id }, { withdrawnAt: alert.withdrawnAt, withdrawnBy: principal.id });
      await this.outbox.cancel(manager, `alert:${id}`, '警示已撤回');
    });
    if (alert.level === 'urgent') this.gate.invalidate();
    await this.audit.record(
      principal,
      'alert.withdraw',
      { type: 'alert', id, name: alert.title },
      `撤回${ALERT_LEVEL_LABELS[alert.level]}警示「${alert.title}」`,
    );
    return this.toDto(alert, this.clock.date());
  }

  /** The published alerts addressed to the caller, newest first, each with when they read it. */
  async mine(principal: Principal): Promise<MyAlertDto[]> {
    const alerts = (
      await this.dataSource.getRepository(Alert).find({
        where: { withdrawnAt: IsNull(), publishAt: LessThanOrEqual(this.clock.date()) },
        order: { publishAt: 'DESC', id: 'DESC' },
        // Audiences are matched here, not in SQL: read a margin so that alerts for others (e.g. the
        // office's 重大信息 notices) do not crowd the caller's own out of the limit.
        take: MY_ALERTS_LIMIT * 4,
      })
    )
      .filter((a) => alertAddressedTo(a.audience, principal))
      .slice(0, MY_ALERTS_LIMIT);
    if (alerts.length === 0) return [];
    const reads = await this.dataSource
      .getRepository(AlertRead)
      .find({ where: { userId: principal.id, alertId: In(alerts.map((a) => a.id)) } });
    const readAt = new Map(reads.map((r) => [r.alertId, r.readAt]));
    return alerts.map((a) => mapMyAlert(a, readAt.get(a.id) ?? null));
  }

  /** Records that the caller read (acknowledged) an alert; the first time is kept. */
  async markRead(principal: Principal, id: number): Promise<void> {
    const alert = await this.dataSource.getRepository(Alert).findOne({ where: { id } });
    const visible =
      alert &&
      !alert.withdrawnAt &&
      alert.publishAt <= this.clock.date() &&
      alertAddressedTo(alert.audience, principal);
    if (!visible) throw new NotFoundException('警示信息不存在或已撤回');
    await this.sql.insertMany(
      this.dataSource.manager,
      'alert_read',
      ['alert_id', 'user_id', 'read_at'],
      [[id, principal.id, this.clock.date()]],
      { ignoreDuplicates: true },
    );
    this.gate.remember(principal.id, id);
  }

  private async toDto(alert: Alert, now: Date): Promise<AlertDto> {
    const counts = await this.stats.counts([alert]);
    return mapAlert(alert, now, counts.get(alert.id) ?? { audienceCount: 0, readCount: 0 });
  }
}
