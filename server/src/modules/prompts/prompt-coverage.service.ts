import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  schoolDayStart,
  schoolWeekStart,
  toSchoolIso,
  type PromptCoverageClassRow,
  type PromptCoverageCollegeRow,
  type PromptCoverageDto,
  type PromptCoverageFigures,
  type PromptCoverageWeek,
} from '@campus/shared';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { AccessService } from '../../common/auth/access.service';
import type { Principal } from '../../common/auth/principal';
import { College } from '../org/college.entity';
import { SchoolClass } from '../org/school-class.entity';
import {
  addTotals,
  NO_ROUNDS,
  QuickQuizStatsService,
  quickQuizFigures,
  type QuickQuizTotals,
} from '../quick-quiz/quick-quiz-stats.service';
import type { PromptCoverageQueryDto } from './dto/prompt.dto';
import { PromptDelivery } from './prompt-delivery.entity';

const WEEK_MS = 7 * 24 * 3600_000;
const TREND_WEEKS = 8;

interface ClassWeek {
  deliveries: number;
  lastDeliveredAt: Date | null;
}

/**
 * 宣传覆盖面 of the 课前3分钟 talks: which classes heard a prompt in a week (Monday to Sunday, China
 * time), how many talks, per college and class, and the weeks before it. A college admin sees only
 * their own college.
 */
@Injectable()
export class PromptCoverageService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly quickQuiz: QuickQuizStatsService,
  ) {}

  async coverage(principal: Principal, query: PromptCoverageQueryDto): Promise<PromptCoverageDto> {
    const collegeId = this.access.collegeScope(principal, query.collegeId);
    const weekStart = schoolWeekStart(query.week ? schoolDayStart(query.week) : new Date());
    const weekEnd = new Date(weekStart.getTime() + WEEK_MS);

    const colleges = await this.dataSource
      .getRepository(College)
      .find({ where: collegeId === null ? {} : { id: collegeId }, order: { code: 'ASC' } });
    const classes = await this.dataSource
      .getRepository(SchoolClass)
      .find({ where: collegeId === null ? {} : { collegeId } });
    const perClass = await this.perClass(collegeId, weekStart, weekEnd);
    const trend = await this.trend(collegeId, weekStart);
    const quiz = await this.quickQuiz.perClass(collegeId, weekStart, weekEnd);
    const quizOf = (classIds: number[]) =>
      quickQuizFigures(
        classIds.reduce<QuickQuizTotals>((sum, id) => addTotals(sum, quiz.get(id) ?? NO_ROUNDS), NO_ROUNDS),
      );

    const collegeName = new Map(colleges.map((c) => [c.id, c.name]));
    const collegeOrder = new Map(colleges.map((c, i) => [c.id, i]));
    const classRows: PromptCoverageClassRow[] = classes.map((c) => {
      const week = perClass.get(c.id);
      return {
        classId: c.id,
        className: c.name,
        collegeId: c.collegeId,
        collegeName: collegeName.get(c.collegeId) ?? '',
        deliveries: week?.deliveries ?? 0,
        lastDeliveredAt: week?.lastDeliveredAt ? toSchoolIso(week.lastDeliveredAt) : null,
        quickQuiz: quizOf([c.id]),
      };
    });
    // Classes that heard nothing this week come first: they are the ones to chase.
    classRows.sort(
      (a, b) =>
        Number(a.deliveries > 0) - Number(b.deliveries > 0) ||
        (collegeOrder.get(a.collegeId) ?? 0) - (collegeOrder.get(b.collegeId) ?? 0) ||
        a.className.localeCompare(b.className, 'zh-CN'),
    );

    const collegeRows: PromptCoverageCollegeRow[] = colleges.map((c) => ({
      collegeId: c.id,
      collegeName: c.name,
      ...figures(
        classRows.filter((row) => row.collegeId === c.id),
        quizOf,
      ),
    }));
    return {
      weekStart: toSchoolIso(weekStart),
      weekEnd: toSchoolIso(weekEnd),
      total: figures(classRows, quizOf),
      colleges: collegeRows,
      classes: classRows,
      trend,
    };
  }

  /** Deliveries of one week per class, with the latest. */
  private async perClass(collegeId: number | null, from: Date, to: Date): Promise<Map<number, ClassWeek>> {
    const rows = await this.scoped(collegeId, from, to)
      .select('d.classId', 'classId')
      .addSelect('COUNT(*)', 'deliveries')
      .addSelect('MAX(d.deliveredAt)', 'lastDeliveredAt')
      .groupBy('d.classId')
      .getRawMany<{ classId: number | string; deliveries: number | string; lastDeliveredAt: unknown }>();
    const column = this.dataSource.getMetadata(PromptDelivery).findColumnWithPropertyName('deliveredAt')!;
    // The driver turns a raw DATETIME into a Date its own way (mysql2 a Date, SQLite UTC text).
    const toDate = (raw: unknown) =>
      raw == null ? null : (this.dataSource.driver.prepareHydratedValue(raw, column) as Date);
    return new Map(
      rows.map((r) => [
        Number(r.classId),
        { deliveries: Number(r.deliveries), lastDeliveredAt: toDate(r.lastDeliveredAt) },
      ]),
    );
  }

  /** The last TREND_WEEKS weeks up to the one shown: one small indexed count per week. */
  private async trend(collegeId: number | null, weekStart: Date): Promise<PromptCoverageWeek[]> {
    const starts = Array.from(
      { length: TREND_WEEKS },
      (_, i) => new Date(weekStart.getTime() - (TREND_WEEKS - 1 - i) * WEEK_MS),
    );
    const weeks: PromptCoverageWeek[] = [];
    // One after another: an admin's page should not take eight pooled connections at once.
    for (const start of starts) {
      const row = await this.scoped(collegeId, start, new Date(start.getTime() + WEEK_MS))
        .select('COUNT(*)', 'deliveries')
        .addSelect('COUNT(DISTINCT d.classId)', 'classesReached')
        .getRawOne<{ deliveries: number | string; classesReached: number | string }>();
      weeks.push({
        weekStart: toSchoolIso(start),
        deliveries: Number(row?.deliveries ?? 0),
        classesReached: Number(row?.classesReached ?? 0),
      });
    }
    return weeks;
  }

  private scoped(collegeId: number | null, from: Date, to: Date): SelectQueryBuilder<PromptDelivery> {
    const qb = this.dataSource
      .getRepository(PromptDelivery)
      .createQueryBuilder('d')
      .innerJoin('d.schoolClass', 'c')
      .where('d.deliveredAt >= :from AND d.deliveredAt < :to', { from, to });
    if (collegeId !== null) qb.andWhere('c.collegeId = :collegeId', { collegeId });
    return qb;
  }
}

function figures(
  rows: PromptCoverageClassRow[],
  quizOf: (classIds: number[]) => PromptCoverageFigures['quickQuiz'],
): PromptCoverageFigures {
  const classesReached = rows.filter((row) => row.deliveries > 0).length;
  return {
    quickQuiz: quizOf(rows.map((row) => row.classId)),
    classes: rows.length,
    classesReached,
    deliveries: rows.reduce((sum, row) => sum + row.deliveries, 0),
    reachRate: rows.length === 0 ? 0 : classesReached / rows.length,
  };
}
