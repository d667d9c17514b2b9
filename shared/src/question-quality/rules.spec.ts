import { QuestionType } from '../questions';
import { absoluteWordWarning, absoluteWordsIn, answerCueWordWarning } from './absolute-words';
import { allButOneWarning } from './all-but-one';
import { allOfTheAboveWarning } from './all-of-the-above';
import { questionQualityWarnings } from './check-question';
import { longestKeyWarning } from './longest-key';
import { optionLengthSpreadWarning } from './option-length-spread';
import { stemEchoWarning } from './stem-echo';
import { visibleLength } from './text';
import type { QualityQuestion } from './types';

function single(texts: string[], answer: string, stem = '接到自称客服的退款电话，应该怎么做？'): QualityQuestion {
  return {
    type: QuestionType.Single,
    stem,
    options: texts.map((text, i) => ({ key: String.fromCharCode(65 + i), text })),
    answer: [answer],
  };
}

function multiple(texts: string[], answer: string[], stem = '下列做法正确的有：'): QualityQuestion {
  return {
    type: QuestionType.Multiple,
    stem,
    options: texts.map((text, i) => ({ key: String.fromCharCode(65 + i), text })),
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

describe('visibleLength', () => {
  it('counts characters a reader sees, not spaces or punctuation', () => {
    expect(visibleLength('挂断电话，拨打 96110。')).toBe(4 + 5 + 2);
    expect(visibleLength('“ＡＢ” c')).toBe(3);
  });
});

describe('longestKeyWarning', () => {
  it('flags a single-choice key much longer than every distractor and names it', () => {
    const q = single(
      ['先转账试试', '挂断电话，通过官方App或官方客服电话核实订单，不向任何人转账', '按对方说的做', '加对方微信'],
      'B',
    );
    const warning = longestKeyWarning(q);
    expect(warning?.code).toBe('longest-key');
    expect(warning?.optionKeys).toEqual(['B']);
    expect(warning?.message).toContain('正确答案 B');
  });

  it('leaves options of similar length alone even when the key is a little longer', () => {
    expect(
      longestKeyWarning(single(['先垫付一小笔再说', '挂断后打官方电话核实', '按对方说的操作', '加对方微信细谈'], 'B')),
    ).toBeNull();
  });

  it('does not call a key "noticeably longer" for a gap of a couple of characters on short options', () => {
    expect(longestKeyWarning(single(['报警', '不理会', '挂断电话'], 'C'))).toBeNull();
  });

  it('flags a multiple choice whose keys are all clearly longer than all distractors', () => {
    const q = multiple(['通过官方渠道核实对方身份', '不向陌生账户转账或提供验证码', '相信', '照做'], ['A', 'B']);
    expect(longestKeyWarning(q)?.optionKeys).toEqual(['A', 'B']);
  });

  it('does not flag a multiple choice where one key is as short as a distractor', () => {
    const q = multiple(['通过官方渠道核实对方身份', '报警', '相信对方', '照对方说的做'], ['A', 'B']);
    expect(longestKeyWarning(q)).toBeNull();
  });

  it('never applies to true/false', () => {
    expect(longestKeyWarning(judge('冒充客服退款要求提供验证码的是骗子。', 'T'))).toBeNull();
  });
});

describe('allButOneWarning', () => {
  it('flags a multiple choice where every option but one is correct and points at the odd one', () => {
    const warning = allButOneWarning(multiple(['甲方案', '乙方案', '丙方案', '丁方案'], ['A', 'B', 'D']));
    expect(warning?.code).toBe('all-but-one');
    expect(warning?.optionKeys).toEqual(['C']);
  });

  it('flags a multiple choice where every option is correct', () => {
    expect(allButOneWarning(multiple(['甲方案', '乙方案', '丙方案'], ['A', 'B', 'C']))?.message).toContain('全选');
  });

  it('accepts two correct out of four', () => {
    expect(allButOneWarning(multiple(['甲方案', '乙方案', '丙方案', '丁方案'], ['A', 'C']))).toBeNull();
  });

  it('does not apply to single choice', () => {
    expect(allButOneWarning(single(['甲', '乙'], 'A'))).toBeNull();
  });
});

describe('allOfTheAboveWarning', () => {
  it.each(['以上都对', '以上都不对', '以上皆是', '以上说法都正确', '以上 均 正确', 'ABC都正确'])(
    'flags “%s”',
    (text) => {
      const warning = allOfTheAboveWarning(single(['核实身份', '不转账', '报警', text], 'D'));
      expect(warning?.optionKeys).toEqual(['D']);
    },
  );

  it('does not flag an ordinary option that merely contains 都', () => {
    expect(allOfTheAboveWarning(single(['全家都知道的官方电话', '不转账', '报警'], 'A'))).toBeNull();
  });
});

describe('absolute words in true/false', () => {
  it('finds absolute words, and 都 only where it quantifies', () => {
    expect(absoluteWordsIn('只要对方知道我的订单号，就一定是真客服')).toEqual(['一定', '只要']);
    expect(absoluteWordsIn('首都的公安机关都会通过电话办案')).toEqual(['都会']);
    expect(absoluteWordsIn('成都的同学收到了通知')).toEqual([]);
    expect(absoluteWordsIn('客服从来不会索要验证码')).toEqual(['从来不']);
  });

  it('flags absolute words whichever the key is, with the reason', () => {
    const asFalse = absoluteWordWarning(judge('对方说出我的身份证号，说明一定是警察。', 'F'));
    const asTrue = absoluteWordWarning(judge('任何要求转账到“安全账户”的电话都是诈骗。', 'T'));
    expect(asFalse?.message).toContain('“一定”');
    expect(asFalse?.field).toBe('stem');
    expect(asTrue?.message).toContain('“任何”');
  });

  it('leaves a conditional, concrete statement alone', () => {
    expect(absoluteWordWarning(judge('自称辅导员的新QQ号要求垫付时，应先打电话核实。', 'T'))).toBeNull();
  });

  it('flags warning words in a true statement and reassuring words in a false one', () => {
    expect(answerCueWordWarning(judge('要求刷流水解冻的贷款是骗子的圈套。', 'T'))?.message).toContain('“圈套”');
    expect(answerCueWordWarning(judge('能退款的刷单平台可以放心做。', 'F'))?.message).toContain('“放心”');
  });

  it('does not flag warning words in a false statement: they work against the guess', () => {
    expect(answerCueWordWarning(judge('出借银行卡给朋友不算违法。', 'F'))).toBeNull();
  });
});

describe('optionLengthSpreadWarning', () => {
  it('flags options of very different length and names the longest and shortest', () => {
    const warning = optionLengthSpreadWarning(single(['报警', '通过学校官网公布的电话联系辅导员核实', '不理会'], 'C'));
    expect(warning?.optionKeys).toEqual(['B', 'A']);
  });

  it('accepts options of similar length', () => {
    expect(optionLengthSpreadWarning(single(['挂断电话', '拨打官方电话', '向老师求助'], 'B'))).toBeNull();
  });
});

describe('stemEchoWarning', () => {
  it('flags a key that alone repeats the stem’s words', () => {
    const q = single(
      ['把钱转到对方账户', '拨打反诈专线核实安全账户的说法', '按对方指示操作', '再等一等'],
      'B',
      '对方自称警察，让你把钱转入“安全账户”配合调查，你应拨打哪里核实？',
    );
    // "安全账户" appears in the key only; no distractor reuses a stem word.
    expect(
      stemEchoWarning({ ...q, options: q.options.map((o) => (o.key === 'A' ? { ...o, text: '交给同学保管' } : o)) })
        ?.optionKeys,
    ).toEqual(['B']);
  });

  it('does not flag when distractors repeat the stem as well', () => {
    const q = single(
      ['把钱转入安全账户', '拨打反诈专线核实安全账户的说法', '按对方指示操作', '再等一等'],
      'B',
      '对方自称警察，让你把钱转入“安全账户”配合调查，你应拨打哪里核实？',
    );
    expect(stemEchoWarning(q)).toBeNull();
  });
});

describe('questionQualityWarnings', () => {
  it('reports every cue of a cue-laden question and nothing for a clean one', () => {
    const cueLaden = multiple(
      ['不要向陌生人透露验证码和银行卡密码', '遇到可疑情况及时拨打96110咨询', '以上都对', '相信'],
      ['A', 'B', 'C'],
    );
    expect(questionQualityWarnings(cueLaden).map((w) => w.code)).toEqual([
      'all-but-one',
      'all-of-the-above',
      'option-length-spread',
    ]);
    const clean = single(['先垫付一小笔再说', '挂断后打官方电话核实', '按对方说的操作', '加对方微信细谈'], 'B');
    expect(questionQualityWarnings(clean)).toEqual([]);
  });

  it('does not repeat an over-long key as a length spread', () => {
    const q = single(['转账', '挂断电话，通过官方App或官方客服电话核实订单，不向任何人转账', '照做', '加微信'], 'B');
    const codes = questionQualityWarnings(q).map((w) => w.code);
    expect(codes).toContain('longest-key');
    expect(codes).not.toContain('option-length-spread');
  });
});
