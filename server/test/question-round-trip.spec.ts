import {
  FraudType,
  QuestionType,
  type Page,
  type QuestionDto,
  type QuestionImportResult,
  type QuestionInput,
} from '@campus/shared';
import { In } from 'typeorm';
import { QuestionVersion } from '../src/modules/questions/question-version.entity';
import { Question } from '../src/modules/questions/question.entity';
import { TestApp } from './harness';

/**
 * Export → import gives the same questions, in every format the bank exports (Excel, Moodle XML,
 * GIFT): stem, options, keys, 解析 with its line breaks, fraud type, difficulty, tags and 互斥组.
 * The exported questions are removed from the bank before the file is imported again, so what comes
 * back is only what the file carried.
 */
describe('question export → import round trip', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  function questions(suffix: string): QuestionInput[] {
    return [
      {
        type: QuestionType.Single,
        stem: `短信称“您的ETC已失效，请登录 <etc-renew.cn> 认证”，其中写着 a=b、~100、#1、{通知}、C:\\路径——应当怎么做？（${suffix}）`,
        options: [
          { key: 'A', text: '点开链接，按提示填写银行卡号 & 验证码' },
          { key: 'B', text: '不点链接，打开官方App或拨打发卡银行客服电话核实' },
          { key: 'C', text: '回复短信：请问{是否}真的需要认证？' },
          { key: 'D', text: '[html]转发给同学问问' },
        ],
        answer: ['B'],
        analysis: `第一行：ETC 认证从不通过短信链接办理。\n第二行：<etc-renew.cn> 是仿冒域名。\n\n空一行后：#号、=号、~号都照原样。`,
        fraudType: FraudType.FakeCustomerService,
        difficulty: 2,
        tags: ['ETC', '短信链接'],
        group: `etc-link-${suffix}`,
      },
      {
        type: QuestionType.Multiple,
        stem: `以下哪些是“刷单返利”骗局里常见的说法？（${suffix}）`,
        options: [
          '先垫付后返现',
          '做满三单才能提现',
          '平台正规，有营业执照',
          '任务卡单需要补单',
          '可以随时退出',
          '佣金当天到账',
          '需要下载指定App',
          '操作失误要交解冻金',
        ].map((text, i) => ({ key: String.fromCharCode(65 + i), text })),
        answer: ['A', 'B', 'D', 'H'],
        analysis: '刷单本身违法；\n“卡单”“补单”“解冻金”都是让你越陷越深的话术。',
        fraudType: FraudType.OrderBrushing,
        difficulty: 4,
        tags: [],
        group: `etc-link-${suffix}`,
      },
      {
        type: QuestionType.Judge,
        stem: `自称民警的人在 QQ 上给你看了“逮捕令”，你应当配合把钱转到“安全账户”。（${suffix}）`,
        options: [
          { key: 'T', text: '正确' },
          { key: 'F', text: '错误' },
        ],
        answer: ['F'],
        analysis: '公安机关不会通过 QQ、微信出示逮捕令，也没有“安全账户”。\n请挂断后拨打 110 核实。',
        fraudType: FraudType.ImpersonateAuthority,
        difficulty: 1,
        tags: ['安全账户'],
      },
      {
        type: QuestionType.Judge,
        stem: `游戏账号交易应通过游戏平台的官方渠道进行。（${suffix}）`,
        options: [
          { key: 'T', text: '正确' },
          { key: 'F', text: '错误' },
        ],
        answer: ['T'],
        analysis: '',
        fraudType: FraudType.GameTrading,
        difficulty: 3,
        tags: [],
        group: `游戏交易-${suffix}`,
      },
    ];
  }

  const shape = (q: QuestionDto) => ({
    type: q.type,
    stem: q.stem,
    options: q.options,
    answer: q.answer,
    analysis: q.analysis,
    fraudType: q.fraudType,
    difficulty: q.difficulty,
    tags: q.tags,
    group: q.group,
  });

  const files = { xlsx: 'export.xlsx', moodle: 'export.xml', gift: 'export-GIFT.txt' } as const;

  it.each(Object.keys(files) as Array<keyof typeof files>)(
    'gives the same questions back through %s',
    async (format) => {
      const created: QuestionDto[] = [];
      for (const input of questions(format)) {
        const res = await t.request<QuestionDto>('POST', '/api/questions', { token: admin, body: input });
        expect(res.status).toBe(201);
        created.push(res.body);
      }
      const ids = created.map((q) => q.id);
      const exported = await t.request('GET', `/api/questions/export?format=${format}&ids=${ids.join(',')}`, {
        token: admin,
      });
      expect(exported.status).toBe(200);

      await t.dataSource.getRepository(QuestionVersion).delete({ questionId: In(ids) });
      await t.dataSource.getRepository(Question).delete({ id: In(ids) });

      const imported = await t.upload<QuestionImportResult>(
        '/api/questions/import',
        exported.raw,
        files[format],
        admin,
      );
      expect(imported.body).toMatchObject({ imported: 4, errors: [], duplicates: [], skipped: [] });
      const back = await t.request<Page<QuestionDto>>(
        'GET',
        `/api/questions?pageSize=50&q=${encodeURIComponent(`（${format}）`)}`,
        {
          token: admin,
        },
      );
      expect(back.body.items.map(shape).sort((a, b) => a.stem.localeCompare(b.stem))).toEqual(
        created.map(shape).sort((a, b) => a.stem.localeCompare(b.stem)),
      );
    },
  );
});
