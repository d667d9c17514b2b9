import { randomInt } from 'node:crypto';

/** A source of random integers in [0, max): crypto in production, a seeded generator in tests. */
export type RandomInt = (max: number) => number;

/** Fisher–Yates with a cryptographic source: a student cannot predict another's paper. */
export function shuffled<T>(items: readonly T[], random: RandomInt = randomInt): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

export interface DrawCandidate {
  questionId: number;
  /** 互斥组: at most one question of a group per paper. */
  group: string | null;
}

export interface DrawRule<T extends DrawCandidate> {
  count: number;
  /** The active questions matching the rule. */
  candidates: readonly T[];
}

/**
 * What a paper can hold at most once: a 互斥组 as a whole, or a question without a group. Drawing
 * units first and then a member gives every fact the same chance, however many variants of it the
 * bank holds.
 */
function unitOf(candidate: DrawCandidate): string {
  return candidate.group ? `g:${candidate.group}` : `q:${candidate.questionId}`;
}

interface Matching<T> {
  /** Per rule, its units with the rule's candidates in each. */
  units: Array<Map<string, T[]>>;
  /** Per rule, the units it got. */
  assigned: Array<Set<string>>;
  /** Slots no unit could fill. */
  unfilled: number;
}

/**
 * Gives each rule `count` distinct units, no unit to two rules: a bipartite matching. Each slot first
 * takes a free unit in random order (so without conflicts this is a plain random draw) and only when
 * none is free looks for an augmenting path — another rule that can swap to a different unit — so
 * the rules are filled whenever any assignment can fill them.
 */
function matchUnits<T extends DrawCandidate>(rules: readonly DrawRule<T>[], random: RandomInt): Matching<T> {
  const units = rules.map((rule) => {
    const byUnit = new Map<string, T[]>();
    for (const candidate of rule.candidates) {
      const unit = unitOf(candidate);
      const members = byUnit.get(unit);
      if (members) members.push(candidate);
      else byUnit.set(unit, [candidate]);
    }
    return byUnit;
  });
  const order = units.map((byUnit) => shuffled([...byUnit.keys()], random));
  const assigned = rules.map(() => new Set<string>());
  const owner = new Map<string, number>();

  const takeFree = (r: number): boolean => {
    for (const unit of order[r]!) {
      if (owner.has(unit)) continue;
      owner.set(unit, r);
      assigned[r]!.add(unit);
      return true;
    }
    return false;
  };
  const augment = (r: number, visited: Set<string>): boolean => {
    for (const unit of order[r]!) {
      if (visited.has(unit) || assigned[r]!.has(unit)) continue;
      visited.add(unit);
      const other = owner.get(unit);
      // A free unit is taken; a unit another rule holds is taken if that rule can get another one instead.
      if (other === undefined || augment(other, visited)) {
        if (other !== undefined) assigned[other]!.delete(unit);
        owner.set(unit, r);
        assigned[r]!.add(unit);
        return true;
      }
    }
    return false;
  };
  let unfilled = 0;
  rules.forEach((rule, r) => {
    for (let slot = 0; slot < rule.count; slot++) {
      if (!takeFree(r) && !augment(r, new Set())) unfilled++;
    }
  });
  return { units, assigned, unfilled };
}

/**
 * A paper drawn by rules: per rule, `count` questions at random from its candidates, no question twice
 * and no two questions of one 互斥组 in the whole paper. Null when the bank cannot fill the rules
 * under these constraints (whatever the luck of the draw: see {@link drawableCount}).
 */
export function drawByRules<T extends DrawCandidate>(
  rules: readonly DrawRule<T>[],
  random: RandomInt = randomInt,
): T[][] | null {
  const { units, assigned, unfilled } = matchUnits(rules, random);
  if (unfilled > 0) return null;
  return rules.map((_, r) =>
    shuffled(
      [...assigned[r]!].map((unit) => {
        const members = units[r]!.get(unit)!;
        return members[random(members.length)]!;
      }),
      random,
    ),
  );
}

/** How many questions the rules can draw together at most, counting a 互斥组 once. */
export function drawableCount<T extends DrawCandidate>(rules: readonly DrawRule<T>[]): number {
  const { unfilled } = matchUnits(rules, () => 0);
  return rules.reduce((sum, rule) => sum + rule.count, 0) - unfilled;
}

/** How many questions one rule could draw on its own: its groups count once. */
export function unitCount(candidates: readonly DrawCandidate[]): number {
  return new Set(candidates.map(unitOf)).size;
}
