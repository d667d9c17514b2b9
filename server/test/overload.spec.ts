import { ADMIN, TestApp } from './harness';

/**
 * Overload is refused at the door with 503 + Retry-After, never as a 500 or a hang. The limits are
 * tiny here so that two requests are a crowd; pnpm bench:examday shows the same at 10,000 students.
 */
describe('shedding load at the door', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ MAX_IN_FLIGHT: '1' });
  });
  afterAll(() => t.close());

  it('refuses a request past the in-flight limit with 503, Retry-After and a Chinese message', async () => {
    // The login waits for its password hash on the thread pool; the second request arrives meanwhile.
    const [login, other] = await Promise.all([
      t.request('POST', '/api/auth/login', { body: { username: ADMIN.username, password: ADMIN.password } }),
      t.request<{ statusCode: number; message: string }>('GET', '/api/colleges'),
    ]);
    expect(login.status).toBe(200);
    expect(other.status).toBe(503);
    expect(Number(other.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(other.body).toEqual({
      statusCode: 503,
      message: '当前访问人数较多，请稍后重试',
      errors: [],
      requestId: expect.any(String),
    });
  });

  it('frees its places once the answers are sent', async () => {
    const token = await t.adminToken();
    for (let i = 0; i < 5; i++) expect((await t.request('GET', '/api/colleges', { token })).status).toBe(200);
  });

  it('always answers the health check', async () => {
    const [login, health] = await Promise.all([
      t.request('POST', '/api/auth/login', { body: { username: ADMIN.username, password: ADMIN.password } }),
      t.request('GET', '/api/health'),
    ]);
    expect([login.status, health.status]).toEqual([200, 200]);
  });
});
