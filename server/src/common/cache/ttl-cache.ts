/** Where a cache reads the time: the injected Clock in services, a hand-moved one in tests. */
export interface TimeSource {
  now(): number;
}

const systemTime: TimeSource = { now: () => Date.now() };

export interface TtlCacheOptions {
  ttlMs: number;
  /** When a write finds this many entries, all are dropped: a bound on memory, not an LRU. */
  maxEntries?: number;
  clock?: TimeSource;
}

/**
 * Values kept for a fixed time after they were written. Used where a read is hot and a change is
 * also announced on the CacheBus, so the TTL only bounds how stale another instance can be. The
 * value type excludes undefined, which get() returns for a miss; null may be cached (e.g. "no such
 * exam").
 */
export class TtlCache<K, V extends NonNullable<unknown> | null> {
  private readonly entries = new Map<K, { value: V; expires: number }>();
  /** Loads running for getOrLoad, one per key. */
  private readonly loading = new Map<K, Promise<V>>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly clock: TimeSource;

  constructor(options: TtlCacheOptions) {
    this.ttlMs = options.ttlMs;
    this.maxEntries = options.maxEntries ?? Number.POSITIVE_INFINITY;
    this.clock = options.clock ?? systemTime;
  }

  get(key: K): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (hit.expires > this.clock.now()) return hit.value;
    this.entries.delete(key);
    return undefined;
  }

  set(key: K, value: V): void {
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { value, expires: this.clock.now() + this.ttlMs });
  }

  /**
   * The value of `key`, or the result of one load shared by every caller that misses while it runs:
   * when a cached exam expires under 64 concurrent starts, one query runs, not 64. A delete() or
   * clear() while the load runs makes its answer stale: it goes to those callers but is not kept.
   */
  getOrLoad(key: K, load: () => Promise<V>): Promise<V> | V {
    const hit = this.get(key);
    if (hit !== undefined) return hit;
    const running = this.loading.get(key);
    if (running) return running;
    const pending: Promise<V> = load().then(
      (value) => {
        if (this.loading.get(key) === pending) {
          this.loading.delete(key);
          this.set(key, value);
        }
        return value;
      },
      (error: unknown) => {
        if (this.loading.get(key) === pending) this.loading.delete(key);
        throw error;
      },
    );
    this.loading.set(key, pending);
    return pending;
  }

  delete(key: K): void {
    this.entries.delete(key);
    this.loading.delete(key);
  }

  clear(): void {
    this.entries.clear();
    this.loading.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * One cached value (settings, a list of live alerts): a TtlCache with a single slot, which can also
 * load itself once for every caller that asks while the load runs.
 */
export class TtlValue<V extends NonNullable<unknown> | null> {
  private readonly cache: TtlCache<true, V>;
  private loading: Promise<V> | null = null;
  private generation = 0;

  constructor(options: Omit<TtlCacheOptions, 'maxEntries'>) {
    this.cache = new TtlCache(options);
  }

  get(): V | undefined {
    return this.cache.get(true);
  }

  set(value: V): void {
    this.cache.set(true, value);
  }

  /**
   * The value, or the result of one load shared by every caller while it runs. A clear() while the
   * load runs makes its answer stale: it goes to those callers but is not kept.
   */
  getOrLoad(load: () => Promise<V>): Promise<V> | V {
    const hit = this.get();
    if (hit !== undefined) return hit;
    this.loading ??= this.loadOnce(load);
    return this.loading;
  }

  clear(): void {
    this.generation += 1;
    this.cache.clear();
    this.loading = null;
  }

  private async loadOnce(load: () => Promise<V>): Promise<V> {
    const generation = this.generation;
    try {
      const value = await load();
      if (generation === this.generation) this.set(value);
      return value;
    } finally {
      if (generation === this.generation) this.loading = null;
    }
  }
}
