import type { RankedGroup, WeeklyReportDto } from '@campus/shared';
import { buildXlsx, type SheetSpec } from '../../common/files/xlsx-export';
import { shanghaiDateTime } from '../stats/report-week';
import { awarenessSheet, fraudTypeSheet, percent } from '../stats/stats-export';

function rankingRows(title: string, groups: readonly RankedGroup[]): Array<Array<string | number>> {
  return groups.map((g) => [
    title,
    g.rank,
    g.name,
    g.collegeName ?? '',
    g.people,
    percent(g.awarenessRate),
    percent(g.coverageRate),
    Math.round(g.awarenessChange * 1000) / 10,
    g.avgScore ?? '',
  ]);
}

/** The frozen report as a workbook: summary, ranking, colleges, classes, weak spots. */
export function weeklyReportXlsx(report: WeeklyReportDto): Promise<Buffer> {
  const { content } = report;
  const total = content.total;
  const summary: SheetSpec = {
    name: '概况',
    columns: [
      { header: '项目', width: 18 },
      { header: '内容', width: 90 },
    ],
    rows: [
      ['通报', report.title],
      ['统计截至', shanghaiDateTime(new Date(report.asOf))],
      ['统计周期', `${shanghaiDateTime(new Date(report.periodStart))} 至 ${shanghaiDateTime(new Date(report.asOf))}`],
      ['计入考试', content.exams.map((e) => e.title).join('、') || '（尚无已发布的入学第一考）'],
      ['应考人数', total.people],
      ['通过人数', total.passed],
      ['知晓率(%)', percent(total.awarenessRate)],
      ['较上周(百分点)', Math.round(total.awarenessChange * 1000) / 10],
      ['参与率(%)', percent(total.participationRate)],
      ['宣传覆盖率(%)', percent(total.coverageRate)],
      ['目标', '师生宣传覆盖面和知晓率达到 100%'],
      ['排名规则', content.ranking.rule],
    ],
  };
  const ranking: SheetSpec = {
    name: '先进学院与班级',
    columns: [
      '称号',
      '名次',
      '名称',
      '所属学院',
      '应考人数',
      '知晓率(%)',
      '宣传覆盖率(%)',
      '较上周(百分点)',
      '平均分',
    ].map((header, i) => ({ header, width: i === 2 ? 22 : 13 })),
    rows: [...rankingRows('先进学院', content.ranking.colleges), ...rankingRows('先进班级', content.ranking.classes)],
  };
  return buildXlsx([
    summary,
    ranking,
    awarenessSheet('各学院', 'college', content.colleges, total),
    awarenessSheet('各班级', 'class', content.classes, null),
    fraudTypeSheet('各诈骗类型正确率', content.fraudTypes),
  ]);
}
