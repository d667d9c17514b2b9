import { FraudType, JUDGE_OPTIONS, QuestionType, type QuestionDraft } from '@campus/shared';
import { XMLValidator } from 'fast-xml-parser';
import { parseMoodleXml } from './moodle-xml.parser';
import { writeMoodleXml } from './moodle-xml.writer';

const DRAFTS: QuestionDraft[] = [
  {
    type: QuestionType.Single,
    stem: '“客服”说订单异常要退款，并发来链接 <退款中心> & 要求填写验证码，你应该：',
    options: [
      { key: 'A', text: '点开链接填写' },
      { key: 'B', text: '挂断，在购物 App 内联系官方客服' },
    ],
    answer: ['B'],
    analysis: '退款不需要验证码；\n链接里的 "退款中心" <tuikuan-center.cn> 是钓鱼网站。',
    fraudType: FraudType.FakeCustomerService,
    difficulty: 2,
    tags: ['退款', '验证码'],
  },
  {
    type: QuestionType.Multiple,
    stem: '以下哪些说法正确？',
    options: [
      { key: 'A', text: '陌生人推荐的“内部渠道”不可信' },
      { key: 'B', text: '“安全账户”真实存在' },
      { key: 'C', text: '遇到可疑情况拨打 96110' },
      { key: 'D', text: '网贷“先交保证金”是骗局' },
    ],
    answer: ['A', 'C', 'D'],
    analysis: '',
    fraudType: FraudType.Other,
    difficulty: 5,
    tags: [],
  },
  {
    type: QuestionType.Judge,
    stem: '游戏装备交易应通过平台官方渠道进行。',
    options: JUDGE_OPTIONS.map((option) => ({ ...option })),
    answer: ['T'],
    analysis: '私下交易容易被骗。',
    fraudType: FraudType.GameTrading,
    difficulty: 1,
    tags: ['游戏'],
  },
  {
    type: QuestionType.Judge,
    stem: '网恋对象推荐的博彩网站可以放心充值。',
    options: JUDGE_OPTIONS.map((option) => ({ ...option })),
    answer: ['F'],
    analysis: '',
    fraudType: FraudType.OnlineRomance,
    difficulty: 3,
    tags: [],
  },
];

describe('writeMoodleXml', () => {
  it('writes drafts that read back exactly as they were', () => {
    const parsed = parseMoodleXml(writeMoodleXml(DRAFTS, { category: '$course$/top/反诈题库' }));
    expect(parsed.errors).toEqual([]);
    expect(parsed.skipped).toEqual([]);
    expect(parsed.questions.map((q) => q.draft)).toEqual(DRAFTS);
  });

  it('writes well-formed XML with the category first, as Moodle imports it', () => {
    const xml = writeMoodleXml(DRAFTS, { category: '$course$/top/反诈 & 安全' });
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<quiz>\n {2}<question type="category">/);
    expect(xml).toContain('<category><text>$course$/top/反诈 &amp; 安全/');
  });

  it('leaves the category out unless asked', () => {
    expect(writeMoodleXml(DRAFTS)).not.toContain('type="category"');
  });

  it('shares 100 among the correct answers of a multiple choice and gives each wrong one -100', () => {
    const xml = writeMoodleXml([DRAFTS[1] as QuestionDraft]);
    expect(xml).toContain('<single>false</single>');
    expect([...xml.matchAll(/<answer fraction="([^"]+)"/g)].map((match) => match[1])).toEqual([
      '33.33333',
      '-100',
      '33.33333',
      '33.33333',
    ]);
  });

  it('writes fraud type, difficulty and tags as Moodle tags', () => {
    const xml = writeMoodleXml([DRAFTS[0] as QuestionDraft]);
    expect([...xml.matchAll(/<tag><text>([^<]*)<\/text><\/tag>/g)].map((match) => match[1])).toEqual([
      'fraudType:fake_customer_service',
      'difficulty:2',
      '退款',
      '验证码',
    ]);
  });

  it('writes the 互斥组 as a group: tag and reads it back', () => {
    const grouped = { ...(DRAFTS[0] as QuestionDraft), group: 'refund-code' };
    const xml = writeMoodleXml([grouped]);
    expect(xml).toContain('<tag><text>group:refund-code</text></tag>');
    expect(parseMoodleXml(xml).questions[0]?.draft).toEqual(grouped);
  });

  it('escapes text so that it cannot become markup in Moodle', () => {
    const xml = writeMoodleXml([DRAFTS[0] as QuestionDraft]);
    expect(xml).toContain('链接 &lt;退款中心&gt; &amp; 要求');
    expect(xml).not.toContain('<退款中心>');
  });
});
