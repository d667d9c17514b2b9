import type { AwarenessFigures } from '@campus/shared';
import type { GroupCounts } from './awareness.query';
import { ratio } from './stats-sql';

function rateOrNull(part: number | null, whole: number | null): number | null {
  return part === null || whole === null ? null : ratio(part, whole);
}

function addOrNull(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a + b;
}

/** Counts are additive over groups (each person is in one college and one class). */
export function sumCounts(groups: Iterable<GroupCounts>, cutCount: number): GroupCounts {
  const total: GroupCounts = {
    people: 0,
    cuts: Array.from({ length: cutCount }, () => ({ took: 0, passed: 0, reached: 0 })),
    scoreSum: 0,
    scored: 0,
    course: 0,
    letterPeople: 0,
    letter: 0,
    app: 0,
    deliveries: 0,
    deliveriesWeek: 0,
    classesPromptedWeek: 0,
  };
  let any = false;
  for (const g of groups) {
    if (!any) {
      // A channel not installed stays null in the total as in every group.
      for (const key of [
        'course',
        'letterPeople',
        'letter',
        'app',
        'deliveries',
        'deliveriesWeek',
        'classesPromptedWeek',
      ] as const) {
        if (g[key] === null) total[key] = null;
      }
      any = true;
    }
    total.people += g.people;
    g.cuts.forEach((cut, i) => {
      const sum = total.cuts[i]!;
      sum.took += cut.took;
      sum.passed += cut.passed;
      sum.reached += cut.reached;
    });
    total.scoreSum += g.scoreSum;
    total.scored += g.scored;
    total.course = addOrNull(total.course, g.course);
    total.letterPeople = addOrNull(total.letterPeople, g.letterPeople);
    total.letter = addOrNull(total.letter, g.letter);
    total.app = addOrNull(total.app, g.app);
    total.deliveries = addOrNull(total.deliveries, g.deliveries);
    total.deliveriesWeek = addOrNull(total.deliveriesWeek, g.deliveriesWeek);
    total.classesPromptedWeek = addOrNull(total.classesPromptedWeek, g.classesPromptedWeek);
  }
  return total;
}

/** Rates from counts: cut 0 is "as of", cut 1 a week before it. */
export function toFigures(c: GroupCounts): AwarenessFigures {
  const now = c.cuts[0] ?? { took: 0, passed: 0, reached: 0 };
  const before = c.cuts[1] ?? now;
  const awarenessRate = ratio(now.passed, c.people);
  const awarenessRateWeekAgo = ratio(before.passed, c.people);
  const coverageRate = ratio(now.reached, c.people);
  const coverageRateWeekAgo = ratio(before.reached, c.people);
  return {
    people: c.people,
    participated: now.took,
    passed: now.passed,
    participationRate: ratio(now.took, c.people),
    awarenessRate,
    avgScore: c.scored > 0 ? Math.round((c.scoreSum / c.scored) * 100) / 100 : null,
    awarenessRateWeekAgo,
    awarenessChange: awarenessRate - awarenessRateWeekAgo,
    courseCompleted: c.course,
    courseCompletionRate: rateOrNull(c.course, c.people),
    letterPeople: c.letterPeople,
    letterConfirmed: c.letter,
    // No letter for these people's enrolment years: there is no rate, rather than a rate of 0.
    letterConfirmationRate: c.letterPeople === 0 ? null : rateOrNull(c.letter, c.letterPeople),
    appInstalled: c.app,
    appInstallRate: rateOrNull(c.app, c.people),
    promptDeliveries: c.deliveries,
    promptDeliveriesWeek: c.deliveriesWeek,
    classesPromptedWeek: c.classesPromptedWeek,
    reached: now.reached,
    coverageRate,
    coverageRateWeekAgo,
    coverageChange: coverageRate - coverageRateWeekAgo,
  };
}
