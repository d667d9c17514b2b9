import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  Permission,
  hasPermission,
  schoolDayStart,
  toSchoolIso,
  type NextPromptDto,
  type Page,
  type PromptDeliveryDto,
} from '@campus/shared';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { AccessService } from '../../common/auth/access.service';
import type { Principal } from '../../common/auth/principal';
import { pageWindow } from '../../common/http/page-query.dto';
import { rawDate } from '../../database/raw-values';
import { Sql } from '../../database/sql';
import { SchoolClass } from '../org/school-class.entity';
import { TeachingService } from '../teaching/teaching.service';
import type { NextPromptQueryDto, PromptDeliveryQueryDto } from './dto/prompt.dto';
import { PromptDelivery } from './prompt-delivery.entity';
import { choosePrompt, type HeardRecord } from './prompt-rotation';
import { isExpired, mapDelivery, mapPrompt } from './prompt.mapper';
import { Prompt } from './prompt.entity';
import { availableOnly } from './prompts.service';

/** Logging the same prompt for the same class again within this time is the same talk (a double tap). */
export const DUPLICATE_WINDOW_MS = 60 * 60_000;
/**
 * A class hears one 课前3分钟 talk at the start of a lesson: a second talk (another prompt) logged for
 * the same class sooner than a lesson period after the last one is not a second talk, and would only
 * inflate the 覆盖面 counts. Consecutive lessons start 50 minutes or more apart.
 */
export const CLASS_PERIOD_MS = 45 * 60_000;
const DAY_MS = 24 * 3600_000;

export interface DeliveryOutcome {
  delivery: PromptDeliveryDto;
  created: boolean;
}

@Injectable()
export class PromptDeliveryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sql: Sql,
    private readonly access: AccessService,
    private readonly teaching: TeachingService,
  ) {}

  /** The next prompt for a class the caller teaches (rules in prompt-rotation.ts). */
  async next(principal: Principal, query: NextPromptQueryDto): Promise<NextPromptDto> {
    await this.teaching.assertTeaches(principal, query.classId);
    const now = new Date();
    const available = await availableOnly(this.dataSource.getRepository(Prompt).createQueryBuilder('p'), now).getMany();
    const history = await this.history(query.classId);
    const exclude = new Set((query.exclude ?? '').split(',').filter(Boolean).map(Number));
    const schoolLast = await this.lastDeliveredInSchool();
    const outcome = choosePrompt(available, history, { repeat: query.repeat ?? false, exclude, schoolLast });
    if (outcome.kind === 'empty') throw new NotFoundException('提示库中暂时没有可用的提示，请联系学校管理员');
    if (outcome.kind === 'exhausted') {
      throw new NotFoundException({
        message: `本班已听过全部 ${outcome.availableCount} 条可用提示。可开始新一轮，或在提示库中挑选一条`,
        errors: [{ field: 'classId', message: '本班没有未听过的提示了' }],
      });
    }
    return {
      ...mapPrompt(outcome.prompt, now),
      classId: query.classId,
      reason: outcome.reason,
      unheardCount: outcome.unheardCount,
      availableCount: available.length,
      newRound: outcome.newRound,
    };
  }

  /** Each prompt's latest delivery to any class: one grouped row per prompt ever given. */
  private async lastDeliveredInSchool(): Promise<Map<number, Date>> {
    const rows = await this.dataSource
      .getRepository(PromptDelivery)
      .createQueryBuilder('d')
      .select('d.promptId', 'promptId')
      .addSelect('MAX(d.deliveredAt)', 'last')
      .groupBy('d.promptId')
      .getRawMany<{ promptId: number | string; last: unknown }>();
    return new Map(
      rows.flatMap((row) => {
        const last = rawDate(row.last);
        return last ? [[Number(row.promptId), last] as const] : [];
      }),
    );
  }

  private async history(classId: number): Promise<HeardRecord[]> {
    const rows = await this.dataSource
      .getRepository(PromptDelivery)
      .createQueryBuilder('d')
      .select(['d.id', 'd.promptId', 'd.deliveredAt'])
      .innerJoin('d.prompt', 'p')
      .addSelect(['p.id', 'p.fraudType'])
      .where('d.classId = :classId', { classId })
      .getMany();
    return rows.flatMap((d) =>
      d.prompt ? [{ promptId: d.promptId, fraudType: d.prompt.fraudType, deliveredAt: d.deliveredAt }] : [],
    );
  }

  /**
   * Logs that a class heard a prompt. Only the class's own teachers may log it, and only a prompt that
   * can be given. The same prompt for the same class within the hour is one delivery: the earlier one
   * is returned. The class row is locked on MySQL so two taps at once cannot both insert (SQLite's
   * transactions already take turns).
   */
  async deliver(principal: Principal, promptId: number, classId: number): Promise<DeliveryOutcome> {
    await this.teaching.assertTeaches(principal, classId);
    const now = new Date();
    const prompt = await this.dataSource.getRepository(Prompt).findOne({ where: { id: promptId } });
    if (!prompt) throw new NotFoundException('提示不存在');
    if (prompt.status !== 'active') throw new ConflictException('这条提示已停用，不能登记');
    if (isExpired(prompt, now)) throw new ConflictException('这条提示已过期，不能登记');

    const { id, created } = await this.sql.transaction(async (manager) => {
      const locked = await manager.findOne(SchoolClass, {
        where: { id: classId },
        ...(this.sql.kind === 'mysql' ? { lock: { mode: 'pessimistic_write' as const } } : {}),
      });
      if (!locked) throw new NotFoundException('班级不存在');
      const earlier = await manager
        .getRepository(PromptDelivery)
        .createQueryBuilder('d')
        .where('d.promptId = :promptId AND d.classId = :classId AND d.deliveredAt > :since', {
          promptId,
          classId,
          since: new Date(now.getTime() - DUPLICATE_WINDOW_MS),
        })
        .orderBy('d.deliveredAt', 'ASC')
        .getOne();
      if (earlier) return { id: earlier.id, created: false };
      const recent = await manager
        .getRepository(PromptDelivery)
        .createQueryBuilder('d')
        .innerJoin('d.prompt', 'p')
        .addSelect(['p.id', 'p.title'])
        .where('d.classId = :classId AND d.deliveredAt > :since AND d.deliveredAt < :until', {
          classId,
          since: new Date(now.getTime() - CLASS_PERIOD_MS),
          until: new Date(now.getTime() + CLASS_PERIOD_MS),
        })
        .orderBy('d.deliveredAt', 'DESC')
        .getOne();
      if (recent) {
        const nextAllowed = new Date(recent.deliveredAt.getTime() + CLASS_PERIOD_MS);
        throw new ConflictException({
          message:
            `${locked.name} ${clock(recent.deliveredAt)} 已登记过一次课前3分钟（${recent.prompt?.title ?? '另一条提示'}），` +
            `一节课只登记一次；下一节课（${clock(nextAllowed)} 以后）可再登记`,
          errors: [{ field: 'classId', message: '本节课已登记过课前3分钟' }],
        });
      }
      const saved = await manager.save(
        PromptDelivery,
        manager.create(PromptDelivery, { promptId, classId, teacherId: principal.id, deliveredAt: now }),
      );
      return { id: saved.id, created: true };
    });
    const delivery = await this.withNames().where('d.id = :id', { id }).getOneOrFail();
    return { delivery: mapDelivery(delivery, !created), created };
  }

  /**
   * Deliveries, newest first. A teacher sees only their own (their history); a college admin only
   * deliveries to their college's classes; a school admin everything.
   */
  async list(principal: Principal, query: PromptDeliveryQueryDto): Promise<Page<PromptDeliveryDto>> {
    const qb = this.withNames();
    if (hasPermission(principal.role, Permission.PromptCoverageRead)) {
      const collegeId = this.access.collegeScope(principal, query.collegeId);
      if (collegeId !== null) qb.andWhere('c.collegeId = :collegeId', { collegeId });
      if (query.teacherId) qb.andWhere('d.teacherId = :teacherId', { teacherId: query.teacherId });
    } else {
      if (query.teacherId !== undefined && query.teacherId !== principal.id)
        throw new ForbiddenException('只能查看自己的讲授记录');
      qb.andWhere('d.teacherId = :teacherId', { teacherId: principal.id });
      if (query.collegeId) qb.andWhere('c.collegeId = :collegeId', { collegeId: query.collegeId });
    }
    if (query.classId) qb.andWhere('d.classId = :classId', { classId: query.classId });
    if (query.from) qb.andWhere('d.deliveredAt >= :from', { from: boundary(query.from, 'start') });
    if (query.to) qb.andWhere('d.deliveredAt < :to', { to: boundary(query.to, 'end') });
    const { skip, take } = pageWindow(query);
    const [rows, total] = await qb
      .orderBy('d.deliveredAt', 'DESC')
      .addOrderBy('d.id', 'DESC')
      .skip(skip)
      .take(take)
      .getManyAndCount();
    return { items: rows.map((row) => mapDelivery(row)), total };
  }

  /** Deliveries with what lists show: the prompt's title and type, class, college, teacher's name. */
  private withNames(): SelectQueryBuilder<PromptDelivery> {
    return this.dataSource
      .getRepository(PromptDelivery)
      .createQueryBuilder('d')
      .innerJoin('d.prompt', 'p')
      .addSelect(['p.id', 'p.title', 'p.fraudType'])
      .innerJoinAndSelect('d.schoolClass', 'c')
      .leftJoinAndSelect('c.college', 'college')
      .leftJoin('d.teacher', 't')
      .addSelect(['t.id', 't.name']);
  }
}

/** HH:mm as a clock in China shows the instant. */
function clock(instant: Date): string {
  return toSchoolIso(instant).slice(11, 16);
}

/** A `YYYY-MM-DD` day means that whole school day; a full timestamp means itself. */
function boundary(value: string, side: 'start' | 'end'): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const start = schoolDayStart(value);
    return side === 'start' ? start : new Date(start.getTime() + DAY_MS);
  }
  return new Date(value);
}
