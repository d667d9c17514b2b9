import { adjustedDeadline, attemptDeadline } from './exam-deadline';

const at = (minute: number) => new Date(Date.UTC(2026, 8, 1, 8, minute));

describe('attempt deadline rule', () => {
  it('is start + duration (+ extra minutes), capped by the closing time', () => {
    expect(attemptDeadline(at(0), 30, 0, at(59))).toEqual(at(30));
    expect(attemptDeadline(at(0), 30, 15, at(59))).toEqual(at(45));
    expect(attemptDeadline(at(40), 30, 15, at(59))).toEqual(at(59));
  });

  it('extending the window lets an attempt capped by the old close run to its full duration', () => {
    expect(adjustedDeadline(at(50), at(40), 30, 0, at(59) /* new close later */)).toEqual(at(59));
    expect(adjustedDeadline(at(50), at(40), 15, 0, new Date(at(0).getTime() + 3600_000 * 2))).toEqual(at(55));
  });

  it('shortening the window never cuts an attempt in progress below what it had', () => {
    expect(adjustedDeadline(at(30), at(0), 30, 0, at(10))).toEqual(at(30));
  });
});
