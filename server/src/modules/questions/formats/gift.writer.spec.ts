import { FraudType, JUDGE_OPTIONS, QuestionType, type QuestionDraft } from '@campus/shared';
import { parseGift } from './gift.parser';
import { escapeGift, writeGift } from './gift.writer';

const OPTION_TEXTS = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛'];

const DRAFTS: QuestionDraft[] = [
  {
    type: QuestionType.Single,
    stem: '短信：“您的ETC已失效，请登录 <etc-renew.cn> 认证”，其中 a=b、价格~100元、#1 号{通知}：是真的吗？\\n 不是换行',
    options: [
      { key: 'A', text: '点开链接：按提示填写银行卡号 & 验证码' },
      { key: 'B', text: '不点链接，在“ETC服务”官方App或拨打发卡银行客服电话核实' },
      { key: 'C', text: '[html]<b>回复短信</b>询问' },
    ],
    answer: ['B'],
    analysis: '第一行：ETC 认证从不发短信链接。\n第二行：<etc-renew.cn> 是仿冒域名；\n\n空一行后的第四行 ####。',
    fraudType: FraudType.FakeCustomerService,
    difficulty: 2,
    tags: ['ETC', '短信链接', 'a]b', 'c\\d'],
    group: 'etc-sms-link',
  },
  {
    type: QuestionType.Multiple,
    stem: '以下哪些是“刷单返利”的常见话术？\n（多选）',
    options: OPTION_TEXTS.map((text, i) => ({ key: String.fromCharCode(65 + i), text: `话术${text}` })),
    answer: ['A', 'C', 'H'],
    analysis: '',
    fraudType: FraudType.OrderBrushing,
    difficulty: 5,
    tags: [],
  },
  {
    type: QuestionType.Judge,
    stem: '“安全账户”是公安机关办案时使用的正规账户：',
    options: JUDGE_OPTIONS.map((option) => ({ ...option })),
    answer: ['F'],
    analysis: '公检法没有“安全账户”。\n接到这样的电话请挂断，拨打 110 或 96110 核实。',
    fraudType: FraudType.ImpersonateAuthority,
    difficulty: 1,
    tags: ['安全账户'],
    group: '安全账户',
  },
  {
    type: QuestionType.Judge,
    stem: '游戏账号交易应通过平台官方渠道进行。',
    options: JUDGE_OPTIONS.map((option) => ({ ...option })),
    answer: ['T'],
    analysis: '',
    fraudType: FraudType.GameTrading,
    difficulty: 3,
    tags: [],
  },
];

describe('writeGift', () => {
  it('writes drafts that read back exactly as they were: texts, line breaks, keys, fraud type, tags, 互斥组', () => {
    const parsed = parseGift(writeGift(DRAFTS, { category: '$course$/top/校园反诈题库' }));
    expect(parsed.errors).toEqual([]);
    expect(parsed.skipped).toEqual([]);
    expect(parsed.questions.map((q) => q.draft)).toEqual(DRAFTS);
  });

  it('reads back without a category too: the fraud type travels as a tag', () => {
    expect(parseGift(writeGift(DRAFTS)).questions.map((q) => q.draft)).toEqual(DRAFTS);
  });

  it('escapes every GIFT control character and the backslash, and writes line breaks as \\n', () => {
    expect(escapeGift('a~b=c#d{e}f:g\\h\ni')).toBe('a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\ni');
    const gift = writeGift([DRAFTS[0] as QuestionDraft]);
    expect(gift).toContain('a\\=b、价格\\~100元、\\#1 号\\{通知\\}：是真的吗？\\\\n 不是换行');
    expect(gift).toContain('::[plain]短信：“您的ETC已失效，请登录 <etc-renew.cn> 认证”');
    expect(gift).toContain('\t~[plain][html]<b>回复短信</b>询问');
    // Each question is one block: no blank line inside, whatever its texts hold.
    expect(gift.trim().split(/\n\s*\n/)).toHaveLength(1);
  });

  it('files each fraud type in its own category and writes the fields as tags where Moodle puts them', () => {
    const gift = writeGift(DRAFTS, { category: '$course$/top/校园反诈题库' });
    expect(gift).toMatch(/^\$CATEGORY: \$course\$\/top\/校园反诈题库\/冒充电商物流客服\n/);
    expect(gift).toContain(
      '// [tag:fraudType:fake_customer_service] [tag:difficulty:2] [tag:group:etc-sms-link] [tag:ETC] [tag:短信链接] [tag:a\\]b] [tag:c\\\\d]',
    );
    expect(gift.match(/^\$CATEGORY:/gm)).toHaveLength(4);
  });

  it('gives the right options of a multiple choice equal shares and every wrong one -100, as Moodle scores it', () => {
    const gift = writeGift([DRAFTS[1] as QuestionDraft]);
    expect([...gift.matchAll(/~%(-?[\d.]+)%/g)].map((match) => match[1])).toEqual([
      '33.33333',
      '-100',
      '33.33333',
      '-100',
      '-100',
      '-100',
      '-100',
      '33.33333',
    ]);
  });

  it('keeps a single choice, a true/false and the explanation in Moodle’s own notation', () => {
    const gift = writeGift(DRAFTS.slice(2));
    expect(gift).toContain('\tFALSE\n\t####公检法没有“安全账户”。\\n接到这样的电话');
    expect(gift).toContain('\tTRUE\n}');
    expect(writeGift([DRAFTS[0] as QuestionDraft])).toContain('\t=不点链接');
  });
});
