import { guardPool, type GuardedPool } from './pool-guard';

type Callback = Parameters<GuardedPool['getConnection']>[0];

/** A pool with no free connection: callers wait in its queue until `free()` hands one out. */
function exhaustedPool(queueLimit: number) {
  const queue: Callback[] = [];
  const released: number[] = [];
  let next = 1;
  const pool: GuardedPool = {
    getConnection(callback) {
      if (queue.length >= queueLimit) return callback(new Error('Queue limit reached.'));
      queue.push(callback);
    },
  };
  const free = () => {
    const id = next++;
    queue.shift()?.(null, { release: () => released.push(id) });
  };
  return { pool, free, released };
}

function acquire(pool: GuardedPool): Promise<{ error: (Error & { code?: string }) | null; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => pool.getConnection((error) => resolve({ error, ms: Date.now() - started })));
}

describe('guardPool', () => {
  it('gives up waiting for a connection after the acquire timeout with a code the error filter knows', async () => {
    const { pool } = exhaustedPool(10);
    guardPool(pool, 50);
    const result = await acquire(pool);
    expect(result.error?.code).toBe('POOL_ACQUIRE_TIMEOUT');
    expect(result.ms).toBeGreaterThanOrEqual(45);
    expect(result.ms).toBeLessThan(1000);
  });

  it('returns a connection that arrives after its waiter gave up', async () => {
    const { pool, free, released } = exhaustedPool(10);
    guardPool(pool, 20);
    await acquire(pool);
    free();
    expect(released).toEqual([1]);
  });

  it('hands over a connection that arrives in time', async () => {
    const { pool, free, released } = exhaustedPool(10);
    guardPool(pool, 1000);
    const waiting = acquire(pool);
    free();
    expect((await waiting).error).toBeNull();
    expect(released).toEqual([]);
  });

  it('tags a full queue so it answers 503 rather than 500', async () => {
    const { pool } = exhaustedPool(0);
    guardPool(pool, 1000);
    expect((await acquire(pool)).error?.code).toBe('POOL_QUEUE_FULL');
  });
});
