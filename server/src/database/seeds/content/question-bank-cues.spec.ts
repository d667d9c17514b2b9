/**
 * The shipped bank passes its own 命题质量检查 (issue 12 §4): a student who knows nothing about fraud
 * but plays the usual test-taking tricks must score no better than chance plus a small margin.
 *
 * Each trick is simulated over questions.json and its score is printed, so a reader of the CI log
 * sees the figures, not only a green tick. Figures of the bank shipped before the rewrite, for
 * comparison: pick-the-longest 90 % on single choice (key strictly longest in 75 of 83), every
 * multiple-choice key was "all options but one" (48 of 48), the absolute-word rule was right on 78 %
 * of true/false statements against a majority class of 55 %.
 *
 * The product's bank-level statistics (`bankCueStats` in shared/src/question-quality) give the
 * strict longest-key rate, all-but-one, key positions and the reviewer's word rule. The functions
 * below add tricks only this bank's CI checks: ties split, key length ratio, "tick all but the
 * shortest", a wider word list, a repeating key sequence and protective-sounding wording.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import {
  QuestionType,
  bankCueStats,
  duplicateComparisonText,
  findNearDuplicates,
  reviewerJudgeGuess,
} from '@campus/shared';
import type { QuestionDraft } from '@campus/shared';

// ---------------------------------------------------------------- cue statistics

const len = (s: string): number => Array.from(s).length;
const keySet = (keys: string[]): string => [...keys].sort().join('');

/** Chance a student gets a single-choice question right by picking the longest option (ties split evenly). */
export function longestOptionAccuracy(questions: QuestionDraft[]): number {
  const singles = questions.filter((q) => q.type === QuestionType.Single);
  let hits = 0;
  for (const q of singles) {
    const max = Math.max(...q.options.map((o) => len(o.text)));
    const longest = q.options.filter((o) => len(o.text) === max).map((o) => o.key);
    if (longest.includes(q.answer[0] ?? '')) hits += 1 / longest.length;
  }
  return singles.length ? hits / singles.length : 0;
}

/** Mean of (key length / mean distractor length) over single-choice questions; 1 means no length cue. */
export function keyLengthRatio(questions: QuestionDraft[]): number {
  const singles = questions.filter((q) => q.type === QuestionType.Single);
  const ratios = singles.map((q) => {
    const key = q.options.find((o) => o.key === q.answer[0]);
    const others = q.options.filter((o) => o !== key).map((o) => len(o.text));
    return len(key?.text ?? '') / (others.reduce((a, b) => a + b, 0) / others.length);
  });
  return ratios.length ? ratios.reduce((a, b) => a + b, 0) / ratios.length : 0;
}

/** Exact-match score of "tick every option except the shortest" on multiple choice (ties split). */
export function allButShortestAccuracy(questions: QuestionDraft[]): number {
  const multiples = questions.filter((q) => q.type === QuestionType.Multiple);
  let hits = 0;
  for (const q of multiples) {
    const min = Math.min(...q.options.map((o) => len(o.text)));
    const shortest = q.options.filter((o) => len(o.text) === min);
    for (const s of shortest) {
      const ticked = q.options.filter((o) => o !== s).map((o) => o.key);
      if (keySet(ticked) === keySet(q.answer)) hits += 1 / shortest.length;
    }
  }
  return multiples.length ? hits / multiples.length : 0;
}

/**
 * On multiple choice, the share of keyed options among the k longest options (k = number of keys),
 * next to the share of keyed options overall: if long options are keyed more often than options in
 * general, "tick the long ones" is a cue.
 */
export function longOptionsKeyedShare(questions: QuestionDraft[]): { longest: number; overall: number } {
  const multiples = questions.filter((q) => q.type === QuestionType.Multiple);
  let longest = 0;
  let overall = 0;
  for (const q of multiples) {
    const k = q.answer.length;
    const top = [...q.options].sort((a, b) => len(b.text) - len(a.text)).slice(0, k);
    longest += top.filter((o) => q.answer.includes(o.key)).length / k;
    overall += k / q.options.length;
  }
  const n = multiples.length || 1;
  return { longest: longest / n, overall: overall / n };
}

/** A wider list than the reviewer's, so that moving a cue to a synonym does not pass unnoticed. */
export const WIDE_ABSOLUTE = /一定|只要|放心|说明|正常流程|都|任何|绝不|绝对|肯定|必须|所有|凡是|从不|完全|只有|不会/;
export const WIDE_WARNING = /应|警惕|圈套|骗子|违法|犯罪|诈骗|不要|切勿|谨慎|核实|报警|风险/;

/**
 * Accuracy on true/false of "absolute word → false; else warning word → true; else <fallback>",
 * taking the better of the two fallbacks (a test-wise student would pick the better one).
 */
export function wideWordRuleAccuracy(questions: QuestionDraft[], absolute: RegExp, warning: RegExp): number {
  const judges = questions.filter((q) => q.type === QuestionType.Judge);
  if (!judges.length) return 0;
  const score = (fallback: 'T' | 'F') =>
    judges.filter((q) => {
      const guess = absolute.test(q.stem) ? 'F' : warning.test(q.stem) ? 'T' : fallback;
      return guess === q.answer[0];
    }).length / judges.length;
  return Math.max(score('T'), score('F'));
}

/**
 * How strongly the single-choice key sequence (in file order) repeats itself: for each lag p of 1–12,
 * the share of questions whose key equals the key p questions later; the largest share and its lag.
 * A random sequence stays near 25 % (a little above, as the maximum of twelve lags); the old bank
 * repeated "BDACCADB" down the whole file, which a student who saw a few keys could continue.
 */
export function keyPeriodicity(questions: QuestionDraft[]): { share: number; lag: number } {
  const keys = questions.filter((q) => q.type === QuestionType.Single).map((q) => q.answer[0] ?? '');
  let best = { share: 0, lag: 0 };
  for (let lag = 1; lag <= 12 && lag < keys.length; lag++) {
    let same = 0;
    for (let i = 0; i + lag < keys.length; i++) if (keys[i] === keys[i + lag]) same++;
    const share = same / (keys.length - lag);
    if (share > best.share) best = { share, lag };
  }
  return best;
}

/**
 * Chance of "pick the option that sounds most protective" (报警/核实/官方/挂断 …) on single choice.
 * Part of what the bank teaches is exactly that reflex, so more than chance is expected; but if
 * keyword matching alone answered most questions, the items would not test the specific trick.
 */
const PROTECTIVE = /报警|110|96110|官方|核实|拒绝|挂断|不转账|停止|不理会|国家反诈中心/g;
export function protectiveWordAccuracy(questions: QuestionDraft[]): number {
  const singles = questions.filter((q) => q.type === QuestionType.Single);
  let hits = 0;
  for (const q of singles) {
    const scores = q.options.map((o) => (o.text.match(PROTECTIVE) ?? []).length);
    const max = Math.max(...scores);
    const best = q.options.filter((_, i) => scores[i] === max).map((o) => o.key);
    if (best.includes(q.answer[0] ?? '')) hits += 1 / best.length;
  }
  return singles.length ? hits / singles.length : 0;
}

// ---------------------------------------------------------------- thresholds

/*
 * Why these margins. The bank has ≈ 85 single-choice, ≈ 50 multiple-choice and ≈ 65 true/false
 * questions. The standard error of a proportion near 0.25 over 85 questions is ≈ 0.047, near 0.5
 * over 65 questions ≈ 0.062. A margin of about two standard errors keeps honest random variation
 * from failing the build, while every cue the reviewer found (90 % vs 25 %, 100 % all-but-one,
 * 78 % vs 55 %) fails by far.
 */
const SINGLE_CHANCE = 0.25;
const LONGEST_MARGIN = 0.1; // key strictly the longest at most 10 points above chance (old bank: 90 % vs 22 %)
const LONGEST_FLOOR = 0.12; // pick-the-longest at least 13 %: a key that is never the longest is a cue too
const LENGTH_RATIO_BAND = [0.85, 1.15] as const; // key as long as its distractors on average
/*
 * Multiple choice allows 2, 3 or 4 keys of 4–5 options, i.e. the shapes 2/4, 3/4, 2/5, 3/5, 4/5; two
 * of the five are "all but one", so a bank that varies its shapes has ≈ 40 % all-but-one. Above that,
 * "tick all but one" becomes a good bet again.
 */
const ALL_BUT_ONE_MAX = 0.4;
const ALL_BUT_SHORTEST_MAX = 0.15; // the old bank: 34 %; with the wrong option's length random, ≈ 40 % / 4.5 ≈ 9 %
const LONG_OPTIONS_MARGIN = 0.1; // the longest options keyed no more often than options in general, ±10 points
const RULE_MARGIN = 0.1; // absolute-word rule at most 10 points above always answering the majority class
const TRUE_SHARE_BAND = [0.4, 0.6] as const;
const CHI2_DF3 = 3;
const CHI2_CRITICAL_DF3 = 7.81; // χ² critical value for df = 3 at p = 0.05
const MAX_POSITION_SHARE = 0.35;
const KEY_PERIOD_MAX = 0.4; // chance is 0.25 (≈ 0.33 as the best of twelve lags over 85 keys); the old bank: 0.61
const PROTECTIVE_MAX = 0.45; // at most a minority of items answerable by keyword matching alone

// ---------------------------------------------------------------- the shipped bank

const bank = JSON.parse(readFileSync(join(__dirname, 'questions.json'), 'utf8')) as QuestionDraft[];
const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;

describe('the shipped question bank gives a test-wise student no edge', () => {
  const stats = bankCueStats(bank);
  const long = longOptionsKeyedShare(bank);
  const singles = stats.single.total;
  const positionCounts = Object.fromEntries(
    ['A', 'B', 'C', 'D'].map((k) => [k, Math.round((stats.single.keyPositionShares[k] ?? 0) * singles)]),
  );
  const chi2 = Object.values(positionCounts).reduce((s, n) => s + (n - singles / 4) ** 2 / (singles / 4), 0);
  const period = keyPeriodicity(bank);
  const figures = {
    questions: bank.length,
    single: {
      count: singles,
      keyStrictlyLongest: `${stats.single.longestKey.count}/${singles} = ${pct(stats.single.longestKey.rate)}`,
      keyStrictlyLongestByChance: pct(stats.single.longestKeyChance),
      pickLongestTiesSplit: pct(longestOptionAccuracy(bank)),
      keyToDistractorLength: keyLengthRatio(bank).toFixed(2),
      keyPositions: positionCounts,
      chi2: `${chi2.toFixed(2)} (df ${CHI2_DF3}, critical ${CHI2_CRITICAL_DF3})`,
      repeatingKeySequence: `${pct(period.share)} at lag ${period.lag}`,
      pickMostProtectiveWording: pct(protectiveWordAccuracy(bank)),
    },
    multiple: {
      count: stats.multiple.total,
      keyCounts: stats.multiple.keyCounts,
      keyIsAllButOne: `${stats.multiple.allButOne.count}/${stats.multiple.total} = ${pct(stats.multiple.allButOne.rate)}`,
      tickAllButShortest: pct(allButShortestAccuracy(bank)),
      keyedAmongLongest: pct(long.longest),
      keyedOverall: pct(long.overall),
    },
    judge: {
      count: stats.judge.total,
      trueShare: pct(stats.judge.trueShare),
      alwaysMajority: pct(stats.judge.majorityBaseline),
      reviewerWordRule: pct(stats.judge.absoluteWordRuleAccuracy.rate),
      wideWordRuleBestFallback: pct(wideWordRuleAccuracy(bank, WIDE_ABSOLUTE, WIDE_WARNING)),
    },
  };

  beforeAll(() => {
    console.log(`Cue figures of the shipped bank (题库命题质量):\n${JSON.stringify(figures, null, 2)}`);
  });

  it('single choice: the key is the longest option about as often as chance would make it', () => {
    expect(stats.single.longestKey.rate).toBeLessThanOrEqual(stats.single.longestKeyChance + LONGEST_MARGIN);
    expect(longestOptionAccuracy(bank)).toBeLessThanOrEqual(SINGLE_CHANCE + LONGEST_MARGIN);
    expect(longestOptionAccuracy(bank)).toBeGreaterThanOrEqual(SINGLE_CHANCE - LONGEST_FLOOR);
  });

  it('single choice: the key is on average as long as the distractors', () => {
    const ratio = keyLengthRatio(bank);
    expect(ratio).toBeGreaterThanOrEqual(LENGTH_RATIO_BAND[0]);
    expect(ratio).toBeLessThanOrEqual(LENGTH_RATIO_BAND[1]);
  });

  it('single choice: key positions are spread over A–D without a repeating sequence', () => {
    expect(chi2).toBeLessThan(CHI2_CRITICAL_DF3);
    expect(Math.max(...Object.values(stats.single.keyPositionShares))).toBeLessThanOrEqual(MAX_POSITION_SHARE);
    expect(period.share).toBeLessThanOrEqual(KEY_PERIOD_MAX);
  });

  it('single choice: choosing the most protective-sounding option does not answer most questions', () => {
    expect(protectiveWordAccuracy(bank)).toBeLessThanOrEqual(PROTECTIVE_MAX);
  });

  it('multiple choice: "all but one" is not the usual key and ticking all but the shortest fails', () => {
    expect(stats.multiple.allButOne.rate).toBeLessThanOrEqual(ALL_BUT_ONE_MAX);
    expect(allButShortestAccuracy(bank)).toBeLessThanOrEqual(ALL_BUT_SHORTEST_MAX);
  });

  it('multiple choice: the longest options are keyed no more often than options in general', () => {
    expect(Math.abs(long.longest - long.overall)).toBeLessThanOrEqual(LONG_OPTIONS_MARGIN);
  });

  it('multiple choice: keys have 2, 3 and 4 correct options, never every option', () => {
    expect(Object.keys(stats.multiple.keyCounts).sort()).toEqual(['2', '3', '4']);
    expect(stats.multiple.allCorrect.count).toBe(0);
  });

  it('true/false: true and false statements are balanced', () => {
    expect(stats.judge.trueShare).toBeGreaterThanOrEqual(TRUE_SHARE_BAND[0]);
    expect(stats.judge.trueShare).toBeLessThanOrEqual(TRUE_SHARE_BAND[1]);
  });

  it('true/false: word rules do no better than always answering the majority class', () => {
    const ceiling = stats.judge.majorityBaseline + RULE_MARGIN;
    expect(stats.judge.absoluteWordRuleAccuracy.rate).toBeLessThanOrEqual(ceiling);
    expect(wideWordRuleAccuracy(bank, WIDE_ABSOLUTE, WIDE_WARNING)).toBeLessThanOrEqual(ceiling);
  });

  it('has no near-duplicate questions outside a 互斥组', () => {
    const items = (bank as (QuestionDraft & { group?: string })[]).map((q, id) => ({
      id,
      text: duplicateComparisonText(q),
      group: q.group,
    }));
    const pairs = findNearDuplicates(items).map((p) => [bank[p.a]?.stem, bank[p.b]?.stem]);
    expect(pairs).toEqual([]);
  });

  it('no option says "all of the above" or "none of the above"', () => {
    const offenders = bank.filter((q) => q.options.some((o) => /以上(都|全|均)|以上皆/.test(o.text)));
    expect(offenders.map((q) => q.stem)).toEqual([]);
  });
});

// ---------------------------------------------------------------- the statistics catch a cue-laden bank

describe('the cue statistics detect the cues the reviewer found', () => {
  const single = (answer: string, texts: string[]): QuestionDraft => ({
    type: QuestionType.Single,
    stem: `s${texts.join('')}`,
    options: texts.map((text, i) => ({ key: 'ABCD'[i] ?? '', text })),
    answer: [answer],
    analysis: 'x',
    fraudType: 'other' as QuestionDraft['fraudType'],
    difficulty: 1,
  });

  it('finds the longest-option cue and a repeating key sequence', () => {
    const cued = ['A', 'B', 'C', 'D', 'A', 'B', 'C', 'D'].map((k, i) =>
      single(
        k,
        ['A', 'B', 'C', 'D'].map((o) => (o === k ? `正确的做法比较长一些${i}` : `短${o}${i}`)),
      ),
    );
    expect(longestOptionAccuracy(cued)).toBe(1);
    expect(keyLengthRatio(cued)).toBeGreaterThan(2);
    expect(keyPeriodicity(cued)).toEqual({ share: 1, lag: 4 });
  });

  it('finds all-but-one multiple choice with an absurd shortest option', () => {
    const multiple: QuestionDraft = {
      type: QuestionType.Multiple,
      stem: 'm',
      options: [
        { key: 'A', text: '保存聊天记录和转账凭证' },
        { key: 'B', text: '立即拨打110报警求助' },
        { key: 'C', text: '联系银行说明情况' },
        { key: 'D', text: '再转一次' },
      ],
      answer: ['A', 'B', 'C'],
      analysis: 'x',
      fraudType: 'other' as QuestionDraft['fraudType'],
      difficulty: 1,
    };
    expect(bankCueStats([multiple]).multiple.allButOne.rate).toBe(1);
    expect(allButShortestAccuracy([multiple])).toBe(1);
  });

  it('finds absolute words that predict false, also in the wider list', () => {
    const judge = (stem: string, answer: 'T' | 'F'): QuestionDraft => ({
      type: QuestionType.Judge,
      stem,
      options: [
        { key: 'T', text: '正确' },
        { key: 'F', text: '错误' },
      ],
      answer: [answer],
      analysis: 'x',
      fraudType: 'other' as QuestionDraft['fraudType'],
      difficulty: 1,
    });
    const cued = [
      judge('只要佣金到账就可以放心做', 'F'),
      judge('对方说出订单号，说明是真客服', 'F'),
      judge('应警惕陌生来电', 'T'),
      judge('要求转账到安全账户的是骗子', 'T'),
    ];
    expect(cued.every((q) => reviewerJudgeGuess(q.stem) === q.answer[0])).toBe(true);
    expect(wideWordRuleAccuracy(cued, WIDE_ABSOLUTE, WIDE_WARNING)).toBe(1);
    expect(bankCueStats(cued).judge.majorityBaseline).toBe(0.5);
  });
});
