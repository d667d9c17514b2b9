import { AppConfig } from '../src/config/app-config';
import { TestApp } from './harness';

describe('what the API lets browsers keep and strangers read', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.start({ API_DOCS: 'false' });
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  it('marks every API answer no-store: personal data must not stay in a browser or proxy cache', async () => {
    const answers = [
      await t.request('GET', '/api/users', { token: admin }),
      await t.request('GET', '/api/auth/me', { token: admin }),
      await t.request('GET', '/api/health'),
      await t.request('POST', '/api/auth/login', { body: { username: 'admin', password: 'Xitong-Guanli-26' } }),
      await t.request('GET', '/api/exams/999', { token: admin }),
    ];
    expect(answers.map((res) => [res.status, res.headers['cache-control']])).toEqual([
      [200, 'no-store'],
      [200, 'no-store'],
      [200, 'no-store'],
      [200, 'no-store'],
      [404, 'no-store'],
    ]);
  });

  it('does not serve the API description when API_DOCS is off', async () => {
    for (const url of ['/api/docs', '/api/docs-json']) {
      const res = await t.request('GET', url, { token: admin });
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ statusCode: 404, message: '请求的资源不存在', requestId: expect.any(String) });
    }
  });

  it('keeps API_DOCS off by default in production and on elsewhere, unless set', () => {
    expect(new AppConfig({ NODE_ENV: 'production' }).apiDocs).toBe(false);
    expect(new AppConfig({ NODE_ENV: 'production', API_DOCS: 'true' }).apiDocs).toBe(true);
    expect(new AppConfig({ NODE_ENV: 'development' }).apiDocs).toBe(true);
    expect(new AppConfig({}).apiDocs).toBe(true);
    expect(() => new AppConfig({ API_DOCS: 'maybe' })).toThrow('API_DOCS');
  });
});
