import { QuestionType } from '../questions';
import { groupConflictWarnings } from './group-conflicts';
import { keyPositionBiasWarnings } from './key-position-bias';
import type { QualityQuestion } from './types';

function single(answer: string): QualityQuestion {
  return {
    type: QuestionType.Single,
    stem: '题干',
    options: ['甲', '乙', '丙', '丁'].map((text, i) => ({ key: String.fromCharCode(65 + i), text })),
    answer: [answer],
  };
}

function judge(answer: 'T' | 'F'): QualityQuestion {
  return {
    type: QuestionType.Judge,
    stem: '陈述',
    options: [
      { key: 'T', text: '正确' },
      { key: 'F', text: '错误' },
    ],
    answer: [answer],
  };
}

describe('keyPositionBiasWarnings', () => {
  it('flags a fixed paper whose single-choice keys pile on one letter', () => {
    const paper = [...'CCCACCBCDCCA'].map(single);
    const warnings = keyPositionBiasWarnings(paper);
    expect(warnings[0]?.code).toBe('key-position-bias');
    expect(warnings[0]?.message).toContain('C 67%');
  });

  it('accepts keys spread evenly over the letters', () => {
    expect(keyPositionBiasWarnings([...'ABCDBADCCDAB'].map(single))).toEqual([]);
  });

  it('says nothing about a handful of questions, where any spread can be chance', () => {
    expect(keyPositionBiasWarnings([...'CCCAB'].map(single)).filter((w) => w.message.includes('分布'))).toEqual([]);
  });

  it('flags the same letter four times in a row', () => {
    const warnings = keyPositionBiasWarnings([...'ABBBBCDA'].map(single));
    expect(warnings.map((w) => w.message)).toEqual([expect.stringContaining('连续 4 道单选题的答案都是 B')]);
  });

  it('flags true/false keys far from half and half', () => {
    const paper = [...'TTTTTTTTTF'].map((k) => judge(k as 'T' | 'F'));
    expect(keyPositionBiasWarnings(paper)[0]?.message).toContain('“正确”的有 9 题');
    expect(keyPositionBiasWarnings([...'TFTFTFTFFT'].map((k) => judge(k as 'T' | 'F')))).toEqual([]);
  });

  it('takes the number of options of each question into account', () => {
    // Keys A/B on two-option questions are exactly what chance gives.
    const twoOptions = [...'ABABABABAB'].map((k) => ({ ...single(k), options: single(k).options.slice(0, 2) }));
    expect(keyPositionBiasWarnings(twoOptions)).toEqual([]);
  });
});

describe('groupConflictWarnings', () => {
  it('names every 互斥组 that appears twice in a paper with its questions', () => {
    const warnings = groupConflictWarnings([
      { id: 1, group: 'credit-report' },
      { id: 2, group: null },
      { id: 3, group: 'credit-report' },
      { id: 4, group: 'safe-account' },
    ]);
    expect(warnings).toEqual([
      expect.objectContaining({
        code: 'group-conflict',
        questionIds: [1, 3],
        message: expect.stringContaining('“credit-report”'),
      }),
    ]);
  });

  it('accepts a paper with one question per group', () => {
    expect(groupConflictWarnings([{ id: 1, group: 'a' }, { id: 2, group: 'b' }, { id: 3 }])).toEqual([]);
  });
});
