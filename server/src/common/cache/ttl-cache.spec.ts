import { TtlCache, TtlValue, type TimeSource } from './ttl-cache';

class ManualClock implements TimeSource {
  constructor(private time = 1_000_000) {}
  now(): number {
    return this.time;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

describe('TtlCache', () => {
  it('runs one load per key for every caller that misses while it runs', async () => {
    const cache = new TtlCache<number, string>({ ttlMs: 1_000, clock: new ManualClock() });
    const loads: number[] = [];
    const load = (key: number) => async (): Promise<string> => {
      loads.push(key);
      await Promise.resolve();
      return `exam ${key}`;
    };
    const answers = await Promise.all([
      cache.getOrLoad(1, load(1)),
      cache.getOrLoad(1, load(1)),
      cache.getOrLoad(2, load(2)),
      cache.getOrLoad(1, load(1)),
    ]);
    expect(answers).toEqual(['exam 1', 'exam 1', 'exam 2', 'exam 1']);
    expect(loads).toEqual([1, 2]);
    expect(cache.getOrLoad(1, load(1))).toBe('exam 1');
  });

  it('does not keep a load that a delete overtook, and lets a failed load be tried again', async () => {
    const cache = new TtlCache<number, string>({ ttlMs: 1_000, clock: new ManualClock() });
    let release: (v: string) => void = () => undefined;
    const stale = cache.getOrLoad(7, () => new Promise<string>((resolve) => (release = resolve)));
    cache.delete(7);
    const fresh = cache.getOrLoad(7, () => Promise.resolve('new'));
    release('old');
    expect(await stale).toBe('old');
    expect(await fresh).toBe('new');
    expect(cache.get(7)).toBe('new');

    await expect(cache.getOrLoad(8, () => Promise.reject(new Error('database away')))).rejects.toThrow('database away');
    expect(await cache.getOrLoad(8, () => Promise.resolve('back'))).toBe('back');
  });

  it('returns a value until its time is up, then misses', () => {
    const clock = new ManualClock();
    const cache = new TtlCache<string, number>({ ttlMs: 1_000, clock });
    cache.set('a', 1);
    clock.advance(999);
    expect(cache.get('a')).toBe(1);
    clock.advance(1);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('restarts the time when a key is written again', () => {
    const clock = new ManualClock();
    const cache = new TtlCache<string, number>({ ttlMs: 1_000, clock });
    cache.set('a', 1);
    clock.advance(800);
    cache.set('a', 2);
    clock.advance(800);
    expect(cache.get('a')).toBe(2);
  });

  it('keeps a cached null apart from a miss', () => {
    const cache = new TtlCache<number, string | null>({ ttlMs: 1_000, clock: new ManualClock() });
    cache.set(7, null);
    expect(cache.get(7)).toBeNull();
    expect(cache.get(8)).toBeUndefined();
  });

  it('drops everything when a write finds it full', () => {
    const cache = new TtlCache<number, number>({ ttlMs: 1_000, maxEntries: 2, clock: new ManualClock() });
    cache.set(1, 1);
    cache.set(2, 2);
    cache.set(3, 3);
    expect(cache.size).toBe(1);
    expect(cache.get(1)).toBeUndefined();
    expect(cache.get(3)).toBe(3);
  });

  it('forgets one key on delete and all on clear', () => {
    const cache = new TtlCache<number, number>({ ttlMs: 1_000, clock: new ManualClock() });
    cache.set(1, 1);
    cache.set(2, 2);
    cache.delete(1);
    expect(cache.get(1)).toBeUndefined();
    expect(cache.get(2)).toBe(2);
    cache.clear();
    expect(cache.get(2)).toBeUndefined();
  });
});

describe('TtlValue', () => {
  it('holds one value for the TTL and forgets it on clear', () => {
    const clock = new ManualClock();
    const value = new TtlValue<string[]>({ ttlMs: 500, clock });
    expect(value.get()).toBeUndefined();
    value.set(['x']);
    clock.advance(499);
    expect(value.get()).toEqual(['x']);
    value.clear();
    expect(value.get()).toBeUndefined();
    value.set(['y']);
    clock.advance(500);
    expect(value.get()).toBeUndefined();
  });
});

describe('TtlValue.getOrLoad', () => {
  it('runs one load for every caller that asks while it runs, then answers from memory', async () => {
    const value = new TtlValue<number>({ ttlMs: 1_000, clock: new ManualClock() });
    let loads = 0;
    const load = async (): Promise<number> => {
      loads += 1;
      await Promise.resolve();
      return 42;
    };
    const answers = await Promise.all([value.getOrLoad(load), value.getOrLoad(load), value.getOrLoad(load)]);
    expect(answers).toEqual([42, 42, 42]);
    expect(value.getOrLoad(load)).toBe(42);
    expect(loads).toBe(1);
  });

  it('loads again once the value has expired', async () => {
    const clock = new ManualClock();
    const value = new TtlValue<number>({ ttlMs: 1_000, clock });
    let next = 1;
    const load = (): Promise<number> => Promise.resolve(next++);
    expect(await value.getOrLoad(load)).toBe(1);
    clock.advance(1_000);
    expect(await value.getOrLoad(load)).toBe(2);
  });

  it('gives a load that a clear overtook to its callers but does not keep it', async () => {
    const value = new TtlValue<string>({ ttlMs: 1_000, clock: new ManualClock() });
    let release: (v: string) => void = () => undefined;
    const stale = value.getOrLoad(() => new Promise<string>((resolve) => (release = resolve)));
    value.clear();
    const fresh = value.getOrLoad(() => Promise.resolve('new'));
    release('old');
    expect(await stale).toBe('old');
    expect(await fresh).toBe('new');
    expect(value.get()).toBe('new');
  });
});
