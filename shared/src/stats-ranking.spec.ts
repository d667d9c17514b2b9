import type { AwarenessRow } from './api/stats';
import { RANKING_LIMITS, rankGroups, weeklyRanking } from './stats-ranking';

function row(id: number, patch: Partial<AwarenessRow>): AwarenessRow {
  return {
    id,
    name: `组${id}`,
    people: 30,
    participated: 30,
    passed: 0,
    participationRate: 1,
    awarenessRate: 0.5,
    avgScore: 70,
    awarenessRateWeekAgo: 0.4,
    awarenessChange: 0.1,
    courseCompleted: null,
    courseCompletionRate: null,
    letterPeople: null,
    letterConfirmed: null,
    letterConfirmationRate: null,
    appInstalled: null,
    appInstallRate: null,
    promptDeliveries: null,
    promptDeliveriesWeek: null,
    classesPromptedWeek: null,
    reached: 30,
    coverageRate: 1,
    coverageRateWeekAgo: 1,
    coverageChange: 0,
    ...patch,
  };
}

describe('ranking of 先进学院 / 先进班级', () => {
  it('ranks by awareness, then coverage, then this week’s rise, then average score, then size', () => {
    const rows = [
      row(1, { awarenessRate: 0.8 }),
      row(2, { awarenessRate: 0.9, coverageRate: 0.9 }),
      row(3, { awarenessRate: 0.9, coverageRate: 1 }),
      row(4, { awarenessRate: 0.8, awarenessChange: 0.3 }),
      row(5, { awarenessRate: 0.8, awarenessChange: 0.3, avgScore: 90 }),
      row(6, { awarenessRate: 0.8, awarenessChange: 0.3, avgScore: 90, people: 40 }),
    ];
    expect(rankGroups(rows, 10).map((r) => [r.rank, r.id])).toEqual([
      [1, 3],
      [2, 2],
      [3, 6],
      [4, 5],
      [5, 4],
      [6, 1],
    ]);
  });

  it('names no group whose awareness is 0 and no class smaller than the minimum', () => {
    const ranking = weeklyRanking(
      [row(1, { awarenessRate: 0 }), row(2, {}), row(3, {}), row(4, {}), row(5, {})],
      [
        row(10, { people: RANKING_LIMITS.minClassPeople - 1, awarenessRate: 1 }),
        row(11, { people: RANKING_LIMITS.minClassPeople }),
      ],
    );
    expect(ranking.colleges.map((r) => r.id)).toEqual([2, 3, 4]);
    expect(ranking.classes.map((r) => r.id)).toEqual([11]);
    expect(ranking.rule).toMatch(/知晓率/);
  });
});
