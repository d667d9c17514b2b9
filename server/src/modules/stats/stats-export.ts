import {
  FRAUD_TYPE_NAMES,
  type AwarenessFigures,
  type AwarenessRow,
  type AwarenessTotal,
  type FraudTypeRate,
  type NotPassedPerson,
  type NotReachedPerson,
} from '@campus/shared';
import type { SheetSpec } from '../../common/files/xlsx-export';

/** A rate as a percentage with one decimal (a number, so Excel can sort and sum it); '' when absent. */
export function percent(rate: number | null): number | '' {
  return rate === null ? '' : Math.round(rate * 1000) / 10;
}

function signedPercent(change: number): number {
  return Math.round(change * 1000) / 10;
}

function orBlank(value: number | null): number | '' {
  return value ?? '';
}

const FIGURE_COLUMNS = [
  '应考人数',
  '参考人数',
  '参与率(%)',
  '通过人数',
  '知晓率(%)',
  '较上周(百分点)',
  '平均分',
  '课程完成率(%)',
  '告知书确认率(%)',
  'APP安装率(%)',
  '课前3分钟(本周/累计)',
  '宣传覆盖率(%)',
];

function figureCells(f: AwarenessFigures): Array<string | number> {
  return [
    f.people,
    f.participated,
    percent(f.participationRate),
    f.passed,
    percent(f.awarenessRate),
    signedPercent(f.awarenessChange),
    orBlank(f.avgScore),
    percent(f.courseCompletionRate),
    percent(f.letterConfirmationRate),
    percent(f.appInstallRate),
    f.promptDeliveries === null ? '' : `${f.promptDeliveriesWeek ?? 0}/${f.promptDeliveries}`,
    percent(f.coverageRate),
  ];
}

/** The awareness table: one row per college or class, and the total last. */
export function awarenessSheet(
  name: string,
  level: 'college' | 'class',
  rows: readonly AwarenessRow[],
  total: AwarenessTotal | null,
): SheetSpec {
  const head = level === 'class' ? ['班级', '学院', '入学年份'] : ['学院'];
  const lead = (row: AwarenessRow) =>
    level === 'class' ? [row.name, row.collegeName ?? '', row.enrollmentYear ?? ''] : [row.name];
  const body = rows.map((row) => [...lead(row), ...figureCells(row)]);
  if (total) body.push([total.name, ...head.slice(1).map(() => ''), ...figureCells(total)]);
  return {
    name,
    columns: [...head, ...FIGURE_COLUMNS].map((header, i) => ({ header, width: i === 0 ? 22 : 13 })),
    rows: body,
  };
}

export function fraudTypeSheet(name: string, rates: readonly FraudTypeRate[]): SheetSpec {
  return {
    name,
    columns: [
      { header: '诈骗类型', width: 24 },
      { header: '作答题次' },
      { header: '答对题次' },
      { header: '正确率(%)' },
    ],
    rows: rates.map((r) => [FRAUD_TYPE_NAMES[r.fraudType], r.answered, r.correct, percent(r.rate)]),
  };
}

export function notPassedSheet(people: readonly NotPassedPerson[]): SheetSpec {
  return {
    name: '未通过名单',
    columns: ['学号', '姓名', '手机号', '学院', '班级', '辅导员', '辅导员电话', '入学年份', '已考次数', '最高分'].map(
      (header) => ({ header }),
    ),
    rows: people.map((p) => [
      p.username,
      p.name,
      p.phone ?? '',
      p.collegeName,
      p.className,
      p.adviserName ?? '',
      p.adviserPhone ?? '',
      p.enrollmentYear ?? '',
      p.attemptsUsed,
      p.bestScore ?? '',
    ]),
  };
}

export function notReachedSheet(people: readonly NotReachedPerson[]): SheetSpec {
  return {
    name: '未覆盖名单',
    columns: ['学号', '姓名', '手机号', '学院', '班级', '辅导员', '辅导员电话', '入学年份'].map((header) => ({
      header,
    })),
    rows: people.map((p) => [
      p.username,
      p.name,
      p.phone ?? '',
      p.collegeName,
      p.className,
      p.adviserName ?? '',
      p.adviserPhone ?? '',
      p.enrollmentYear ?? '',
    ]),
  };
}
