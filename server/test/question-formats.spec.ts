import { FraudType, QuestionType, type Page, type QuestionDto, type QuestionImportResult } from '@campus/shared';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAiken } from '../src/modules/questions/formats/aiken.parser';
import { parseGift } from '../src/modules/questions/formats/gift.parser';
import { parseMoodleXml } from '../src/modules/questions/formats/moodle-xml.parser';
import { TestApp } from './harness';

/** Our own samples of the three text formats (test/fixtures/formats, see docs/question-formats.md). */
const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures/formats', name));

describe('our GIFT, Aiken and Moodle XML samples', () => {
  describe('GIFT', () => {
    const result = parseGift(fixture('anti-fraud.gift.txt').toString('utf8'));
    const byName = (name: string) => result.questions.find((q) => q.item.includes(`「${name}」`))?.draft;

    it('imports choice, multiple response, missing word and true/false; skips the rest with reasons', () => {
      expect(result.errors).toEqual([]);
      expect(result.questions.map((q) => [q.item, q.draft.type])).toEqual([
        ['第1题「ETC短信」', QuestionType.Single],
        ['第2题「退款」', QuestionType.Single],
        ['第3题「刷单特征」', QuestionType.Multiple],
        ['第4题「唯一正确」', QuestionType.Single],
        ['第5题「填空」', QuestionType.Single],
        ['第6题「判断一」', QuestionType.Judge],
        ['第7题「判断二」', QuestionType.Judge],
        ['第8题「转义」', QuestionType.Judge],
      ]);
      expect(result.skipped.map((s) => s.message)).toEqual([
        '不支持的题型：问答题（essay），已跳过',
        '不支持的题型：匹配题（matching），已跳过',
        '不支持的题型：数值题（numerical），已跳过',
        '不支持的题型：简答题（short answer），已跳过',
      ]);
    });

    it('keeps a link in angle brackets in plain text, and decodes it once in [html]', () => {
      expect(byName('ETC短信')?.stem).toBe('收到短信“【ETC】您的ETC已失效，请点击 <etc-renew.cn> 重新认证”，应该：');
      expect(byName('退款')?.stem).toBe('自称快递客服说包裹丢失要理赔，发来链接 <kuaidi-pei.cn>，你应该：');
      expect(byName('退款')?.options[0]?.text).toBe('按链接填写银行卡号和验证码');
    });

    it('keeps line breaks of the analysis, from <br> in [html] and from \\n in plain text', () => {
      expect(byName('退款')?.analysis).toBe('理赔无需提供验证码，\n更不需要共享屏幕。');
      expect(byName('刷单特征')?.analysis).toBe(
        '刷单本身违法，所有“刷单返利”都是诈骗。\n先返小利、再诱大额是固定套路。',
      );
    });

    it('reads a multiple response with one right answer as a single choice, and a missing word with its blank', () => {
      expect(byName('唯一正确')).toMatchObject({ type: QuestionType.Single, answer: ['A'] });
      expect(byName('填空')).toMatchObject({
        stem: '骗子常说的＿＿＿根本不存在，公检法不会要求转账。',
        options: [
          { key: 'A', text: '安全账户' },
          { key: 'B', text: '工资卡' },
          { key: 'C', text: '公积金账户' },
        ],
        answer: ['A'],
      });
    });

    it('takes the fraud type from $CATEGORY and tags from [tag:…], in a comment or before the text', () => {
      expect(byName('ETC短信')).toMatchObject({ fraudType: FraudType.FakeCustomerService, tags: ['短信链接', 'ETC'] });
      expect(byName('刷单特征')).toMatchObject({ fraudType: FraudType.OrderBrushing, tags: [] });
      expect(byName('唯一正确')?.tags).toEqual(['热线']);
    });

    it('restores escaped control characters', () => {
      expect(byName('转义')?.stem).toBe('答案块里的等号要写成 = ，大括号要写成 { } ，这句话对吗？');
    });
  });

  describe('Aiken', () => {
    const result = parseAiken(fixture('anti-fraud.aiken.txt').toString('utf8'));

    it('keeps every stem literally: links, markup and entities are what the author typed', () => {
      expect(result.errors).toEqual([]);
      expect(result.questions.map((q) => q.draft.stem)).toEqual([
        '同学转发一条短信：“你的助学金待领取，请登录 <zhuxuejin-ling.cn> 填写银行卡信息”。正确的做法是：',
        '下列文字原样出现在诈骗网页里：<html class="cool">点击领取</html>。它说明：',
        '说明中写着 &lt;b&gt; 的地方，应当：',
      ]);
      expect(result.questions.map((q) => q.draft.answer)).toEqual([['B'], ['A'], ['A']]);
    });
  });

  describe('Moodle XML', () => {
    const result = parseMoodleXml(fixture('anti-fraud.moodle.xml').toString('utf8'));

    it('reads html as HTML (paragraphs as lines, entities once) and plain_text literally', () => {
      expect(result.questions.map((q) => [q.draft.stem, q.draft.analysis])).toEqual([
        [
          '“导师”在群里推荐 <vip-gupiao.cn> 平台，称稳赚不赔。这是：',
          '正规投资不会承诺稳赚不赔。\n陌生平台充值即落入圈套。',
        ],
        ['作者原样写下 &lt;b&gt; 与 <etc-renew.cn>，导入后应当：', '纯文本不解析标签。\n第二行保留。'],
      ]);
    });

    it('takes the fraud type from the category and difficulty and tags from <tags>', () => {
      expect(result.questions[0]?.draft).toMatchObject({
        fraudType: FraudType.Investment,
        difficulty: 2,
        tags: ['荐股'],
      });
    });

    it('reads <single>false</single> with one right answer as a single choice', () => {
      expect(result.questions[1]?.draft).toMatchObject({ type: QuestionType.Single, answer: ['A'] });
    });

    it('reports a true/false without a right answer as an error instead of reading it as 错误', () => {
      expect(result.errors).toEqual([
        { item: '第3题「无答案的判断题」', message: '判断题没有 fraction="100" 的正确答案' },
      ]);
      expect(result.skipped).toEqual([{ item: '第4题「谈谈」', message: '不支持的题型：问答题（essay），已跳过' }]);
    });
  });
});

describe('importing the samples over HTTP', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  const importFile = (file: Buffer, name: string, dryRun = false) =>
    t.upload<QuestionImportResult>(`/api/questions/import?dryRun=${dryRun}`, file, name, admin);

  it('imports the GIFT sample and shows its texts as written', async () => {
    const res = await importFile(fixture('anti-fraud.gift.txt'), 'anti-fraud.gift.txt');
    expect(res.body).toMatchObject({ format: 'gift', imported: 8, errors: [] });
    const bank = await t.request<Page<QuestionDto>>('GET', `/api/questions?q=${encodeURIComponent('etc-renew')}`, {
      token: admin,
    });
    expect(bank.body.items.map((q) => q.stem)).toEqual([
      '收到短信“【ETC】您的ETC已失效，请点击 <etc-renew.cn> 重新认证”，应该：',
    ]);
  });

  it('answers a run of empty comments instead of backtracking on it', async () => {
    // The old detection regex backtracked exponentially: 30 comments blocked it for seconds, 40 would
    // take hours. A linear scan answers at once; the bound only tells a hang from a busy machine.
    const started = performance.now();
    const res = await importFile(Buffer.from('<!---->'.repeat(40) + '<'), 'x.xml');
    expect(res.status).toBe(422);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('answers 422, not 500, for Moodle XML nested thousands deep', async () => {
    const deep = `<?xml version="1.0"?><quiz>${'<a>'.repeat(50_000)}${'</a>'.repeat(50_000)}</quiz>`;
    const res = await importFile(Buffer.from(deep), 'deep.xml');
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body)).toContain('嵌套超过');
  });
});
