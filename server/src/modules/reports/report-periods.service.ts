import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  monthlyPeriodDefaults,
  unitReportStatus,
  type MyReportTask,
  type Page,
  type PageQuery,
  type ReportAttentionSummary,
  type ReportPeriodCounts,
  type ReportPeriodDetail,
  type ReportPeriodDto,
  type ReportPeriodInput,
  type ReportPeriodUnitRow,
  type ReportUnit,
  type ReportUnitKind,
} from '@campus/shared';
import { Between, In, LessThanOrEqual, type Repository } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { Clock } from '../../common/clock/clock';
import { pageWindow } from '../../common/http/page-query.dto';
import { AppSetting } from '../../database/app-setting.entity';
import { isDuplicateKeyError } from '../../database/db-errors';
import { Sql } from '../../database/sql';
import { AuditService, SYSTEM_ACTOR } from '../audit/audit.service';
import { shanghaiDateTime } from '../stats/report-week';
import { mapPeriod } from './report.mapper';
import { ReportPeriod } from './report-period.entity';
import { ReportUnitsService, type UnitNames } from './report-units.service';
import { UnitReport } from './unit-report.entity';

/** How far back the home page looks for late or missing reports. */
const ATTENTION_PERIODS = 12;

type ReportStanding = Pick<UnitReport, 'id' | 'periodId' | 'unitKind' | 'unitId' | 'submittedAt' | 'reviewedAt'>;

const unitKey = (kind: ReportUnitKind, id: number) => `${kind}:${id}`;

function requiredUnits(period: ReportPeriod): Array<{ kind: ReportUnitKind; id: number }> {
  return [
    ...period.collegeIds.map((id) => ({ kind: 'college' as const, id })),
    ...period.departmentIds.map((id) => ({ kind: 'department' as const, id })),
  ];
}

/** Reporting periods, which units must report, and where each unit stands. */
@Injectable()
export class ReportPeriodsService {
  constructor(
    @InjectRepository(ReportPeriod) private readonly periods: Repository<ReportPeriod>,
    @InjectRepository(UnitReport) private readonly reports: Repository<UnitReport>,
    private readonly units: ReportUnitsService,
    private readonly audit: AuditService,
    private readonly sql: Sql,
    private readonly clock: Clock,
  ) {}

  /**
   * The month's period, made by the scheduler on the 1st (monthlyPeriodDefaults: the calendar month,
   * due on the 5th of the next at 17:00). The units that must report are those of the latest period
   * (the office's last choice), or every college and department when there is none. Nothing is made
   * when a period for that month exists already, whoever made it; with several instances, a claim
   * row in app_setting lets exactly one of them make it. Returns the period made, or null.
   */
  async ensureMonthly(now: Date): Promise<ReportPeriodDto | null> {
    const [year, month] = shanghaiDateTime(now).slice(0, 7).split('-').map(Number) as [number, number];
    const defaults = monthlyPeriodDefaults(year, month);
    const repo = this.periods;
    if (await repo.exists({ where: { startsOn: defaults.startsOn, endsOn: defaults.endsOn } })) return null;
    const latest = await repo.findOne({ where: {}, order: { dueAt: 'DESC', id: 'DESC' } });
    let collegeIds = latest?.collegeIds ?? [];
    let departmentIds = latest?.departmentIds ?? [];
    const names = await this.units.names();
    if (!latest) {
      const options = await this.units.options();
      collegeIds = options.colleges.map((u) => u.id);
      departmentIds = options.departments.map((u) => u.id);
    }
    collegeIds = collegeIds.filter((id) => names.has('college', id));
    departmentIds = departmentIds.filter((id) => names.has('department', id));
    if (collegeIds.length + departmentIds.length === 0) return null;
    let saved: ReportPeriod;
    try {
      saved = await this.sql.transaction(async (manager) => {
        await manager.insert(AppSetting, {
          key: `report-period:auto:${defaults.startsOn.slice(0, 7)}`,
          value: now.toISOString(),
        });
        return manager.save(
          manager.create(ReportPeriod, {
            ...defaults,
            dueAt: new Date(defaults.dueAt),
            collegeIds,
            departmentIds,
            createdBy: null,
          }),
        );
      });
    } catch (error) {
      if (isDuplicateKeyError(error)) return null;
      throw error;
    }
    await this.audit.record(
      SYSTEM_ACTOR,
      'report-period.create',
      { type: 'report-period', id: saved.id, name: saved.title },
      `自动设置本月报送周期「${saved.title}」，截止 ${shanghaiDateTime(saved.dueAt)}，${requiredUnits(saved).length} 个单位须报送`,
    );
    return (await this.withCounts([saved]))[0]!;
  }

  async create(principal: Principal, input: ReportPeriodInput): Promise<ReportPeriodDto> {
    const fields = await this.validated(input);
    const repo = this.periods;
    const saved = await repo.save(repo.create({ ...fields, createdBy: principal.id }));
    await this.audit.record(
      principal,
      'report-period.create',
      { type: 'report-period', id: saved.id, name: saved.title },
      `设置报送周期「${saved.title}」，截止 ${shanghaiDateTime(saved.dueAt)}，${requiredUnits(saved).length} 个单位须报送`,
    );
    return (await this.withCounts([saved]))[0]!;
  }

  async update(principal: Principal, id: number, input: ReportPeriodInput): Promise<ReportPeriodDto> {
    const period = await this.find(id);
    Object.assign(period, await this.validated(input));
    const saved = await this.periods.save(period);
    await this.audit.record(
      principal,
      'report-period.update',
      { type: 'report-period', id, name: saved.title },
      `修改报送周期「${saved.title}」，截止 ${shanghaiDateTime(saved.dueAt)}`,
    );
    return (await this.withCounts([saved]))[0]!;
  }

  async list(query: PageQuery): Promise<Page<ReportPeriodDto>> {
    const { skip, take } = pageWindow(query);
    const [rows, total] = await this.periods.findAndCount({ order: { dueAt: 'DESC', id: 'DESC' }, skip, take });
    return { items: await this.withCounts(rows), total };
  }

  async detail(id: number): Promise<ReportPeriodDetail> {
    const period = await this.find(id);
    const [standings, names] = await Promise.all([this.standings([id]), this.units.names()]);
    const units = this.unitRows(period, standings, names, this.clock.date());
    return { ...mapPeriod(period, countRows(units)), units };
  }

  async find(id: number): Promise<ReportPeriod> {
    const period = await this.periods.findOne({ where: { id } });
    if (!period) throw new NotFoundException('报送周期不存在');
    return period;
  }

  /** The periods the caller's unit must report for, newest first, with where it stands in each. */
  async myTasks(unit: ReportUnit): Promise<MyReportTask[]> {
    const periods = (await this.periods.find({ order: { dueAt: 'DESC', id: 'DESC' } })).filter((p) =>
      requiredUnits(p).some((u) => u.kind === unit.kind && u.id === unit.id),
    );
    if (periods.length === 0) return [];
    const reports = await this.reports.find({
      where: { periodId: In(periods.map((p) => p.id)), unitKind: unit.kind, unitId: unit.id },
      select: { id: true, periodId: true, submittedAt: true, reviewedAt: true },
    });
    const byPeriod = new Map(reports.map((r) => [r.periodId, r]));
    const now = this.clock.date();
    return periods.map((p) => {
      const report = byPeriod.get(p.id) ?? null;
      return {
        periodId: p.id,
        title: p.title,
        startsOn: p.startsOn,
        endsOn: p.endsOn,
        dueAt: p.dueAt.toISOString(),
        status: unitReportStatus(p.dueAt, report?.submittedAt ?? null, now),
        reportId: report?.id ?? null,
        reviewed: report?.reviewedAt != null,
      };
    });
  }

  /** Late and missing reports of the periods already due, for the admin home page. */
  async attention(): Promise<ReportAttentionSummary> {
    const now = this.clock.date();
    const periods = await this.periods.find({
      where: { dueAt: LessThanOrEqual(now) },
      order: { dueAt: 'DESC' },
      take: ATTENTION_PERIODS,
    });
    const [standings, names] = await Promise.all([this.standings(periods.map((p) => p.id)), this.units.names()]);
    const result: ReportAttentionSummary = { missing: 0, late: 0, periods: [] };
    for (const period of periods) {
      const rows = this.unitRows(period, standings, names, now);
      const missing = rows.filter((r) => r.status === 'missing').map((r) => r.unit);
      const late = rows.filter((r) => r.status === 'late').map((r) => r.unit);
      if (missing.length === 0 && late.length === 0) continue;
      result.missing += missing.length;
      result.late += late.length;
      result.periods.push({ id: period.id, title: period.title, dueAt: period.dueAt.toISOString(), missing, late });
    }
    return result;
  }

  /**
   * Periods due between `since` and `now` with the units that have not reported by the deadline
   * (missing), for the robots' 报送逾期 notice.
   */
  async overdue(since: Date, now: Date): Promise<Array<{ period: ReportPeriod; missing: ReportUnit[] }>> {
    const periods = await this.periods.find({
      where: { dueAt: Between(since, now) },
      order: { dueAt: 'ASC' },
    });
    if (periods.length === 0) return [];
    const [standings, names] = await Promise.all([this.standings(periods.map((p) => p.id)), this.units.names()]);
    return periods
      .map((period) => ({
        period,
        missing: this.unitRows(period, standings, names, now)
          .filter((r) => r.status === 'missing')
          .map((r) => r.unit),
      }))
      .filter((p) => p.missing.length > 0);
  }

  private async withCounts(periods: ReportPeriod[]): Promise<ReportPeriodDto[]> {
    if (periods.length === 0) return [];
    const [standings, names] = await Promise.all([this.standings(periods.map((p) => p.id)), this.units.names()]);
    const now = this.clock.date();
    return periods.map((p) => mapPeriod(p, countRows(this.unitRows(p, standings, names, now))));
  }

  /** The reports of these periods, keyed by period and unit. */
  private async standings(periodIds: number[]): Promise<Map<string, ReportStanding>> {
    if (periodIds.length === 0) return new Map();
    const rows = await this.reports.find({
      where: { periodId: In(periodIds) },
      select: { id: true, periodId: true, unitKind: true, unitId: true, submittedAt: true, reviewedAt: true },
    });
    return new Map(rows.map((r) => [`${r.periodId}/${unitKey(r.unitKind, r.unitId)}`, r]));
  }

  private unitRows(
    period: ReportPeriod,
    standings: Map<string, ReportStanding>,
    names: UnitNames,
    now: Date,
  ): ReportPeriodUnitRow[] {
    return requiredUnits(period).map(({ kind, id }) => {
      const report = standings.get(`${period.id}/${unitKey(kind, id)}`) ?? null;
      return {
        unit: names.unit(kind, id),
        status: unitReportStatus(period.dueAt, report?.submittedAt ?? null, now),
        reportId: report?.id ?? null,
        submittedAt: report?.submittedAt.toISOString() ?? null,
        reviewed: report?.reviewedAt != null,
      };
    });
  }

  private async validated(
    input: ReportPeriodInput,
  ): Promise<Omit<ReportPeriod, 'id' | 'createdBy' | 'createdAt' | 'updatedAt'>> {
    const problems: Array<{ field: string; message: string }> = [];
    if (input.startsOn > input.endsOn) problems.push({ field: 'endsOn', message: '结束日期不能早于开始日期' });
    const collegeIds = [...new Set(input.collegeIds)];
    const departmentIds = [...new Set(input.departmentIds)];
    if (collegeIds.length + departmentIds.length === 0)
      problems.push({ field: 'collegeIds', message: '请至少选择一个须报送的学院或部门' });
    const names = await this.units.names();
    if (collegeIds.some((id) => !names.has('college', id)))
      problems.push({ field: 'collegeIds', message: '所选学院不存在' });
    if (departmentIds.some((id) => !names.has('department', id)))
      problems.push({ field: 'departmentIds', message: '所选部门不存在' });
    if (problems.length > 0) throw new BadRequestException({ message: problems[0]!.message, errors: problems });
    return {
      title: input.title.trim(),
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      dueAt: new Date(input.dueAt),
      collegeIds,
      departmentIds,
    };
  }
}

function countRows(rows: ReportPeriodUnitRow[]): ReportPeriodCounts {
  const count = (status: ReportPeriodUnitRow['status']) => rows.filter((r) => r.status === status).length;
  return {
    required: rows.length,
    submitted: count('submitted'),
    late: count('late'),
    missing: count('missing'),
    pending: count('pending'),
    reviewed: rows.filter((r) => r.reviewed).length,
  };
}
