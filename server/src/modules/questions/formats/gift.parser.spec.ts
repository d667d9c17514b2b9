import { QuestionType } from '@campus/shared';
import { parseGift } from './gift.parser';

describe('parseGift', () => {
  it('reads Chinese questions, with or without names, and full-width text in feedback', () => {
    const result = parseGift(`
// 刷单返利
::刷单::网上兼职“刷单返利”，要求先垫付货款，你应该：{
  ~先做几单小额的试试
  =拒绝，并拨打 96110 咨询
  ~拉同学一起做
  ####凡是要求先垫付资金的兼职都是诈骗。
}

“安全账户”是公安机关办案时使用的正规账户。{F#公检法没有“安全账户”。}
`);
    expect(result.errors).toEqual([]);
    expect(result.questions).toEqual([
      {
        item: '第1题「刷单」',
        draft: {
          type: QuestionType.Single,
          stem: '网上兼职“刷单返利”，要求先垫付货款，你应该：',
          options: [
            { key: 'A', text: '先做几单小额的试试' },
            { key: 'B', text: '拒绝，并拨打 96110 咨询' },
            { key: 'C', text: '拉同学一起做' },
          ],
          answer: ['B'],
          analysis: '凡是要求先垫付资金的兼职都是诈骗。',
          fraudType: 'other',
          difficulty: 3,
          tags: [],
        },
      },
      {
        item: '第2题',
        draft: expect.objectContaining({
          type: QuestionType.Judge,
          stem: '“安全账户”是公安机关办案时使用的正规账户。',
          answer: ['F'],
          analysis: '公检法没有“安全账户”。',
        }),
      },
    ]);
  });

  it('keeps escaped control characters as text', () => {
    const result = parseGift(
      String.raw`::比例\:收益::年化收益 \{保本\} 50\% 以上\: 可信吗？{~可信 \= 稳赚 =不可信 \~ 是骗局 #提示\#1}`,
    );
    expect(result.questions[0]).toMatchObject({
      item: '第1题「比例:收益」',
      draft: {
        stem: '年化收益 {保本} 50\\% 以上: 可信吗？',
        options: [
          { key: 'A', text: '可信 = 稳赚' },
          { key: 'B', text: '不可信 ~ 是骗局' },
        ],
        answer: ['B'],
        analysis: '提示#1',
      },
    });
  });

  it('turns HTML in [html] questions into plain text and drops format markers', () => {
    const result = parseGift(
      '::h::[html]<p>点击<b>陌生链接</b><script>steal()</script>会怎样？</p>{=[html]<i>可能</i>中木马 ~[markdown]**不会**}',
    );
    expect(result.questions[0]?.draft).toMatchObject({
      stem: '点击陌生链接会怎样？',
      options: [
        { key: 'A', text: '可能中木马' },
        { key: 'B', text: '**不会**' },
      ],
    });
  });

  it('ignores $CATEGORY lines and comments between questions', () => {
    const result = parseGift('$CATEGORY: $course$/top/反诈\n\n// 注释\n// {=不是题}\n\n甲是真的。{T}\n// 尾注释\n');
    expect(result.questions.map(({ item, draft }) => [item, draft.stem])).toEqual([['第1题', '甲是真的。']]);
    expect(result.skipped).toEqual([]);
  });

  it('treats punctuation after the answer block as the end of the stem', () => {
    const result = parseGift('陌生来电要求转账，要挂断吗{T}？');
    expect(result.questions[0]?.draft).toMatchObject({ stem: '陌生来电要求转账，要挂断吗', answer: ['T'] });
  });

  it('reads a missing-word question as a single choice whose stem has a blank where the block was', () => {
    const result = parseGift(
      "骗子常说的“{=安全账户 ~工资卡 ~公积金账户}”并不存在。\n\nGrant is {~buried =entombed ~living} in Grant's tomb.",
    );
    expect(result.errors).toEqual([]);
    expect(
      result.questions.map((q) => [q.draft.type, q.draft.stem, q.draft.options.map((o) => o.text), q.draft.answer]),
    ).toEqual([
      [QuestionType.Single, '骗子常说的“＿＿＿”并不存在。', ['安全账户', '工资卡', '公积金账户'], ['A']],
      [QuestionType.Single, "Grant is ＿＿＿ in Grant's tomb.", ['buried', 'entombed', 'living'], ['B']],
    ]);
  });

  it('skips descriptions and true/false written inside a sentence, with a reason', () => {
    const result = parseGift('这一说法{T}是对的。\n\n这是一段说明文字，没有答案。');
    expect(result.questions).toEqual([]);
    expect(result.skipped).toEqual([
      { item: '第1题', message: '不支持的题型：判断题不能写在句中（答案块后还有题文），已跳过' },
      { item: '第2题', message: '不支持的题型：说明文字（description，没有答案块），已跳过' },
    ]);
  });

  it('reads a multiple response with exactly one positive weight as a single choice', () => {
    const result = parseGift('下列哪个是国家反诈中心的举报电话？{~%100%96110 ~%-50%12345 ~%-50%10086}');
    expect(result.questions[0]?.draft).toMatchObject({ type: QuestionType.Single, answer: ['A'] });
  });

  it('turns $CATEGORY into the fraud type or a tag, and [tag:…] markers into tags', () => {
    const result = parseGift(
      [
        '$CATEGORY: $course$/top/校园反诈题库/刷单返利',
        '',
        '// [tag:兼职] [tag:垫付]',
        '::垫付::兼职要求先垫付，可信吗？{F}',
        '',
        '$CATEGORY: $course$/top/新生入学',
        '',
        '::客服:: [id:Q7] [tag:退款] 自称客服要求共享屏幕，可信吗？{F}',
      ].join('\n'),
    );
    expect(result.questions.map((q) => [q.draft.stem, q.draft.fraudType, q.draft.tags])).toEqual([
      ['兼职要求先垫付，可信吗？', 'order_brushing', ['兼职', '垫付']],
      ['自称客服要求共享屏幕，可信吗？', 'other', ['新生入学', '退款']],
    ]);
  });

  describe('reports broken questions as errors and keeps going', () => {
    const result = parseGift(
      [
        '::无答案::哪个是官方反诈App？{~国家反诈中心 ~某某理财}',
        '::两个等号::单选却有两个正确答案？{=甲 =乙 ~丙}',
        '::只有一个选项::只有一个选项？{=甲 ~}',
        '::没关括号::括号没关上 {=甲 ~乙',
        '::空题干::{=甲 ~乙}',
        '::正常::这一题没有问题。{TRUE}',
      ].join('\n\n'),
    );

    it('imports only the sound question', () => {
      expect(result.questions.map((q) => q.item)).toEqual(['第6题「正常」']);
    });

    it('says what is wrong with each of the others', () => {
      expect(result.errors).toEqual([
        { item: '第1题「无答案」', message: expect.stringContaining('没有正确答案') },
        { item: '第2题「两个等号」', message: expect.stringContaining('单选题只能有一个') },
        { item: '第3题「只有一个选项」', message: '选择题至少需要两个选项' },
        { item: '第4题「没关括号」', message: expect.stringContaining('大括号不成对') },
        { item: '第5题「空题干」', message: '题干为空' },
      ]);
    });
  });

  it('returns nothing for an empty file', () => {
    expect(parseGift('\n// 只有注释\n')).toEqual({ questions: [], skipped: [], errors: [] });
  });
});
