import { QuestionType } from '../questions';
import { visibleLength } from './text';
import type { QualityQuestion } from './types';

/** A rate with the number of questions it is taken over. */
export interface CueRate {
  count: number;
  total: number;
  /** count ÷ total, 0 when total is 0. */
  rate: number;
}

export interface BankCueStats {
  single: {
    total: number;
    /** The key is strictly the longest option: "pick the longest" is right this often. */
    longestKey: CueRate;
    /**
     * How often "pick the longest" would be right if keys were placed among the options regardless
     * of length: the mean over questions of 1/k where one option is strictly longest (0 on ties).
     */
    longestKeyChance: number;
    /** Share of keys at each letter (A, B, C…). */
    keyPositionShares: Record<string, number>;
  };
  multiple: {
    total: number;
    /** Every option but one is a key: "tick all but the odd one out" scores. */
    allButOne: CueRate;
    /** Every option is a key. */
    allCorrect: CueRate;
    /** How many questions have 1, 2, 3… keys. */
    keyCounts: Record<number, number>;
  };
  judge: {
    total: number;
    /** Share of true statements (key T). */
    trueShare: number;
    /** How often the reviewer's word rule ({@link reviewerJudgeGuess}) names the key. */
    absoluteWordRuleAccuracy: CueRate;
    /** Accuracy of always answering the majority key: what a rule must beat to be a cue. */
    majorityBaseline: number;
  };
}

/** Words in which the reviewer of the first bank saw misconceptions voiced (→ false). */
export const REVIEWER_FALSE_WORDS: readonly string[] = ['一定', '只要', '放心', '说明', '正常流程'];
/** Words in which the reviewer saw warnings voiced (→ true). */
export const REVIEWER_TRUE_WORDS: readonly string[] = ['应', '警惕', '圈套', '骗子', '违法'];

/**
 * The test-wise student's guess at a true/false item from its words alone, as the review of the first
 * bank stated it: 一定/只要/放心/说明/正常流程 → false; else 应/警惕/圈套/骗子/违法 → true; else false.
 */
export function reviewerJudgeGuess(stem: string): 'T' | 'F' {
  if (REVIEWER_FALSE_WORDS.some((word) => stem.includes(word))) return 'F';
  if (REVIEWER_TRUE_WORDS.some((word) => stem.includes(word))) return 'T';
  return 'F';
}

function rate(count: number, total: number): CueRate {
  return { count, total, rate: total === 0 ? 0 : count / total };
}

/**
 * How far the cue strategies a student can use without knowledge carry on a bank, each beside the
 * level it would reach by chance. The shipped bank's CI test asserts on these figures.
 */
export function bankCueStats(questions: readonly QualityQuestion[]): BankCueStats {
  const singles = questions.filter((q) => q.type === QuestionType.Single);
  const multiples = questions.filter((q) => q.type === QuestionType.Multiple);
  const judges = questions.filter((q) => q.type === QuestionType.Judge);

  let longestKey = 0;
  let chance = 0;
  const positions: Record<string, number> = {};
  for (const q of singles) {
    const lengths = q.options.map((o) => visibleLength(o.text));
    const max = Math.max(...lengths);
    const unique = lengths.filter((l) => l === max).length === 1;
    if (unique) chance += 1 / q.options.length;
    const key = q.answer[0];
    const keyOption = q.options.find((o) => o.key === key);
    if (unique && keyOption && visibleLength(keyOption.text) === max) longestKey++;
    if (key !== undefined) positions[key] = (positions[key] ?? 0) + 1;
  }
  const keyPositionShares = Object.fromEntries(
    Object.keys(positions)
      .sort()
      .map((key) => [key, positions[key]! / singles.length]),
  );

  const keyCounts: Record<number, number> = {};
  let allButOne = 0;
  let allCorrect = 0;
  for (const q of multiples) {
    const keys = new Set(q.answer).size;
    keyCounts[keys] = (keyCounts[keys] ?? 0) + 1;
    if (keys === q.options.length - 1) allButOne++;
    if (keys === q.options.length) allCorrect++;
  }

  const trues = judges.filter((q) => q.answer.includes('T')).length;
  const ruleRight = judges.filter((q) => q.answer.includes(reviewerJudgeGuess(q.stem))).length;

  return {
    single: {
      total: singles.length,
      longestKey: rate(longestKey, singles.length),
      longestKeyChance: singles.length === 0 ? 0 : chance / singles.length,
      keyPositionShares,
    },
    multiple: {
      total: multiples.length,
      allButOne: rate(allButOne, multiples.length),
      allCorrect: rate(allCorrect, multiples.length),
      keyCounts,
    },
    judge: {
      total: judges.length,
      trueShare: judges.length === 0 ? 0 : trues / judges.length,
      absoluteWordRuleAccuracy: rate(ruleRight, judges.length),
      majorityBaseline: judges.length === 0 ? 0 : Math.max(trues, judges.length - trues) / judges.length,
    },
  };
}
