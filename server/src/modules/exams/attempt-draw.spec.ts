import {
  drawByRules,
  drawableCount,
  unitCount,
  type DrawCandidate,
  type DrawRule,
  type RandomInt,
} from './attempt-draw';

/** mulberry32: a seeded generator, so every run draws the same papers and a failure can be replayed. */
function seeded(seed: number): RandomInt {
  let a = seed;
  return (max: number) => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * max);
  };
}

interface Q extends DrawCandidate {
  type: number;
}

/** A random bank: some questions alone, the others in groups of 2–4, of 1–3 "types" that rules filter on. */
function randomBank(random: RandomInt, size: number): Q[] {
  const bank: Q[] = [];
  let groups = 0;
  while (bank.length < size) {
    const inGroup = random(2) === 0;
    const members = inGroup ? 2 + random(3) : 1;
    const group = inGroup ? `g${groups++}` : null;
    for (let m = 0; m < members && bank.length < size; m++)
      bank.push({ questionId: bank.length + 1, group, type: random(3) });
  }
  return bank;
}

/** Random rules over the bank: by type, or any type (overlapping the others). */
function randomRules(random: RandomInt, bank: Q[]): DrawRule<Q>[] {
  return Array.from({ length: 1 + random(3) }, () => {
    const type = random(4); // 3 = any type
    return { count: 1 + random(4), candidates: bank.filter((q) => type === 3 || q.type === type) };
  });
}

/** Whether the rules can be filled at all, by trying every assignment (small banks only). */
function feasible(rules: DrawRule<Q>[]): boolean {
  const slots = rules.flatMap((rule, r) => Array.from({ length: rule.count }, () => r));
  const usedUnits = new Set<string>();
  const unit = (q: Q): string => (q.group ? `g:${q.group}` : `q:${q.questionId}`);
  const fill = (i: number, lastPerRule: number[]): boolean => {
    if (i === slots.length) return true;
    const r = slots[i]!;
    const candidates = rules[r]!.candidates;
    // Within a rule take candidates in increasing index, so each set is tried once.
    for (let c = lastPerRule[r]! + 1; c < candidates.length; c++) {
      const u = unit(candidates[c]!);
      if (usedUnits.has(u)) continue;
      usedUnits.add(u);
      const next = [...lastPerRule];
      next[r] = c;
      if (fill(i + 1, next)) return true;
      usedUnits.delete(u);
    }
    return false;
  };
  return fill(
    0,
    rules.map(() => -1),
  );
}

describe('drawing a paper by rules with 互斥组', () => {
  it('never puts two questions of one group in a paper, fills every rule when the bank allows it and only then', () => {
    const random = seeded(20261204);
    let filled = 0;
    let refused = 0;
    for (let run = 0; run < 3000; run++) {
      const bank = randomBank(random, 4 + random(10));
      const rules = randomRules(random, bank);
      const paper = drawByRules(rules, random);
      const possible = feasible(rules);
      expect({ run, drawn: paper !== null }).toEqual({ run, drawn: possible });
      if (!paper) {
        refused++;
        expect(drawableCount(rules)).toBeLessThan(rules.reduce((s, r) => s + r.count, 0));
        continue;
      }
      filled++;
      const all = paper.flat();
      paper.forEach((chosen, r) => {
        expect(chosen).toHaveLength(rules[r]!.count);
        for (const q of chosen) expect(rules[r]!.candidates).toContain(q);
      });
      expect(new Set(all.map((q) => q.questionId)).size).toBe(all.length);
      const groups = all.map((q) => q.group).filter((g) => g !== null);
      expect(new Set(groups).size).toBe(groups.length);
    }
    // Both outcomes must really occur, or the property says little.
    expect(filled).toBeGreaterThan(500);
    expect(refused).toBeGreaterThan(500);
  });

  it('finds a paper a greedy draw would miss by swapping an earlier pick', () => {
    // Rule 1 may take A or B; rule 2 only A. Whatever rule 1 draws first, rule 2 still gets A.
    const a = { questionId: 1, group: null };
    const b = { questionId: 2, group: null };
    for (let seed = 0; seed < 20; seed++) {
      const paper = drawByRules(
        [
          { count: 1, candidates: [a, b] },
          { count: 1, candidates: [a] },
        ],
        seeded(seed),
      );
      expect(paper).toEqual([[b], [a]]);
    }
  });

  it('gives a fact with many variants the same chance as a question standing alone', () => {
    const grouped = [1, 2, 3].map((questionId) => ({ questionId, group: 'credit-report' }));
    const alone = [4, 5, 6].map((questionId) => ({ questionId, group: null }));
    const random = seeded(7);
    let groupDrawn = 0;
    const draws = 4000;
    for (let i = 0; i < draws; i++) {
      const [chosen] = drawByRules([{ count: 1, candidates: [...grouped, ...alone] }], random)!;
      if (chosen![0]!.group) groupDrawn++;
    }
    // Four units (the group and three questions): the group is drawn a quarter of the time, not half.
    expect(groupDrawn / draws).toBeGreaterThan(0.22);
    expect(groupDrawn / draws).toBeLessThan(0.28);
  });

  it('counts a group once when telling what the bank can give', () => {
    const pool = [
      { questionId: 1, group: 'x' },
      { questionId: 2, group: 'x' },
      { questionId: 3, group: null },
    ];
    expect(unitCount(pool)).toBe(2);
    expect(drawByRules([{ count: 3, candidates: pool }])).toBeNull();
    expect(drawableCount([{ count: 3, candidates: pool }])).toBe(2);
  });
});
