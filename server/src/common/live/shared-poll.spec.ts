import { SharedPoll } from './shared-poll';

describe('SharedPoll', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const settle = async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };

  it('loads once per interval for any number of subscribers, and stops when the last one leaves', async () => {
    let loads = 0;
    const poll = new SharedPoll(async (key: number) => ({ key, n: ++loads }), { intervalMs: 1000, keyOf: String });
    const seen: number[][] = [[], [], []];
    const stops = seen.map((values) => poll.subscribe(7, { value: (v) => values.push(v.n) }));
    await settle();
    expect(loads).toBe(1);
    for (let i = 0; i < 3; i++) {
      jest.advanceTimersByTime(1000);
      await settle();
    }
    expect(loads).toBe(4);
    for (const values of seen) expect(values).toEqual([1, 2, 3, 4]);
    for (const stop of stops) stop();
    jest.advanceTimersByTime(5000);
    await settle();
    expect(loads).toBe(4);
    expect(poll.watchers(7)).toBe(0);
  });

  it('gives a newcomer the fresh value without a load, and answers get() from it', async () => {
    let loads = 0;
    const poll = new SharedPoll(async () => ++loads, { intervalMs: 1000, keyOf: String });
    poll.subscribe(1, { value: () => undefined });
    await settle();
    const late: number[] = [];
    poll.subscribe(1, { value: (v) => late.push(v) });
    expect(late).toEqual([1]);
    await expect(poll.get(1)).resolves.toBe(1);
    expect(loads).toBe(1);
  });

  it('keeps keys apart and tells subscribers of a failed load', async () => {
    const poll = new SharedPoll(
      async (key: number) => {
        if (key === 2) throw new Error('down');
        return key;
      },
      { intervalMs: 1000, keyOf: String },
    );
    const errors: unknown[] = [];
    const values: number[] = [];
    poll.subscribe(1, { value: (v) => values.push(v) });
    poll.subscribe(2, { value: (v) => values.push(v), error: (e) => errors.push(e) });
    await settle();
    expect(values).toEqual([1]);
    expect(errors).toHaveLength(1);
    await expect(poll.get(2)).rejects.toThrow('down');
    poll.stop();
  });
});
