import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  weeklyRanking,
  type Page,
  type WeeklyReportContent,
  type WeeklyReportDto,
  type WeeklyReportKind,
  type WeeklyReportListQuery,
  type WeeklyReportSummary,
} from '@campus/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../../common/auth/access.service';
import type { Principal } from '../../common/auth/principal';
import { pageWindow } from '../../common/http/page-query.dto';
import { WEEK_MS } from '../stats/awareness.query';
import { latestCutoff, nextCutoff, shanghaiDate, shanghaiDateTime } from '../stats/report-week';
import { StatsScopeService } from '../stats/stats-scope.service';
import { StatsService } from '../stats/stats.service';
import { SchoolSettingsService } from '../school/school-settings.service';
import { AuditService } from '../audit/audit.service';
import { WeeklyReport } from './weekly-report.entity';
import { mapWeeklyReport, mapWeeklyReportSummary } from './weekly-report.mapper';
import { isDuplicateKeyError } from '../../database/db-errors';
import { Sql } from '../../database/sql';
import { AppConfig } from '../../config/app-config';
import { NotifyOutboxService } from '../notify/notify-outbox.service';
import { weeklyReportMessage } from './weekly-report-message';

/** The scheduler may fire a moment before 08:00:00; it still means this Friday's report. */
const EARLY_FIRE_TOLERANCE_MS = 60_000;

/**
 * 学生处's 周五通报: a snapshot of awareness per college and class, coverage, weak spots and the
 * ranking of 先进学院 / 先进班级, computed once and stored (never updated). The scheduler makes one
 * every Friday 08:00 (Asia/Shanghai) as of that moment; admins may make one as of now at any time.
 */
@Injectable()
export class WeeklyReportService {
  private readonly logger = new Logger(WeeklyReportService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly stats: StatsService,
    private readonly scopes: StatsScopeService,
    private readonly access: AccessService,
    private readonly school: SchoolSettingsService,
    private readonly audit: AuditService,
    private readonly sql: Sql,
    private readonly outbox: NotifyOutboxService,
    private readonly config: AppConfig,
  ) {}

  /**
   * This week's Friday report, as of the Friday 08:00 cut-off. Every instance's scheduler calls
   * this at 08:00: the unique slot lets exactly one insert win, the others return that report.
   */
  async generateWeekly(now = new Date()): Promise<WeeklyReportDto> {
    const asOf = latestCutoff(new Date(now.getTime() + EARLY_FIRE_TOLERANCE_MS));
    const weekOf = shanghaiDate(asOf);
    const slot = `weekly:${weekOf}`;
    const existing = await this.repo.findOne({ where: { slot } });
    if (existing) return mapWeeklyReport(existing);
    try {
      const title = await this.school.exportTitle(`反诈宣传周报（${weekOf} 周五通报）`);
      return await this.create('weekly', slot, weekOf, asOf, title, null);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      this.logger.log(`The weekly report of ${weekOf} was created by another instance`);
      return mapWeeklyReport(await this.repo.findOneOrFail({ where: { slot } }));
    }
  }

  /** A report as of now, on demand; it never takes the place of the Friday report. */
  async generateNow(principal: Principal): Promise<WeeklyReportDto> {
    const asOf = new Date();
    const weekOf = shanghaiDate(nextCutoff(asOf));
    const report = await this.create(
      'manual',
      `manual:${asOf.getTime()}`,
      weekOf,
      asOf,
      await this.school.exportTitle(`反诈宣传临时通报（${shanghaiDateTime(asOf)}）`),
      principal,
    );
    await this.audit.record(
      principal,
      'weekly-report.generate',
      { type: 'weekly_report', id: report.id, name: report.title },
      `生成临时通报「${report.title}」`,
    );
    return report;
  }

  /**
   * Deletes a temporary report (made on demand, e.g. to check figures before a meeting). The Friday
   * reports are the record 学生处 reports from: they are never deleted.
   */
  async remove(principal: Principal, id: number): Promise<void> {
    const report = await this.repo.findOne({ where: { id }, select: { id: true, kind: true, title: true } });
    if (!report) throw new NotFoundException('通报不存在');
    if (report.kind !== 'manual') {
      throw new ConflictException('周五通报是正式通报，不能删除；只有手动生成的临时通报可以删除');
    }
    await this.repo.delete({ id, kind: 'manual' });
    await this.audit.record(
      principal,
      'weekly-report.delete',
      { type: 'weekly_report', id, name: report.title },
      `删除临时通报「${report.title}」`,
    );
  }

  private async create(
    kind: WeeklyReportKind,
    slot: string,
    weekOf: string,
    asOf: Date,
    title: string,
    by: Principal | null,
  ): Promise<WeeklyReportDto> {
    const content = await this.content(asOf);
    const report = this.repo.create({
      kind,
      slot,
      weekOf,
      title,
      periodStart: new Date(asOf.getTime() - WEEK_MS),
      asOf,
      generatedAt: new Date(),
      generatedBy: by?.id ?? null,
      generatedByName: by?.name ?? null,
      people: content.total.people,
      awarenessRate: content.total.awarenessRate,
      awarenessChange: content.total.awarenessChange,
      coverageRate: content.total.coverageRate,
      content,
    });
    if (kind !== 'weekly') {
      const { identifiers } = await this.repo.insert(report);
      report.id = Number(identifiers[0]?.id);
      return mapWeeklyReport(report);
    }
    const queueMessages = (manager: EntityManager) =>
      this.outbox.enqueue(manager, {
        kind: 'weekly-report',
        subject: `weekly-report:${report.id}`,
        target: { school: true, colleges: 'all' },
        message: (collegeId) => weeklyReportMessage(report, collegeId, this.config.publicUrl),
      });
    if (this.sql.kind === 'mysql') {
      // The Friday report and its summary to every group robot are one transaction; the unique slot
      // decides between instances (the loser's messages roll back with its report).
      await this.sql.transaction(async (manager) => {
        const { identifiers } = await manager.getRepository(WeeklyReport).insert(report);
        report.id = Number(identifiers[0]?.id);
        await queueMessages(manager);
      });
    } else {
      // Embedded SQLite serves one instance, and its driver waits for a lock synchronously: two
      // apps sharing the file in one process (the tests) would deadlock on a transaction that spans
      // an await. There the report is inserted, and its messages queued right after.
      const { identifiers } = await this.repo.insert(report);
      report.id = Number(identifiers[0]?.id);
      await this.sql.transaction(queueMessages);
    }
    this.outbox.kick();
    return mapWeeklyReport(report);
  }

  /** The whole school as of `asOf` (the figures' cut-off, not the moment they are computed). */
  private async content(asOf: Date): Promise<WeeklyReportContent> {
    const scope = await this.scopes.resolve(null, {});
    // The awareness figures and the weak spots are independent: read side by side.
    const [{ colleges, classes }, fraudTypes] = await Promise.all([
      this.stats.snapshots(scope, asOf),
      this.stats.fraudTypes(null, {}, asOf),
    ]);
    return {
      exams: scope.exams.map((e) => ({ id: e.id, title: e.title })),
      channels: this.stats.channels,
      total: colleges.total,
      colleges: colleges.rows,
      classes: classes.rows,
      fraudTypes: fraudTypes.total,
      ranking: weeklyRanking(colleges.rows, classes.rows),
    };
  }

  async list(query: WeeklyReportListQuery): Promise<Page<WeeklyReportSummary>> {
    const { skip, take } = pageWindow(query);
    const [rows, total] = await this.repo.findAndCount({
      select: {
        id: true,
        kind: true,
        title: true,
        weekOf: true,
        periodStart: true,
        asOf: true,
        generatedAt: true,
        generatedByName: true,
        people: true,
        awarenessRate: true,
        awarenessChange: true,
        coverageRate: true,
      },
      order: { asOf: 'DESC', id: 'DESC' },
      skip,
      take,
    });
    return { items: rows.map(mapWeeklyReportSummary), total };
  }

  /**
   * A report as it was frozen. The school's totals, ranking and weak spots are the 通报 every
   * college receives; a college admin's copy keeps only their own college's detail rows.
   */
  async get(principal: Principal, id: number): Promise<WeeklyReportDto> {
    const report = await this.repo.findOne({ where: { id } });
    if (!report) throw new NotFoundException('通报不存在');
    const dto = mapWeeklyReport(report);
    const collegeId = this.access.collegeScope(principal);
    if (collegeId === null) return dto;
    return {
      ...dto,
      content: {
        ...dto.content,
        colleges: dto.content.colleges.filter((row) => row.id === collegeId),
        classes: dto.content.classes.filter((row) => row.collegeId === collegeId),
      },
    };
  }

  private get repo() {
    return this.dataSource.getRepository(WeeklyReport);
  }
}
