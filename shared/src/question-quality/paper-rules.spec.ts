import { QuestionType } from '../questions';
import { cuedQuestionsWarning, fixedPaperWarnings, type PaperQuestion } from './fixed-paper';
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
        message: expect.stringContaining('卷中第 1、3 题（题目编号 1、3）同属互斥组“credit-report”'),
      }),
    ]);
  });

  it('accepts a paper with one question per group', () => {
    expect(groupConflictWarnings([{ id: 1, group: 'a' }, { id: 2, group: 'b' }, { id: 3 }])).toEqual([]);
  });
});

describe('cuedQuestionsWarning', () => {
  const plain = (id: number): PaperQuestion => ({ ...single(['A', 'B', 'C', 'D'][id % 4]!), id });
  const longestKey: PaperQuestion = {
    id: 21,
    type: QuestionType.Single,
    stem: '接到“快递客服”理赔电话，应该怎么做？',
    options: [
      { key: 'A', text: '照做' },
      { key: 'B', text: '挂断电话，打开购物App或拨打官方客服电话核实，不向任何人提供验证码' },
      { key: 'C', text: '加微信' },
    ],
    answer: ['B'],
  };
  const allOfTheAbove: PaperQuestion = {
    id: 22,
    type: QuestionType.Single,
    stem: '下列哪些是诈骗常用的话术？',
    options: [
      { key: 'A', text: '你的快递丢了要理赔' },
      { key: 'B', text: '你的征信出了问题' },
      { key: 'C', text: '你涉嫌洗钱要配合调查' },
      { key: 'D', text: '以上都对' },
    ],
    answer: ['D'],
  };

  it('names the places of the cue-laden questions on the paper and counts each cue', () => {
    const warning = cuedQuestionsWarning([plain(1), longestKey, plain(2), allOfTheAbove]);
    expect(warning).toMatchObject({ code: 'cued-questions', field: 'paper', questionIds: [21, 22] });
    expect(warning?.message).toContain('卷中第 2、4 题带猜题线索');
    expect(warning?.message).toContain('正确答案明显最长 1 道');
    expect(warning?.message).toContain('“以上都对”类选项 1 道');
  });

  it('says nothing about a paper without cues', () => {
    expect(cuedQuestionsWarning([plain(1), plain(2), plain(3)])).toBeNull();
  });
});

describe('fixedPaperWarnings', () => {
  const biased: PaperQuestion[] = [...'CCCACCBCDCCA'].map((k, i) => ({ ...single(k), id: i + 1 }));

  it('warns about key position bias only when the options keep their order', () => {
    expect(fixedPaperWarnings(biased, { shuffleOptions: false }).map((w) => w.code)).toContain('key-position-bias');
    expect(fixedPaperWarnings(biased, { shuffleOptions: true })).toEqual([]);
  });

  it('puts the 互斥组 conflicts, the key bias and the cued questions of one paper together', () => {
    const paper: PaperQuestion[] = [
      ...biased.slice(0, 10),
      { ...judge('F'), stem: '只要对方说出订单号，就一定是真客服。', id: 31, group: 'courier-refund' },
      { ...judge('T'), stem: '退款可以在购物平台内办理。', id: 32, group: 'courier-refund' },
    ];
    const warnings = fixedPaperWarnings(paper, { shuffleOptions: false });
    expect(warnings.map((w) => w.code)).toEqual(['group-conflict', 'key-position-bias', 'cued-questions']);
    expect(warnings[0]?.questionIds).toEqual([31, 32]);
    expect(warnings[2]?.message).toContain('卷中第 11 题');
  });
});
