import { FraudType } from '@campus/shared';
import { choosePrompt, type HeardRecord, type RotationCandidate } from './prompt-rotation';

const at = (minutesAgo: number) => new Date(Date.parse('2026-03-04T10:00:00+08:00') - minutesAgo * 60_000);
const prompt = (id: number, fraudType: FraudType, extra: Partial<RotationCandidate> = {}): RotationCandidate => ({
  id,
  fraudType,
  expiresAt: null,
  sourceDate: null,
  ...extra,
});
const heard = (p: RotationCandidate, minutesAgo: number): HeardRecord => ({
  promptId: p.id,
  fraudType: p.fraudType,
  deliveredAt: at(minutesAgo),
});
const none = { repeat: false, exclude: new Set<number>() };

const brush1 = prompt(1, FraudType.OrderBrushing);
const brush2 = prompt(2, FraudType.OrderBrushing);
const loan = prompt(3, FraudType.FakeLoan);
const romance = prompt(4, FraudType.OnlineRomance);

function chosenId(outcome: ReturnType<typeof choosePrompt>): number | null {
  return outcome.kind === 'chosen' ? outcome.prompt.id : null;
}

describe('choosePrompt', () => {
  it('starts a new class with the most frequent fraud type of 公安部 list', () => {
    expect(chosenId(choosePrompt([loan, romance, brush1], [], none))).toBe(brush1.id);
  });

  it('does not give the same fraud type twice in a row while another type is unheard', () => {
    const outcome = choosePrompt([brush1, brush2, loan], [heard(brush1, 60)], none);
    expect(chosenId(outcome)).toBe(loan.id);
    expect(outcome).toMatchObject({
      reason: '本班尚未听过；上次讲的是刷单返利，本次换一类',
      unheardCount: 2,
      newRound: false,
    });
  });

  it('prefers the type the class has heard least, then the one it heard longest ago', () => {
    const fraud = prompt(5, FraudType.FakeCredit);
    // 刷单返利 twice, 虚假贷款 once long ago, 网络婚恋交友 once just now.
    const history = [
      heard(prompt(10, FraudType.OrderBrushing), 300),
      heard(prompt(11, FraudType.OrderBrushing), 200),
      heard(prompt(12, FraudType.FakeLoan), 400),
      heard(prompt(13, FraudType.OnlineRomance), 10),
    ];
    expect(chosenId(choosePrompt([brush1, loan, romance, fraud], history, none))).toBe(fraud.id);
    expect(chosenId(choosePrompt([brush1, loan, romance], history, none))).toBe(loan.id);
  });

  it('gives the same type again only when nothing else is left, and says so', () => {
    const outcome = choosePrompt([brush1, brush2], [heard(brush1, 30)], none);
    expect(chosenId(outcome)).toBe(brush2.id);
    expect(outcome.kind === 'chosen' && outcome.reason).toBe('本班尚未听过；可选的提示只剩「刷单返利」一类');
  });

  it('puts a time-sensitive prompt before it expires first within its type, then the newest source', () => {
    const old = prompt(20, FraudType.FakeLoan, { sourceDate: '2024-01-01' });
    const recent = prompt(21, FraudType.FakeLoan, { sourceDate: '2025-06-01' });
    const timely = prompt(22, FraudType.FakeLoan, { expiresAt: new Date('2026-03-10T16:00:00.000Z') });
    expect(chosenId(choosePrompt([old, recent], [], none))).toBe(recent.id);
    const outcome = choosePrompt([old, recent, timely], [], none);
    expect(chosenId(outcome)).toBe(timely.id);
    expect(outcome.kind === 'chosen' && outcome.reason).toMatch(/时效提示，2026-03-10 后下架，优先讲$/);
  });

  it('answers exhausted when the class has heard everything, unless a new round is asked for', () => {
    const history = [heard(brush1, 300), heard(loan, 200), heard(romance, 100)];
    expect(choosePrompt([brush1, loan, romance], history, none)).toEqual({ kind: 'exhausted', availableCount: 3 });
    const round = choosePrompt([brush1, loan, romance], history, { repeat: true, exclude: new Set() });
    expect(round).toMatchObject({ kind: 'chosen', newRound: true, unheardCount: 0 });
    expect(chosenId(round)).toBe(brush1.id);
  });

  it('in a new round offers only the prompts heard fewest times, so nothing is heard a third time before all twice', () => {
    const history = [heard(brush1, 500), heard(loan, 400), heard(romance, 300), heard(brush1, 200), heard(loan, 100)];
    expect(chosenId(choosePrompt([brush1, loan, romance], history, { repeat: true, exclude: new Set() }))).toBe(
      romance.id,
    );
  });

  it('skips what the teacher passed over, and ignores that when it would leave nothing', () => {
    expect(chosenId(choosePrompt([brush1, loan], [], { repeat: false, exclude: new Set([brush1.id]) }))).toBe(loan.id);
    expect(chosenId(choosePrompt([brush1, loan], [], { repeat: false, exclude: new Set([brush1.id, loan.id]) }))).toBe(
      brush1.id,
    );
  });

  it('answers empty when nothing can be given at all', () => {
    expect(choosePrompt([], [heard(brush1, 10)], none)).toEqual({ kind: 'empty' });
  });
});
