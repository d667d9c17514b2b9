import { JUDGE_OPTIONS, QuestionType } from '@campus/shared';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseGift } from './gift.parser';

const MOODLE_FIXTURES = path.resolve(__dirname, '../../../../../../shared/fixtures/moodle');

describe('parseGift', () => {
  describe("on Moodle's questions.gift.txt", () => {
    const result = parseGift(readFileSync(path.join(MOODLE_FIXTURES, 'questions.gift.txt'), 'utf8'));

    it('imports the multiple-choice, multiple-response and true/false questions', () => {
      expect(result.questions.map(({ item, draft }) => [item, draft.type])).toEqual([
        ['第3题「Q2」', QuestionType.Single],
        ['第4题「colours」', QuestionType.Multiple],
        ['第7题「Q1」', QuestionType.Judge],
        ['第8题「2-08 TSL」', QuestionType.Judge],
        ['第9题「2-08 TSL」', QuestionType.Judge],
      ]);
      expect(result.errors).toEqual([]);
    });

    it('skips essay, matching, numerical and short answer, saying which type each was', () => {
      expect(result.skipped).toEqual([
        { item: '第1题「Q8」', message: '不支持的题型：问答题（essay），已跳过' },
        { item: '第2题「Moodle activities」', message: '不支持的题型：匹配题（matching），已跳过' },
        { item: '第5题「Q5」', message: '不支持的题型：数值题（numerical），已跳过' },
        { item: '第6题「Shortanswer」', message: '不支持的题型：简答题（short answer），已跳过' },
      ]);
    });

    it('reads a multiple choice with per-answer feedback and a [plain] marker', () => {
      expect(result.questions[0]?.draft).toEqual({
        type: QuestionType.Single,
        stem: "What's between orange and green in the spectrum?",
        options: [
          { key: 'A', text: 'yellow' },
          { key: 'B', text: 'red' },
          { key: 'C', text: 'blue' },
        ],
        answer: ['A'],
        analysis: 'right; good!',
        fraudType: 'other',
        difficulty: 3,
        tags: [],
      });
    });

    it('takes the positively weighted answers as the correct set of a multiple response', () => {
      const draft = result.questions[1]?.draft;
      expect(draft?.options.map((option) => option.text)).toEqual(['yellow', 'red', 'off-beige', 'blue']);
      expect(draft?.answer).toEqual(['A', 'C']);
    });

    it('reads {FALSE} with its general feedback as the analysis', () => {
      expect(result.questions[2]?.draft).toMatchObject({
        stem: '42 is the Absolute Answer to everything.',
        options: JUDGE_OPTIONS,
        answer: ['F'],
        analysis: "This is, of course, a Hitchiker's Guide to the Galaxy reference.",
      });
    });

    it('reads {T} and {TRUE} alike', () => {
      expect(result.questions[3]?.draft).toMatchObject({ stem: 'TSL is blablabla.', answer: ['T'], analysis: '' });
      expect(result.questions[4]?.draft).toEqual(result.questions[3]?.draft);
    });
  });

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

  it('skips missing-word questions and descriptions with a reason', () => {
    const result = parseGift('骗子常说的“{=安全账户 ~工资卡}”并不存在。\n\n这是一段说明文字，没有答案。');
    expect(result.questions).toEqual([]);
    expect(result.skipped).toEqual([
      { item: '第1题', message: '不支持的题型：填空题（missing word，答案块后还有题文），已跳过' },
      { item: '第2题', message: '不支持的题型：说明文字（description，没有答案块），已跳过' },
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
