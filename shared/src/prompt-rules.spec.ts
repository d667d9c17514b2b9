import { COMPOSITE_SOURCE_LABEL } from './api/prompts';
import { FraudType } from './fraud-types';
import {
  PROMPT_TALK_CHARS,
  resolveSourceKind,
  spokenLength,
  expiryForLastDay,
  isCalendarDate,
  lastDayBeforeExpiry,
  promptProblems,
  schoolDayOf,
  schoolWeekStart,
  toSchoolIso,
} from './prompt-rules';

describe('school time (UTC+8)', () => {
  it('starts the week on Monday 00:00 China time, even late on Sunday evening UTC', () => {
    // 2026-03-08 is a Sunday; 17:00 UTC on it is already Monday 01:00 in China.
    expect(toSchoolIso(schoolWeekStart(new Date('2026-03-08T17:00:00Z')))).toBe('2026-03-09T00:00:00.000+08:00');
    expect(toSchoolIso(schoolWeekStart(new Date('2026-03-08T15:59:59Z')))).toBe('2026-03-02T00:00:00.000+08:00');
    expect(toSchoolIso(schoolWeekStart(new Date('2026-03-02T00:00:00+08:00')))).toBe('2026-03-02T00:00:00.000+08:00');
  });

  it('lets a prompt be given all of its last day', () => {
    const expiry = expiryForLastDay('2026-06-30');
    expect(toSchoolIso(expiry)).toBe('2026-07-01T00:00:00.000+08:00');
    expect(lastDayBeforeExpiry(expiry)).toBe('2026-06-30');
    expect(schoolDayOf(new Date('2026-06-30T16:30:00Z'))).toBe('2026-07-01');
  });

  it('knows real calendar dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2025-3-1')).toBe(false);
  });
});

describe('promptProblems', () => {
  const valid = {
    title: '冒充客服退款',
    story: '案例',
    warningSigns: ['主动联系退款'],
    actions: ['挂断电话'],
    takeaway: '官方客服不会让你转账。',
    fraudType: FraudType.FakeCustomerService,
  };

  it('accepts a complete prompt', () => {
    expect(promptProblems(valid)).toEqual([]);
  });

  it('names each field that is wrong, in Chinese', () => {
    expect(
      promptProblems({
        ...valid,
        takeaway: '',
        actions: [],
        sourceKind: 'bulletin',
        sourceIssuer: '某市公安局',
        source: '关于防范冒充客服诈骗的预警',
        sourceDate: '2025-13-01',
        fraudType: 'x' as FraudType,
      }),
    ).toEqual([
      { field: 'actions', message: '应对做法至少写一条' },
      { field: 'takeaway', message: '一句话提醒不能为空' },
      { field: 'fraudType', message: '诈骗类型无效' },
      { field: 'sourceDate', message: '来源日期应为 YYYY-MM-DD 格式的有效日期' },
    ]);
  });

  it('accepts 讲解要点 and a 互动提问 with its answer, and wants both halves of the question', () => {
    const discussion = { question: '客服让你开屏幕共享，你怎么办？', answer: '挂断，从官方 App 自己查。' };
    expect(promptProblems({ ...valid, teachingPoints: ['强调：官方不会主动退款'], discussion })).toEqual([]);
    expect(promptProblems({ ...valid, discussion: { question: discussion.question, answer: ' ' } })).toEqual([
      { field: 'discussion.answer', message: '互动提问需要一个参考答案' },
    ]);
    expect(promptProblems({ ...valid, discussion: { question: '', answer: discussion.answer } })).toEqual([
      { field: 'discussion.question', message: '写了参考答案，也请写出互动提问' },
    ]);
    expect(promptProblems({ ...valid, teachingPoints: ['要点', ' '] })).toEqual([
      { field: 'teachingPoints', message: '讲解要点不能有空行' },
    ]);
  });
});

describe('prompt sources', () => {
  const base = {
    title: '冒充客服退款',
    story: '案例',
    warningSigns: ['主动联系退款'],
    actions: ['挂断电话'],
    takeaway: '官方客服不会让你转账。',
    fraudType: FraudType.FakeCustomerService,
  };
  const bulletin = {
    sourceKind: 'bulletin' as const,
    sourceIssuer: '某市公安局',
    source: '关于防范冒充客服诈骗的预警',
    sourceDate: '2025-03-14',
  };

  it('takes a composite case with the fixed label, or with no source at all, and no date', () => {
    expect(promptProblems({ ...base, sourceKind: 'composite', source: COMPOSITE_SOURCE_LABEL })).toEqual([]);
    expect(promptProblems({ ...base })).toEqual([]);
    expect(resolveSourceKind({})).toBe('composite');
    expect(resolveSourceKind({ source: COMPOSITE_SOURCE_LABEL })).toBe('composite');
  });

  it('refuses a composite case that carries a date, an issuer or another source line', () => {
    expect(
      promptProblems({
        ...base,
        sourceKind: 'composite',
        source: '根据公安机关公开通报改编',
        sourceDate: '2025-03-14',
      }),
    ).toEqual([
      {
        field: 'source',
        message: `综合编写的案例来源固定为「${COMPOSITE_SOURCE_LABEL}」；引用公开通报请选择来源类型「公开通报」`,
      },
      { field: 'sourceDate', message: '综合编写的案例没有来源日期' },
    ]);
    expect(promptProblems({ ...base, sourceKind: 'composite', sourceIssuer: '公安部' })).toEqual([
      { field: 'sourceIssuer', message: '综合编写的案例没有发布机关' },
    ]);
  });

  it('wants a bulletin named by issuer, title and a real date that has already come', () => {
    expect(promptProblems({ ...base, ...bulletin })).toEqual([]);
    expect(promptProblems({ ...base, sourceKind: 'bulletin' })).toEqual([
      { field: 'sourceIssuer', message: '引用公开通报须写明发布机关' },
      { field: 'source', message: '引用公开通报须写明通报标题' },
      { field: 'sourceDate', message: '引用公开通报须写明发布日期' },
    ]);
    expect(promptProblems({ ...base, ...bulletin, sourceDate: '2999-01-01' })).toEqual([
      { field: 'sourceDate', message: '通报的发布日期不能晚于今天' },
    ]);
  });

  it('reads a body without a source kind as a bulletin claim once it names a date or another source', () => {
    // The shape older clients post: an unnamed "bulletin" with a date is not accepted as a citation.
    const legacy = { ...base, source: '根据公安机关公开通报案例改编', sourceDate: '2025-03-14' };
    expect(resolveSourceKind(legacy)).toBe('bulletin');
    expect(promptProblems(legacy)).toEqual([{ field: 'sourceIssuer', message: '引用公开通报须写明发布机关' }]);
    expect(promptProblems({ ...base, ...bulletin, sourceKind: 'rumour' as 'bulletin' })).toEqual([
      { field: 'sourceKind', message: '来源类型应为「公开通报」或「综合编写」' },
    ]);
  });
});

describe('spokenLength', () => {
  it('counts every part the teacher says, 讲解要点 and 互动提问 included, without whitespace', () => {
    const talk = {
      story: '一二三 四',
      warningSigns: ['五六'],
      actions: ['七'],
      takeaway: '八',
      teachingPoints: ['九十'],
      discussion: { question: '问？', answer: '答。' },
    };
    expect(spokenLength(talk)).toBe(14);
    expect(spokenLength({ ...talk, teachingPoints: undefined, discussion: null })).toBe(8);
    expect(PROMPT_TALK_CHARS).toEqual({ min: 650, max: 800 });
  });
});
