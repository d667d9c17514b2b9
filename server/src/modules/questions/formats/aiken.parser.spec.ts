import { parseAiken } from './aiken.parser';

describe('parseAiken', () => {
  it('reads Chinese questions typed with full-width punctuation and a stem over two lines', () => {
    const result = parseAiken(
      [
        '“客服”来电称你的快递丢失，要理赔，',
        '并要求你开启屏幕共享。你应该：',
        'A．按对方指引操作',
        'B．挂断电话，通过官方渠道核实',
        'C、提供银行卡验证码',
        'ANSWER：B',
        '',
        '以下哪个是国家反诈中心官方举报电话？',
        'A.110',
        'B.96110',
        'ANSWER: B',
      ].join('\r\n'),
    );
    expect(result.errors).toEqual([]);
    expect(result.questions.map(({ draft }) => [draft.stem, draft.options.map((o) => o.text), draft.answer])).toEqual([
      [
        '“客服”来电称你的快递丢失，要理赔，\n并要求你开启屏幕共享。你应该：',
        ['按对方指引操作', '挂断电话，通过官方渠道核实', '提供银行卡验证码'],
        ['B'],
      ],
      ['以下哪个是国家反诈中心官方举报电话？', ['110', '96110'], ['B']],
    ]);
  });

  describe('reports broken questions by number and line, and keeps going', () => {
    const result = parseAiken(
      [
        '答案指向不存在的选项？',
        'A. 甲',
        'B. 乙',
        'ANSWER: E',
        '',
        '忘了写答案行',
        'A. 甲',
        'B. 乙',
        '',
        '只有一个选项',
        'A. 甲',
        'ANSWER: A',
        '',
        '答案写了两个字母',
        'A. 甲',
        'B. 乙',
        'ANSWER: AB',
        '',
        '选项跳过了字母',
        'A. 甲',
        'C. 丙',
        'ANSWER: A',
        '',
        '这一题没问题',
        'A) 甲',
        'B) 乙',
        'ANSWER: a',
      ].join('\n'),
    );

    it('imports the sound question', () => {
      expect(result.questions.map(({ item, draft }) => [item, draft.answer])).toEqual([['第6题（第24行）', ['A']]]);
    });

    it('names what is wrong with each of the others', () => {
      expect(result.errors).toEqual([
        { item: '第1题（第1行）', message: '第4行：「ANSWER: E」指向不存在的选项（已有 A、B）' },
        { item: '第2题（第6行）', message: '第10行之前缺少「ANSWER:」行' },
        { item: '第3题（第10行）', message: '第12行：至少需要两个选项（A. … B. …）' },
        { item: '第4题（第14行）', message: '第17行：「ANSWER: AB」应为一个选项字母（Aiken 格式只有单选题）' },
        { item: '第5题（第19行）', message: '第22行：选项须从 A 起依次排列，第 2 个选项却是 C' },
      ]);
    });
  });

  it('reports a question left without ANSWER at the end of the file', () => {
    expect(parseAiken('最后一题\nA. 甲\nB. 乙\n').errors).toEqual([
      { item: '第1题（第1行）', message: '文件末尾之前缺少「ANSWER:」行' },
    ]);
  });
});
