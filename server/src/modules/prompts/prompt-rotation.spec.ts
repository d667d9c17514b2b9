import { FraudType } from '@campus/shared';
import { choosePrompt, type HeardRecord, type RotationCandidate } from './prompt-rotation';

const at = (minutesAgo: number) => new Date(Date.parse('2026-03-04T10:00:00+08:00') - minutesAgo * 60_000);
const prompt = (id: number, fraudType: FraudType, extra: Partial<RotationCandidate> = {}): RotationCandidate => ({
  id,
  fraudType,
  expiresAt: null,
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
      reason: '本班尚未听过；上次讲的是刷单返利，本次换一类；全校还没有班级听过这条',
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
    expect(outcome.kind === 'chosen' && outcome.reason).toBe(
      '本班尚未听过；可选的提示只剩「刷单返利」一类；全校还没有班级听过这条',
    );
  });

  it('within a type puts a prompt no class in the school has heard first, then the one given longest ago', () => {
    const a = prompt(20, FraudType.FakeLoan);
    const b = prompt(21, FraudType.FakeLoan);
    const c = prompt(22, FraudType.FakeLoan);
    // Another class heard 20 yesterday and 21 last week; 22 was never given anywhere.
    const schoolLast = new Map([
      [a.id, at(24 * 60)],
      [b.id, at(7 * 24 * 60)],
    ]);
    const fresh = choosePrompt([a, b, c], [], { ...none, schoolLast });
    expect(chosenId(fresh)).toBe(c.id);
    expect(fresh.kind === 'chosen' && fresh.reason).toBe(
      '本班尚未听过；本班第一次课前3分钟，从「虚假贷款」讲起；全校还没有班级听过这条',
    );
    const older = choosePrompt([a, b], [], { ...none, schoolLast });
    expect(chosenId(older)).toBe(b.id);
    expect(older.kind === 'chosen' && older.reason).toBe('本班尚未听过；本班第一次课前3分钟，从「虚假贷款」讲起');
  });

  it('settles equal school-wide history by id, so the same data always gives the same prompt', () => {
    const a = prompt(31, FraudType.FakeLoan);
    const b = prompt(30, FraudType.FakeLoan);
    expect(chosenId(choosePrompt([a, b], [], none))).toBe(b.id);
    const same = new Map([
      [a.id, at(60)],
      [b.id, at(60)],
    ]);
    expect(chosenId(choosePrompt([a, b], [], { ...none, schoolLast: same }))).toBe(b.id);
  });

  it('puts a time-sensitive prompt before it expires first within its type, even if the school has heard it', () => {
    const plain = prompt(23, FraudType.FakeLoan);
    const timely = prompt(24, FraudType.FakeLoan, { expiresAt: new Date('2026-03-10T16:00:00.000Z') });
    const outcome = choosePrompt([plain, timely], [], { ...none, schoolLast: new Map([[timely.id, at(30)]]) });
    expect(chosenId(outcome)).toBe(timely.id);
    expect(outcome.kind === 'chosen' && outcome.reason).toMatch(/时效提示，2026-03-10 后下架，优先讲$/);
  });

  it('follows the curriculum order (公安部 list) when every type is equally new to the class', () => {
    const other = prompt(40, FraudType.Other);
    const game = prompt(41, FraudType.GameTrading);
    const invest = prompt(42, FraudType.Investment);
    expect(chosenId(choosePrompt([other, game, invest], [], none))).toBe(invest.id);
    expect(chosenId(choosePrompt([other, game], [], none))).toBe(game.id);
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
