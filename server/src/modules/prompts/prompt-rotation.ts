import { ALL_FRAUD_TYPES, FRAUD_TYPE_NAMES, lastDayBeforeExpiry, type FraudType } from '@campus/shared';

/** What the rotation needs to know of a prompt that can be given now. */
export interface RotationCandidate {
  id: number;
  fraudType: FraudType;
  expiresAt: Date | null;
}

/** One earlier delivery to the class. */
export interface HeardRecord {
  promptId: number;
  fraudType: FraudType;
  deliveredAt: Date;
}

export type RotationOutcome<T extends RotationCandidate> =
  | { kind: 'chosen'; prompt: T; reason: string; unheardCount: number; newRound: boolean }
  /** Every available prompt has been heard and no new round was asked for. */
  | { kind: 'exhausted'; availableCount: number }
  | { kind: 'empty' };

/**
 * Picks the next prompt for a class.
 *
 * - Rounds: a class is offered the prompts it has heard the fewest times. A prompt it has never heard
 *   always comes first, so nothing repeats until the class has heard every available prompt. Then the
 *   answer is "exhausted" (404 on the API) unless the teacher asks for a new round (`repeat`), which
 *   offers the prompts heard fewest times again, the same way.
 * - Fraud type, round-robin: a different type from the last talk whenever one is left; of the types,
 *   the one this class has heard least, then the one it heard longest ago, then a fixed curriculum
 *   order, 公安部's 2024 list (most frequent first, 其他 last). So a class walks through all eleven
 *   types before any repeats, starting with the most frequent.
 * - Within a type: a time-sensitive prompt before it expires (a current scam wave), then the prompt
 *   the whole school heard least recently (never first), then the lowest id.
 *
 * Why not by source date: a source date says when a bulletin appeared, not what a class needs, and
 * most shipped cases are composites with no date at all, so ordering by it ordered by nothing real.
 * School-wide recency does three useful things instead: classes of the same week hear different
 * prompts, so together they cover more of the library, and a case told in one class is not told again
 * next door the same day; a prompt a school just added, never given anywhere, comes up first, which
 * is what "newest first" was after; and it depends only on what this school actually did. The id
 * settles ties so the choice is the same every time for the same data.
 *
 * `exclude` holds prompts the teacher passed over (换一条); when it would leave nothing, it is ignored.
 * `schoolLast` maps a prompt's id to its latest delivery to any class (absent: never given).
 */
export function choosePrompt<T extends RotationCandidate>(
  available: readonly T[],
  history: readonly HeardRecord[],
  options: { repeat: boolean; exclude: ReadonlySet<number>; schoolLast?: ReadonlyMap<number, Date> },
): RotationOutcome<T> {
  if (available.length === 0) return { kind: 'empty' };

  const timesHeard = new Map<number, number>();
  const typeCount = new Map<FraudType, number>();
  const typeLast = new Map<FraudType, number>();
  let last: HeardRecord | null = null;
  for (const record of history) {
    timesHeard.set(record.promptId, (timesHeard.get(record.promptId) ?? 0) + 1);
    typeCount.set(record.fraudType, (typeCount.get(record.fraudType) ?? 0) + 1);
    typeLast.set(record.fraudType, Math.max(typeLast.get(record.fraudType) ?? 0, record.deliveredAt.getTime()));
    if (!last || record.deliveredAt.getTime() > last.deliveredAt.getTime()) last = record;
  }

  const heard = (p: T) => timesHeard.get(p.id) ?? 0;
  const unheardCount = available.filter((p) => heard(p) === 0).length;
  const fewest = Math.min(...available.map(heard));
  if (fewest > 0 && !options.repeat) return { kind: 'exhausted', availableCount: available.length };

  const round = available.filter((p) => heard(p) === fewest);
  const notSkipped = round.filter((p) => !options.exclude.has(p.id));
  const pool = notSkipped.length > 0 ? notSkipped : round;

  const lastType = last?.fraudType ?? null;
  const types = [...new Set(pool.map((p) => p.fraudType))];
  const otherTypes = types.filter((t) => t !== lastType);
  const type = (otherTypes.length > 0 ? otherTypes : types).sort(
    (a, b) =>
      (typeCount.get(a) ?? 0) - (typeCount.get(b) ?? 0) ||
      (typeLast.get(a) ?? 0) - (typeLast.get(b) ?? 0) ||
      ALL_FRAUD_TYPES.indexOf(a) - ALL_FRAUD_TYPES.indexOf(b),
  )[0]!;
  // What this class heard was heard in the school, whether or not the caller's map says so.
  const schoolLast = new Map(options.schoolLast ?? []);
  for (const record of history) {
    const known = schoolLast.get(record.promptId);
    if (!known || known.getTime() < record.deliveredAt.getTime()) schoolLast.set(record.promptId, record.deliveredAt);
  }
  const prompt = pool.filter((p) => p.fraudType === type).sort(withinType(schoolLast))[0]!;

  return {
    kind: 'chosen',
    prompt,
    reason: reasonFor(prompt, {
      fewest,
      lastType,
      availableCount: available.length,
      heardInSchool: schoolLast.has(prompt.id),
    }),
    unheardCount,
    newRound: fewest > 0,
  };
}

function withinType(schoolLast: ReadonlyMap<number, Date>) {
  const compare = (x: number, y: number) => (x < y ? -1 : x > y ? 1 : 0);
  const expiry = (p: RotationCandidate) => p.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
  // Never given anywhere sorts before everything given.
  const lastGiven = (p: RotationCandidate) => schoolLast.get(p.id)?.getTime() ?? Number.NEGATIVE_INFINITY;
  return (a: RotationCandidate, b: RotationCandidate): number =>
    compare(expiry(a), expiry(b)) || compare(lastGiven(a), lastGiven(b)) || a.id - b.id;
}

function reasonFor(
  prompt: RotationCandidate,
  context: { fewest: number; lastType: FraudType | null; availableCount: number; heardInSchool: boolean },
): string {
  const parts: string[] = [];
  parts.push(
    context.fewest === 0
      ? '本班尚未听过'
      : `本班已听完全部 ${context.availableCount} 条提示，新一轮从听得最少的开始（这条已听 ${context.fewest} 次）`,
  );
  const typeName = FRAUD_TYPE_NAMES[prompt.fraudType];
  if (context.lastType === null) parts.push(`本班第一次课前3分钟，从「${typeName}」讲起`);
  else if (context.lastType !== prompt.fraudType)
    parts.push(`上次讲的是${FRAUD_TYPE_NAMES[context.lastType]}，本次换一类`);
  else parts.push(`可选的提示只剩「${typeName}」一类`);
  if (prompt.expiresAt) parts.push(`时效提示，${lastDayBeforeExpiry(prompt.expiresAt)} 后下架，优先讲`);
  else if (!context.heardInSchool) parts.push('全校还没有班级听过这条');
  return parts.join('；');
}
