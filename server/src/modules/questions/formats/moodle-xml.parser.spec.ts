import { FraudType, JUDGE_OPTIONS, QuestionType } from '@campus/shared';
import { exceedsDepth, parseMoodleXml } from './moodle-xml.parser';

/** As Moodle 4 exports a question bank (trimmed to the elements the import reads or must ignore). */
const MOODLE_EXPORT = `<?xml version="1.0" encoding="UTF-8"?>
<quiz>
<!-- question: 0  -->
  <question type="category">
    <category>
      <text>$course$/top/默认</text>
    </category>
  </question>

<!-- question: 101  -->
  <question type="multichoice">
    <name>
      <text>冒充客服</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<p dir="ltr">自称<strong>快递客服</strong>的人说要给你理赔，你应该：</p>]]></text>
    </questiontext>
    <generalfeedback format="html">
      <text><![CDATA[<p>理赔请走官方 App，<em>不要</em>共享屏幕。</p>]]></text>
    </generalfeedback>
    <defaultgrade>1.0000000</defaultgrade>
    <penalty>0.3333333</penalty>
    <hidden>0</hidden>
    <idnumber></idnumber>
    <single>true</single>
    <shuffleanswers>true</shuffleanswers>
    <answernumbering>abc</answernumbering>
    <answer fraction="0" format="html">
      <text><![CDATA[<p>按对方指引开启屏幕共享</p>]]></text>
      <feedback format="html"><text></text></feedback>
    </answer>
    <answer fraction="100" format="html">
      <text><![CDATA[<p>挂断后通过官方渠道核实</p>]]></text>
      <feedback format="html"><text>对</text></feedback>
    </answer>
    <answer fraction="0" format="html">
      <text>告诉对方银行卡验证码</text>
      <feedback format="html"><text></text></feedback>
    </answer>
    <tags>
      <tag><text>fraudType:fake_customer_service</text></tag>
      <tag><text>difficulty:2</text></tag>
      <tag><text>快递</text></tag>
    </tags>
  </question>

<!-- question: 102  -->
  <question type="multichoice">
    <name><text>投资特征</text></name>
    <questiontext format="html"><text>以下哪些是投资理财诈骗的特征？</text></questiontext>
    <generalfeedback format="html"><text></text></generalfeedback>
    <single>false</single>
    <answer fraction="50" format="html"><text>稳赚不赔</text></answer>
    <answer fraction="-100" format="html"><text>持牌机构</text></answer>
    <answer fraction="50" format="html"><text>导师荐股</text></answer>
    <tags><tag><text>FRAUDTYPE:虚假网络投资理财</text></tag></tags>
  </question>

<!-- question: 103  -->
  <question type="truefalse">
    <name><text>安全账户</text></name>
    <questiontext format="moodle_auto_format"><text>公安机关会要求把钱转入“安全账户”。</text></questiontext>
    <generalfeedback format="moodle_auto_format"><text>没有“安全账户”。</text></generalfeedback>
    <answer fraction="0" format="moodle_auto_format"><text>true</text></answer>
    <answer fraction="100" format="moodle_auto_format"><text>false</text></answer>
  </question>

<!-- question: 104  -->
  <question type="essay">
    <name><text>谈谈体会</text></name>
    <questiontext format="html"><text>谈谈你对反诈的体会。</text></questiontext>
  </question>

<!-- question: 105  -->
  <question type="shortanswer">
    <name><text>举报电话</text></name>
    <questiontext format="html"><text>反诈举报电话是？</text></questiontext>
    <answer fraction="100"><text>96110</text></answer>
  </question>
</quiz>
`;

describe('parseMoodleXml', () => {
  const result = parseMoodleXml(MOODLE_EXPORT);

  it('reads a single-answer multichoice with HTML, general feedback and our tags', () => {
    expect(result.questions[0]).toEqual({
      item: '第1题「冒充客服」',
      draft: {
        type: QuestionType.Single,
        stem: '自称快递客服的人说要给你理赔，你应该：',
        options: [
          { key: 'A', text: '按对方指引开启屏幕共享' },
          { key: 'B', text: '挂断后通过官方渠道核实' },
          { key: 'C', text: '告诉对方银行卡验证码' },
        ],
        answer: ['B'],
        analysis: '理赔请走官方 App，不要共享屏幕。',
        fraudType: FraudType.FakeCustomerService,
        difficulty: 2,
        tags: ['快递'],
      },
    });
  });

  it('reads <single>false</single> as multiple choice whose answers with fraction > 0 are correct', () => {
    expect(result.questions[1]?.draft).toEqual({
      type: QuestionType.Multiple,
      stem: '以下哪些是投资理财诈骗的特征？',
      options: [
        { key: 'A', text: '稳赚不赔' },
        { key: 'B', text: '持牌机构' },
        { key: 'C', text: '导师荐股' },
      ],
      answer: ['A', 'C'],
      analysis: '',
      fraudType: FraudType.Investment,
      difficulty: 3,
      tags: [],
    });
  });

  it('reads truefalse as 判断 with the answer whose fraction is 100', () => {
    expect(result.questions[2]).toEqual({
      item: '第3题「安全账户」',
      draft: {
        type: QuestionType.Judge,
        stem: '公安机关会要求把钱转入“安全账户”。',
        options: JUDGE_OPTIONS,
        answer: ['F'],
        analysis: '没有“安全账户”。',
        fraudType: FraudType.Other,
        difficulty: 3,
        tags: [],
      },
    });
  });

  it('skips other types with their names and ignores the category', () => {
    expect(result.questions).toHaveLength(3);
    expect(result.skipped).toEqual([
      { item: '第4题「谈谈体会」', message: '不支持的题型：问答题（essay），已跳过' },
      { item: '第5题「举报电话」', message: '不支持的题型：简答题（shortanswer），已跳过' },
    ]);
    expect(result.errors).toEqual([]);
  });

  it('reports broken questions and keeps the sound ones', () => {
    const question = (name: string, body: string, type = 'multichoice') =>
      `<question type="${type}"><name><text>${name}</text></name>${body}</question>`;
    const stem = '<questiontext><text>题</text></questiontext>';
    const answer = (fraction: number, text: string) => `<answer fraction="${fraction}"><text>${text}</text></answer>`;
    const tag = (text: string) => `<tags><tag><text>${text}</text></tag></tags>`;
    const twoWrong = answer(0, '甲') + answer(0, '乙');
    const { questions, errors } = parseMoodleXml(
      `<quiz>${[
        question('无正确答案', stem + twoWrong),
        question('多选无正确答案', `${stem}<single>false</single>${twoWrong}`),
        question('空题干', `<questiontext><text><![CDATA[<p> </p>]]></text></questiontext>${twoWrong}`),
        question('坏难度', stem + tag('difficulty:9'), 'truefalse'),
        question('坏类型', stem + tag('fraudType:lottery'), 'truefalse'),
        question('一个选项', stem + answer(100, '甲')),
        question('正常', stem + answer(100, 'true') + answer(0, 'false'), 'truefalse'),
      ].join('')}</quiz>`,
    );
    expect(questions.map((q) => [q.item, q.draft.answer])).toEqual([['第7题「正常」', ['T']]]);
    expect(errors).toEqual([
      { item: '第1题「无正确答案」', message: '单选题没有 fraction="100" 的正确答案' },
      { item: '第2题「多选无正确答案」', message: '多选题没有 fraction 大于 0 的正确答案' },
      { item: '第3题「空题干」', message: '题干（<questiontext>）为空' },
      { item: '第4题「坏难度」', message: '标签「difficulty:9」中的难度应为 1–5 的整数' },
      { item: '第5题「坏类型」', message: '标签「fraudType:lottery」中的诈骗类型「lottery」不存在' },
      { item: '第6题「一个选项」', message: '选择题至少需要两个 <answer>' },
    ]);
  });

  it('reports malformed XML with its line', () => {
    const { questions, errors } = parseMoodleXml('<quiz>\n<question type="truefalse">\n</quiz>');
    expect(questions).toEqual([]);
    expect(errors).toEqual([{ item: '文件', message: expect.stringMatching(/^XML 格式错误（第 \d+ 行）/) }]);
  });

  it('refuses a document that is not a <quiz>', () => {
    expect(parseMoodleXml('<html><body/></html>').errors).toEqual([
      { item: '文件', message: '不是 Moodle XML：根元素应为 <quiz>' },
    ]);
  });

  it('refuses entity declarations instead of expanding them', () => {
    const bomb = '<?xml version="1.0"?><!DOCTYPE quiz [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><quiz/>';
    expect(parseMoodleXml(bomb).errors).toEqual([{ item: '文件', message: '不支持带 DOCTYPE 或实体声明的 XML' }]);
  });

  it('returns nothing for an empty quiz', () => {
    expect(parseMoodleXml('<?xml version="1.0"?><quiz></quiz>')).toEqual({ questions: [], skipped: [], errors: [] });
  });
});

describe('parseMoodleXml on hostile input', () => {
  it('refuses elements nested thousands deep with an error, before any parser recurses', () => {
    const deep = `<quiz>${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</quiz>`;
    const started = performance.now();
    const parsed = parseMoodleXml(deep);
    expect(parsed.errors).toEqual([{ item: '文件', message: 'XML 嵌套超过 32 层，不是 Moodle 题目文件' }]);
    // Refused by a count before any parsing: a bound that tells a hang from a busy machine.
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('counts depth past comments, CDATA and quoted ">" without being fooled', () => {
    const xml =
      '<quiz><!-- <a><a><a> --><question type="multichoice" note="a>b"><questiontext><text><![CDATA[<b><b><b>]]></text></questiontext></question></quiz>';
    expect(exceedsDepth(xml, 4)).toBe(false);
    expect(exceedsDepth(xml, 3)).toBe(true);
  });
});
