import { ALL_FRAUD_TYPES, FRAUD_TYPE_NAMES, lastDayBeforeExpiry, type FraudType } from '@campus/shared';

/** What the rotation needs to know of a prompt that can be given now. */
export interface RotationCandidate {
  id: number;
  fraudType: FraudType;
  expiresAt: Date | null;
  sourceDate: string | null;
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
 * - Rotation: among those, a different fraud type from the last talk whenever one is left; of the
 *   types, the one this class has heard least, then the one it heard longest ago, then the order of
 *   公安部's list (most frequent first).
 * - Within a type: a time-sensitive prompt before it expires, then the most recent source, then the
 *   oldest prompt.
 * `exclude` holds prompts the teacher passed over (换一条); when it would leave nothing, it is ignored.
 */
export function choosePrompt<T extends RotationCandidate>(
  available: readonly T[],
  history: readonly HeardRecord[],
  options: { repeat: boolean; exclude: ReadonlySet<number> },
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
  const prompt = pool.filter((p) => p.fraudType === type).sort(withinType)[0]!;

  return {
    kind: 'chosen',
    prompt,
    reason: reasonFor(prompt, { fewest, lastType, availableCount: available.length }),
    unheardCount,
    newRound: fewest > 0,
  };
}

function withinType(a: RotationCandidate, b: RotationCandidate): number {
  const expiry = (p: RotationCandidate) => p.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
  if (expiry(a) !== expiry(b)) return expiry(a) - expiry(b);
  const source = (b.sourceDate ?? '').localeCompare(a.sourceDate ?? '');
  return source !== 0 ? source : a.id - b.id;
}

function reasonFor(
  prompt: RotationCandidate,
  context: { fewest: number; lastType: FraudType | null; availableCount: number },
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
  return parts.join('；');
}
