import { TestApp } from './harness';

/** mysql2 alone would let a request wait for a connection for ever; the pool guard bounds it. */
describe('waiting for a database connection (MySQL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ DB_POOL_SIZE: '1', DB_ACQUIRE_TIMEOUT_MS: '200' });
  });
  afterAll(() => t.close());

  it('answers 503 with Retry-After when no connection frees in time, and serves again after', async () => {
    const token = await t.adminToken();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    // Hold the pool's only connection in an open transaction.
    const holding = t.dataSource.transaction(() => held);
    const started = Date.now();
    const res = await t.request('GET', '/api/users?page=1&pageSize=5', { token });
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBeDefined();
    // Without the acquire timeout the request would wait for the held connection, here forever.
    expect(Date.now() - started).toBeLessThan(10_000);
    release();
    await holding;
    expect((await t.request('GET', '/api/users?page=1&pageSize=5', { token })).status).toBe(200);
  });
});
