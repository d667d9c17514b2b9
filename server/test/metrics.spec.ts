import { TestApp } from './harness';

describe('GET /metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ METRICS_TOKEN: 'scrape-token-for-tests-0123456789' });
  });
  afterAll(() => t.close());

  it('gives Prometheus request latency per route pattern, pool, hash queue and admission figures', async () => {
    const token = await t.adminToken();
    expect((await t.request('GET', '/api/colleges', { token })).status).toBe(200);
    const res = await t.request<string>('GET', '/metrics', { remoteAddress: '127.0.0.1' });
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('text/plain');
    const text = res.body;
    expect(text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/api\/colleges",status="2xx"\} 1/);
    expect(text).toMatch(
      /http_request_duration_seconds_count\{method="POST",route="\/api\/auth\/login",status="2xx"\} 1/,
    );
    expect(text).toMatch(/password_hash_queue\{state="waiting"\} 0/);
    expect(text).toMatch(/admission_in_flight\{lane="answer"\} 0/);
    expect(text).toMatch(/nodejs_eventloop_lag_p99_seconds \d/);
  });

  it('counts the database statements each route sends, on MySQL', async () => {
    if (!process.env.DATABASE_URL) return; // SQLite has no connection pool to count on
    const token = await t.adminToken();
    const statements = async () => {
      const text = (await t.request<string>('GET', '/metrics', { remoteAddress: '127.0.0.1' })).body;
      const match = /db_statements_total\{method="GET",route="\/api\/users"\} (\d+)/.exec(text);
      return Number(match?.[1] ?? 0);
    };
    const before = await statements();
    expect((await t.request('GET', '/api/users', { token })).status).toBe(200);
    const one = (await statements()) - before;
    expect(one).toBeGreaterThan(0);
    expect((await t.request('GET', '/api/users', { token })).status).toBe(200);
    expect((await statements()) - before).toBe(2 * one);
  });

  it('is refused to a remote caller without the token, and served with it', async () => {
    const refused = await t.request<{ message: string }>('GET', '/metrics', { remoteAddress: '203.0.113.9' });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('METRICS_TOKEN');
    const forwarded = await t.request('GET', '/metrics', {
      remoteAddress: '203.0.113.9',
      headers: { 'x-forwarded-for': '127.0.0.1' },
    });
    expect(forwarded.status).toBe(403);
    const allowed = await t.request('GET', '/metrics', {
      remoteAddress: '203.0.113.9',
      headers: { authorization: 'Bearer scrape-token-for-tests-0123456789' },
    });
    expect(allowed.status).toBe(200);
  });

  it('keeps liveness apart from readiness', async () => {
    expect((await t.request('GET', '/api/health/live')).body).toEqual({ status: 'ok' });
    expect((await t.request('GET', '/api/health')).body).toMatchObject({ status: 'ok' });
  });
});
