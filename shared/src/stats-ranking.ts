import type { AwarenessRow, RankedGroup, WeeklyRanking } from './api/stats';

/** 先进学院 / 先进班级: how many are named, and the smallest class that may be named. */
export const RANKING_LIMITS = { colleges: 3, classes: 10, minClassPeople: 10 } as const;

export const RANKING_RULE =
  `按知晓率（通过人数 ÷ 应考人数）从高到低排名；知晓率相同时，依次比较宣传覆盖率、本周知晓率提升、平均分（高者在前）、应考人数（多者在前）。` +
  `先进学院取前 ${RANKING_LIMITS.colleges} 名；先进班级取前 ${RANKING_LIMITS.classes} 名，且班级应考人数不少于 ${RANKING_LIMITS.minClassPeople} 人；知晓率为 0 的不参评。`;

/** The order of the rule above; ties that survive every criterion keep the lower id first. */
export function compareForRanking(a: AwarenessRow, b: AwarenessRow): number {
  return (
    b.awarenessRate - a.awarenessRate ||
    b.coverageRate - a.coverageRate ||
    b.awarenessChange - a.awarenessChange ||
    (b.avgScore ?? -1) - (a.avgScore ?? -1) ||
    b.people - a.people ||
    a.id - b.id
  );
}

export function rankGroups(rows: readonly AwarenessRow[], limit: number, minPeople = 1): RankedGroup[] {
  return rows
    .filter((row) => row.awarenessRate > 0 && row.people >= minPeople)
    .sort(compareForRanking)
    .slice(0, limit)
    .map((row, index) => ({
      rank: index + 1,
      id: row.id,
      name: row.name,
      ...(row.collegeName !== undefined ? { collegeName: row.collegeName } : {}),
      people: row.people,
      awarenessRate: row.awarenessRate,
      coverageRate: row.coverageRate,
      awarenessChange: row.awarenessChange,
      avgScore: row.avgScore,
    }));
}

/** 先进学院 and 先进班级 of a weekly report, by {@link RANKING_RULE}. */
export function weeklyRanking(colleges: readonly AwarenessRow[], classes: readonly AwarenessRow[]): WeeklyRanking {
  return {
    rule: RANKING_RULE,
    colleges: rankGroups(colleges, RANKING_LIMITS.colleges),
    classes: rankGroups(classes, RANKING_LIMITS.classes, RANKING_LIMITS.minClassPeople),
  };
}
