import type { NotifyMessage } from '../notify/notify-message';
import { link, percent, points } from '../notify/notify-messages';
import type { WeeklyReport } from './weekly-report.entity';

/**
 * The Friday 通报 as a group message: the school's figures and 先进学院, and for a college's group
 * that college's own figures and its place (the same totals every college receives in the report).
 */
export function weeklyReportMessage(
  report: WeeklyReport,
  collegeId: number | null,
  publicUrl: string | null,
): NotifyMessage {
  const { total, colleges, ranking } = report.content;
  const lines = [
    `截至 ${report.weekOf} 周五 08:00，全校应考 ${total.people} 人，知晓率 ${percent(total.awarenessRate)}（较上周 ${points(total.awarenessChange)} 个百分点），宣传覆盖率 ${percent(total.coverageRate)}。`,
  ];
  if (ranking.colleges.length > 0) {
    lines.push(`先进学院：${ranking.colleges.map((r) => `${r.name}（${percent(r.awarenessRate)}）`).join('、')}。`);
  }
  const own = collegeId === null ? undefined : colleges.find((row) => row.id === collegeId);
  if (own) {
    const place = [...colleges].sort((a, b) => b.awarenessRate - a.awarenessRate).findIndex((r) => r.id === own.id) + 1;
    lines.push(
      `本学院：应考 ${own.people} 人，通过 ${own.passed} 人，知晓率 ${percent(own.awarenessRate)}（较上周 ${points(own.awarenessChange)}），全校第 ${place}/${colleges.length} 名；覆盖率 ${percent(own.coverageRate)}，尚有 ${own.people - own.passed} 人未通过。`,
    );
  }
  return { title: report.title, lines, link: link(publicUrl, `/stats/reports/${report.id}`, '查看完整通报') };
}
