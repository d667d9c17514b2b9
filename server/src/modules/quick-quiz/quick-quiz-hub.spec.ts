import { QuestionType, type QuickQuizStudentDto } from '@campus/shared';
import type { Clock } from '../../common/clock/clock';
import type { CacheBus } from '../../common/cluster/cache-bus';
import type { Sql } from '../../database/sql';
import { PHONE_WRITE_SLICE_MS, QuickQuizHub, type Viewer } from './quick-quiz-hub';
import type { QuickQuizService } from './quick-quiz.service';
import type { RoundState } from './round-state';

const CLOSES_AT = new Date('2026-09-07T08:00:30Z');
const AFTER_CLOSE = new Date('2026-09-07T08:00:31Z');

function round(id: number): RoundState {
  return {
    id,
    promptId: 1,
    promptTitle: '刷单返利',
    questionId: 7,
    classId: id,
    className: `班级${id}`,
    collegeId: 1,
    teacherId: 2,
    teacherName: '王老师',
    joinCode: '123456',
    classSize: 50,
    startedAt: new Date('2026-09-07T08:00:00Z'),
    closesAt: CLOSES_AT,
    type: QuestionType.Single,
    stem: '网上兼职刷单，先垫付后返利，可信吗？',
    options: [
      { key: 'A', text: '可信' },
      { key: 'B', text: '不可信，是诈骗' },
    ],
    answer: ['B'],
    analysis: '所有刷单都是诈骗。',
  };
}

/** A hub over rounds that have all closed, whose phones (userId = seat) answered A, B or nothing. */
function closedHub(rounds: number[], answerOf: (userId: number) => string | null, ticks = { count: 0 }) {
  const quiz = {
    closingTimes: (ids: number[]) => {
      ticks.count += 1;
      return Promise.resolve(new Map(ids.map((id) => [id, CLOSES_AT])));
    },
    tallies: (ids: number[]) => Promise.resolve(new Map(ids.map((id) => [id, new Map<string | null, number>()]))),
    refreshClosing: () => undefined,
    state: (id: number) => Promise.resolve(round(id)),
  } as unknown as QuickQuizService;
  const sql = {
    // The hub's one read of its own: every phone's stored answer of the closing rounds.
    query: (_sql: string, ids: number[]) =>
      Promise.resolve(
        ids.flatMap((roundId) =>
          Array.from({ length: 50 }, (_, userId) => ({ roundId, userId, answer: answerOf(userId) })),
        ),
      ),
  } as unknown as Sql;
  const clock = { date: () => AFTER_CLOSE } as unknown as Clock;
  const bus = { on: () => undefined } as unknown as CacheBus;
  const hub = new QuickQuizHub(quiz, sql, clock, bus);
  hubs.push(hub);
  return hub;
}

/** Every hub a test made: stopped after it, whatever it asserted (a subscribed hub runs a timer). */
const hubs: QuickQuizHub[] = [];
afterEach(() => hubs.splice(0).forEach((hub) => hub.onModuleDestroy()));

function phone(roundId: number, userId: number, cost: () => void, heard: string[]): Viewer {
  return {
    roundId,
    kind: 'student',
    userId,
    phase: 'open',
    send: (_event, json) => {
      cost();
      heard.push(json);
    },
  };
}

describe('QuickQuizHub at the close of many rounds', () => {
  it('gives every phone its own result once, the same text for the same answer', async () => {
    const hub = closedHub([1, 2], (userId) => (userId % 3 === 0 ? null : userId % 3 === 1 ? 'A' : 'B'));
    const heard = new Map<string, string[]>();
    const unsubscribe: Array<() => void> = [];
    for (const roundId of [1, 2])
      for (let userId = 0; userId < 50; userId++) {
        const mine: string[] = [];
        heard.set(`${roundId}:${userId}`, mine);
        unsubscribe.push(hub.subscribe(phone(roundId, userId, () => undefined, mine)));
      }
    await hub.tick();
    await hub.tick(); // told once: a second tick has nothing new for a phone
    for (const [key, events] of heard) {
      expect(events).toHaveLength(1);
      const view = JSON.parse(events[0]!) as QuickQuizStudentDto;
      const userId = Number(key.split(':')[1]);
      expect(view.id).toBe(Number(key.split(':')[0]));
      expect(view.phase).toBe('closed');
      expect(view.myAnswer).toEqual(userId % 3 === 0 ? null : [userId % 3 === 1 ? 'A' : 'B']);
      expect(view.reveal?.correct).toBe(userId % 3 === 0 ? null : userId % 3 === 2);
    }
    unsubscribe.forEach((u) => u());
  });

  it('lets other work in between slices while it writes to many phones', async () => {
    const hub = closedHub([1], () => 'B');
    const heard: string[] = [];
    // Each write takes a millisecond of the loop, so 50 phones take longer than two slices.
    const busy = () => {
      const until = performance.now() + 1;
      while (performance.now() < until);
    };
    const stop: Array<() => void> = [];
    for (let userId = 0; userId < 50; userId++) stop.push(hub.subscribe(phone(1, userId, busy, heard)));

    // Work that arrived before the tick (a save, say) runs as soon as the tick lets go of the loop.
    let writtenWhenOtherWorkRan = -1;
    setTimeout(() => (writtenWhenOtherWorkRan = heard.length), 0);
    await hub.tick();

    expect(heard).toHaveLength(50);
    expect(writtenWhenOtherWorkRan).toBeGreaterThan(0);
    expect(writtenWhenOtherWorkRan).toBeLessThanOrEqual(PHONE_WRITE_SLICE_MS + 1);
    stop.forEach((s) => s());
  });

  it('runs again right after a tick that was woken while it wrote (a close heard from another instance)', async () => {
    const ticks = { count: 0 };
    const hub = closedHub([1], () => 'B', ticks);
    const busy = () => {
      const until = performance.now() + 1;
      while (performance.now() < until);
    };
    const heard: string[] = [];
    for (let userId = 0; userId < 50; userId++) hub.subscribe(phone(1, userId, busy, heard));

    const first = hub.tick();
    // Woken while the first tick pauses between slices: it must not be lost.
    await new Promise((resolve) => setTimeout(resolve, PHONE_WRITE_SLICE_MS + 5));
    hub.wake();
    await first;
    // The tick it owes starts in the next turn, not at the next second's interval.
    await new Promise((resolve) => setImmediate(resolve));
    expect(ticks.count).toBe(2);
  });
});
