import type { WeeklyReportDto, WeeklyReportSummary } from '@campus/shared';
import type { WeeklyReport } from './weekly-report.entity';

export function mapWeeklyReportSummary(r: WeeklyReport): WeeklyReportSummary {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    weekOf: r.weekOf,
    periodStart: r.periodStart.toISOString(),
    asOf: r.asOf.toISOString(),
    generatedAt: r.generatedAt.toISOString(),
    generatedByName: r.generatedByName,
    people: r.people,
    awarenessRate: r.awarenessRate,
    awarenessChange: r.awarenessChange,
    coverageRate: r.coverageRate,
  };
}

export function mapWeeklyReport(r: WeeklyReport): WeeklyReportDto {
  return { ...mapWeeklyReportSummary(r), content: r.content };
}
