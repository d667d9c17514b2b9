import type { ApiErrorBody } from '@campus/shared';
import { TestApp } from './harness';

/**
 * Required text must say something. Services trim what they store, so before `@NotBlank` a 补考
 * reason, a title or a name of only spaces passed `@MinLength(1)` and was saved empty.
 */
describe('required text fields', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  const blank = ' \t\u3000 ';
  const cases: Array<{ route: string; method: 'POST' | 'PUT'; field: string; body: Record<string, unknown> }> = [
    {
      method: 'POST',
      route: '/api/exams/1/exceptions',
      field: 'reason',
      body: { usernames: ['2025010101'], extraMinutes: 10, extraAttempts: 0 },
    },
    { method: 'POST', route: '/api/exams/1/attempts/1/reset', field: 'reason', body: {} },
    { method: 'POST', route: '/api/alerts', field: 'title', body: { content: '内容' } },
    { method: 'POST', route: '/api/alerts', field: 'content', body: { title: '标题' } },
    { method: 'POST', route: '/api/users', field: 'name', body: { username: 'T9001', role: 'teacher' } },
    { method: 'POST', route: '/api/notify/channels', field: 'name', body: { platform: 'wecom' } },
    { method: 'POST', route: '/api/report-periods', field: 'title', body: {} },
    { method: 'POST', route: '/api/courses', field: 'title', body: {} },
    { method: 'POST', route: '/api/letters', field: 'title', body: {} },
  ];

  it.each(cases)('$method $route refuses a blank $field by name', async ({ method, route, field, body }) => {
    const res = await t.request<ApiErrorBody>(method, route, { token: admin, body: { ...body, [field]: blank } });
    expect(res.status).toBe(400);
    expect(res.body.errors?.map((e) => e.field)).toContain(field);
    expect(res.body.errors?.find((e) => e.field === field)?.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('still takes text that has something in it', async () => {
    const res = await t.request<ApiErrorBody>('POST', '/api/alerts', {
      token: admin,
      body: { title: '  标题 ', content: blank },
    });
    expect(res.body.errors?.map((e) => e.field)).not.toContain('title');
  });
});
