import { FraudType } from './fraud-types';
import {
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
      promptProblems({ ...valid, takeaway: '', actions: [], sourceDate: '2025-13-01', fraudType: 'x' as FraudType }),
    ).toEqual([
      { field: 'actions', message: '应对做法至少写一条' },
      { field: 'takeaway', message: '一句话提醒不能为空' },
      { field: 'fraudType', message: '诈骗类型无效' },
      { field: 'sourceDate', message: '来源日期应为 YYYY-MM-DD 格式的有效日期' },
    ]);
  });
});
