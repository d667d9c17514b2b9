import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ALL_FRAUD_TYPES,
  itemStatisticsFromMoments,
  isRandomPaper,
  type AwarenessQuery,
  type AwarenessReport,
  type AwarenessRow,
  type AwarenessTotal,
  type FraudTypeRate,
  type FraudTypeReport,
  type ItemStatisticsQuery,
  type ItemStatisticsRow,
  type NotPassedPerson,
  type NotReachedPerson,
  type Page,
  type StatsChannels,
  type StatsFilter,
  type StatsGroupBy,
  type StatsPeopleQuery,
  type TrendPoint,
  type TrendQuery,
} from '@campus/shared';
import { In, type DataSource } from 'typeorm';
import { AccessService } from '../../common/auth/access.service';
import type { Principal } from '../../common/auth/principal';
import { pageWindow } from '../../common/http/page-query.dto';
import { Exam } from '../exams/exam.entity';
import { College } from '../org/college.entity';
import { SchoolClass } from '../org/school-class.entity';
import { Question } from '../questions/question.entity';
import { sumCounts, toFigures } from './awareness-figures';
import { AwarenessCountsQuery, WEEK_MS, type GroupCounts } from './awareness.query';
import { FraudTypeQuery, type FraudTypeCount } from './fraud-type.query';
import { ItemAnalysisQuery } from './item-analysis.query';
import { PeopleListQuery } from './people-list.query';
import { latestCutoff, shanghaiDate } from './report-week';
import { availableChannels } from './stats-channels';
import { StatsScopeService } from './stats-scope.service';
import type { StatsScope } from './stats-sql';

/** Awareness for a scope at a moment, in the shape of the API. */
export interface AwarenessSnapshot {
  rows: AwarenessRow[];
  total: AwarenessTotal;
}

const TOTAL_NAME = '合计';

/**
 * 知晓率 and what surrounds it: participation, coverage by every channel, the named lists to chase,
 * weak spots by fraud type, item analysis, and the trend over report weeks. Every figure is exact at
 * the moment it is asked for, including attempts whose time ran out a moment ago (stats-sql.ts).
 */
@Injectable()
export class StatsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scopes: StatsScopeService,
    private readonly access: AccessService,
    private readonly counts: AwarenessCountsQuery,
    private readonly people: PeopleListQuery,
    private readonly fraudTypeQuery: FraudTypeQuery,
    private readonly itemQuery: ItemAnalysisQuery,
  ) {}

  get channels(): StatsChannels {
    return availableChannels(this.dataSource);
  }

  async awareness(principal: Principal, query: AwarenessQuery, asOf = new Date()): Promise<AwarenessReport> {
    const scope = await this.scopes.resolve(principal, query);
    const groupBy = query.groupBy ?? 'college';
    const snapshot = await this.snapshot(scope, groupBy, asOf);
    return {
      ...snapshot,
      groupBy,
      asOf: asOf.toISOString(),
      weekAgo: new Date(asOf.getTime() - WEEK_MS).toISOString(),
      exams: scope.exams.map((e) => ({ id: e.id, title: e.title })),
      channels: this.channels,
    };
  }

  /** Rows and total of one scope as of a moment, compared with a week before it. */
  async snapshot(scope: StatsScope, groupBy: StatsGroupBy, asOf: Date): Promise<AwarenessSnapshot> {
    const cutoffs = [asOf, new Date(asOf.getTime() - WEEK_MS)];
    const counts = await this.counts.byGroup(scope, groupBy, cutoffs, this.channels);
    const rows = await this.named(groupBy, counts);
    return { rows, total: { id: null, name: TOTAL_NAME, ...toFigures(sumCounts(counts.values(), cutoffs.length)) } };
  }

  /** By college and by class at once, from one people statement (AwarenessCountsQuery.byClassAndCollege). */
  async snapshots(scope: StatsScope, asOf: Date): Promise<{ colleges: AwarenessSnapshot; classes: AwarenessSnapshot }> {
    const cutoffs = [asOf, new Date(asOf.getTime() - WEEK_MS)];
    const counts = await this.counts.byClassAndCollege(scope, cutoffs, this.channels);
    const [collegeRows, classRows] = await Promise.all([
      this.named('college', counts.colleges),
      this.named('class', counts.classes),
    ]);
    const total = { id: null, name: TOTAL_NAME, ...toFigures(sumCounts(counts.colleges.values(), cutoffs.length)) };
    return { colleges: { rows: collegeRows, total }, classes: { rows: classRows, total } };
  }

  private async named(groupBy: StatsGroupBy, counts: Map<number, GroupCounts>): Promise<AwarenessRow[]> {
    const ids = [...counts.keys()];
    if (ids.length === 0) return [];
    if (groupBy === 'college') {
      const colleges = await this.dataSource
        .getRepository(College)
        .find({ where: { id: In(ids) }, order: { id: 'ASC' } });
      return colleges.map((c) => ({ id: c.id, name: c.name, ...toFigures(counts.get(c.id)!) }));
    }
    const classes = await this.dataSource
      .getRepository(SchoolClass)
      .find({ where: { id: In(ids) }, relations: { college: true } });
    classes.sort((a, b) => a.collegeId - b.collegeId || a.name.localeCompare(b.name, 'zh-CN'));
    return classes.map((k) => ({
      id: k.id,
      name: k.name,
      collegeId: k.collegeId,
      collegeName: k.college?.name ?? '',
      enrollmentYear: k.enrollmentYear,
      ...toFigures(counts.get(k.id)!),
    }));
  }

  async notPassed(principal: Principal, query: StatsPeopleQuery): Promise<Page<NotPassedPerson>> {
    // Lists are for chasing people: graduates archived by the rollover are not chased.
    const scope = { ...(await this.scopes.resolve(principal, query)), includeArchived: false };
    return this.people.notPassed(scope, new Date(), pageWindow(query));
  }

  /**
   * A file name that says what the list is: 「未通过名单-信息工程学院-2026 级入学第一考-2026-12-04」 (the
   * whole school when no college; 入学第一考 when every entrance exam counts; the date in Beijing).
   */
  async listFileName(principal: Principal, query: StatsPeopleQuery, list: string): Promise<string> {
    const scope = await this.scopes.resolve(principal, query);
    const college =
      scope.collegeId === null
        ? '全校'
        : ((await this.dataSource.getRepository(College).findOne({ where: { id: scope.collegeId } }))?.name ?? '');
    const className =
      scope.classId === null
        ? null
        : ((await this.dataSource.getRepository(SchoolClass).findOne({ where: { id: scope.classId } }))?.name ?? null);
    const exam = query.examId !== undefined && scope.exams[0] ? scope.exams[0].title : '入学第一考';
    const parts = [list, college, className, exam, shanghaiDate(new Date())].filter(Boolean);
    // Characters a file system refuses are replaced; the name stays readable.
    return `${parts.join('-').replace(/[\\/:*?"<>|]/g, '_')}.xlsx`;
  }

  async notReached(principal: Principal, query: StatsPeopleQuery): Promise<Page<NotReachedPerson>> {
    const scope = { ...(await this.scopes.resolve(principal, query)), includeArchived: false };
    return this.people.notReached(scope, new Date(), this.channels, pageWindow(query));
  }

  /**
   * Item analysis as Moodle computes it (shared/item-analysis.ts), over every finished attempt at
   * the exam — within the caller's college for a college admin — in the order of a fixed paper.
   */
  async items(principal: Principal, query: ItemStatisticsQuery): Promise<ItemStatisticsRow[]> {
    const exam = await this.dataSource
      .getRepository(Exam)
      .findOne({ where: { id: query.examId }, select: { id: true, paper: true } });
    if (!exam) throw new NotFoundException('考试不存在');
    const collegeId = this.access.collegeScope(principal, query.collegeId);
    const moments = await this.itemQuery.moments(exam.id, collegeId, new Date());
    const ids = [...moments.keys()];
    const questions =
      ids.length > 0
        ? await this.dataSource
            .getRepository(Question)
            .find({ where: { id: In(ids) }, select: { id: true, stem: true, type: true, fraudType: true } })
        : [];
    const byId = new Map(questions.map((q) => [q.id, q]));
    const order = isRandomPaper(exam.paper) ? [] : exam.paper.questionIds;
    const position = (id: number) => (order.includes(id) ? order.indexOf(id) : order.length + id);
    // Questions are retired, never deleted; a row without one would have nothing to show.
    return ids
      .filter((id) => byId.has(id))
      .sort((a, b) => position(a) - position(b))
      .map((id) => {
        const m = moments.get(id)!;
        const question = byId.get(id)!;
        return {
          ...itemStatisticsFromMoments(m),
          stem: question.stem,
          type: question.type,
          fraudType: question.fraudType,
          maxMark: m.maxMark,
        };
      });
  }

  /** Weak spots: correct rate per fraud type, for the whole scope and per college. */
  async fraudTypes(principal: Principal | null, filter: StatsFilter, asOf = new Date()): Promise<FraudTypeReport> {
    const scope = await this.scopes.resolve(principal, filter);
    const counts = await this.fraudTypeQuery.counts(scope, asOf);
    const collegeIds = [...new Set(counts.map((c) => c.collegeId))];
    const colleges =
      collegeIds.length > 0
        ? await this.dataSource.getRepository(College).find({ where: { id: In(collegeIds) }, order: { id: 'ASC' } })
        : [];
    return {
      total: fraudTypeRates(counts),
      colleges: colleges.map((c) => ({
        id: c.id,
        name: c.name,
        rates: fraudTypeRates(counts.filter((row) => row.collegeId === c.id)),
      })),
    };
  }

  /** The school's (or the scope's) rates at each of the last Friday cut-offs, and now. */
  async trend(principal: Principal, query: TrendQuery): Promise<TrendPoint[]> {
    const scope = await this.scopes.resolve(principal, query);
    const now = new Date();
    const latest = latestCutoff(now).getTime();
    const fridays = Array.from({ length: query.weeks ?? 8 }, (_, i) => new Date(latest - i * WEEK_MS));
    const cutoffs = [now, ...fridays];
    const counts = await this.counts.byGroup(scope, 'college', cutoffs, this.channels);
    const total = sumCounts(counts.values(), cutoffs.length);
    return cutoffs
      .map((cut, i) => {
        const at = total.cuts[i]!;
        return {
          label: shanghaiDate(cut),
          asOf: cut.toISOString(),
          people: total.people,
          participationRate: total.people > 0 ? at.took / total.people : 0,
          awarenessRate: total.people > 0 ? at.passed / total.people : 0,
          coverageRate: total.people > 0 ? at.reached / total.people : 0,
        };
      })
      .reverse();
  }
}

function fraudTypeRates(counts: readonly FraudTypeCount[]): FraudTypeRate[] {
  return ALL_FRAUD_TYPES.map((fraudType) => {
    const rows = counts.filter((c) => c.fraudType === fraudType);
    const answered = rows.reduce((sum, r) => sum + r.answered, 0);
    const correct = rows.reduce((sum, r) => sum + r.correct, 0);
    return { fraudType, answered, correct, rate: answered > 0 ? correct / answered : null };
  });
}
