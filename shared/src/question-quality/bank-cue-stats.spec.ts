import { QuestionType } from '../questions';
import { bankCueStats, reviewerJudgeGuess } from './bank-cue-stats';
import type { QualityQuestion } from './types';

function single(texts: string[], answer: string): QualityQuestion {
  return {
    type: QuestionType.Single,
    stem: '题干',
    options: texts.map((text, i) => ({ key: String.fromCharCode(65 + i), text })),
    answer: [answer],
  };
}

function multiple(count: number, answer: string[]): QualityQuestion {
  return {
    type: QuestionType.Multiple,
    stem: '题干',
    options: Array.from({ length: count }, (_, i) => ({ key: String.fromCharCode(65 + i), text: `选项${i}` })),
    answer,
  };
}

function judge(stem: string, answer: 'T' | 'F'): QualityQuestion {
  return {
    type: QuestionType.Judge,
    stem,
    options: [
      { key: 'T', text: '正确' },
      { key: 'F', text: '错误' },
    ],
    answer: [answer],
  };
}

describe('reviewerJudgeGuess', () => {
  it('follows the review: reassurance → false, warning → true, otherwise false', () => {
    expect(reviewerJudgeGuess('对方说出订单号，说明是真客服')).toBe('F');
    expect(reviewerJudgeGuess('应警惕“安全账户”的说法')).toBe('T');
    // A false-word wins over a true-word in the same statement.
    expect(reviewerJudgeGuess('只要不是骗子就可以转账')).toBe('F');
    expect(reviewerJudgeGuess('学校缴费通过官方平台')).toBe('F');
  });
});

describe('bankCueStats', () => {
  const bank: QualityQuestion[] = [
    single(['短', '这是最长的一个选项', '中等长度'], 'B'), // key strictly longest
    single(['短', '这是最长的一个选项', '中等长度'], 'A'),
    single(['一样长', '一样长', '不一样'], 'C'), // no strictly longest option: chance 0
    single(['甲乙', '丙丁', '戊己庚', '辛'], 'C'), // key strictly longest, 4 options
    multiple(4, ['A', 'B', 'C']),
    multiple(4, ['A', 'B']),
    multiple(3, ['A', 'B', 'C']),
    judge('应警惕陌生来电', 'T'), // rule says T: right
    judge('只要对方有工号就可以相信', 'F'), // rule says F: right
    judge('学校不会让学生把钱转给个人', 'T'), // rule says F: wrong
    judge('骗子会冒充客服', 'F'), // rule says T: wrong
  ];
  const stats = bankCueStats(bank);

  it('measures how often the key is strictly the longest option against the chance level', () => {
    expect(stats.single.longestKey).toEqual({ count: 2, total: 4, rate: 0.5 });
    expect(stats.single.longestKeyChance).toBeCloseTo((1 / 3 + 1 / 3 + 0 + 1 / 4) / 4);
  });

  it('gives the share of keys at each letter', () => {
    expect(stats.single.keyPositionShares).toEqual({ A: 0.25, B: 0.25, C: 0.5 });
  });

  it('counts all-but-one and all-correct multiple choice and the spread of key counts', () => {
    expect(stats.multiple.allButOne).toEqual({ count: 1, total: 3, rate: 1 / 3 });
    expect(stats.multiple.allCorrect.count).toBe(1);
    expect(stats.multiple.keyCounts).toEqual({ 2: 1, 3: 2 });
  });

  it('scores the reviewer’s word rule on true/false against always answering the majority key', () => {
    expect(stats.judge.absoluteWordRuleAccuracy).toEqual({ count: 2, total: 4, rate: 0.5 });
    expect(stats.judge.trueShare).toBe(0.5);
    expect(stats.judge.majorityBaseline).toBe(0.5);
  });

  it('returns zero rates, not NaN, for an empty bank', () => {
    const empty = bankCueStats([]);
    expect(empty.single.longestKey.rate).toBe(0);
    expect(empty.judge.majorityBaseline).toBe(0);
  });
});
