import * as classTransformer from 'class-transformer';
import type { ApiErrorBody, Page, QuestionDto } from '@campus/shared';
import { TestApp, type TestResponse } from './harness';
import { courseInput } from './factories/course.factory';
import { singleQuestion } from './factories/exam.factory';
import { routeTable } from './route-table';

type ErrorResponse = TestResponse<ApiErrorBody>;

const JSON_HEADERS = { 'content-type': 'application/json' };

function deeplyNested(bytes: number): Buffer {
  const half = Math.floor(bytes / 2);
  return Buffer.from('['.repeat(half) + ']'.repeat(half));
}

function firstField(res: ErrorResponse): string | undefined {
  return res.body.errors?.[0]?.field;
}

/** The body limit, depth limit and shape checks that run before any DTO is transformed. */
describe('hostile request bodies', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  it('refuses a 2 MB deeply nested login body with 413 in Chinese before parsing it, and health still answers', async () => {
    const payload = deeplyNested(2 * 1024 * 1024);
    const parse = jest.spyOn(JSON, 'parse');
    try {
      const answers = await Promise.all(
        Array.from({ length: 4 }, () =>
          t.request<ApiErrorBody>('POST', '/api/auth/login', { payload, headers: JSON_HEADERS }),
        ),
      );
      for (const res of answers) {
        expect(res.status).toBe(413);
        expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
      }
      // Refused by its length while streaming in: nothing ever parsed (or nested into) that body.
      const longest = Math.max(0, ...parse.mock.calls.map(([text]) => String(text).length));
      expect(longest).toBeLessThan(64 * 1024);
    } finally {
      parse.mockRestore();
    }
    const health = await t.request<{ status: string }>('GET', '/api/health');
    expect(health.body.status).toBe('ok');
  });

  it('refuses a login body of a few kilobytes more than two credentials need', async () => {
    const res = await t.request<ApiErrorBody>('POST', '/api/auth/login', {
      body: { username: 'admin', password: 'x'.repeat(5000) },
    });
    expect(res.status).toBe(413);
  });

  it('refuses nesting deeper than 8 levels with 400 on a route that takes large bodies', async () => {
    const res = await t.request<ApiErrorBody>('POST', '/api/alerts', {
      token: admin,
      payload: deeplyNested(200 * 1024),
      headers: JSON_HEADERS,
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('请求体嵌套过深（最多 8 层）');

    const nestedField = await t.request<ApiErrorBody>('POST', '/api/alerts', {
      token: admin,
      body: { title: '标题', content: '内容', level: 'info', audience: { roles: [[[[[[[[['student']]]]]]]]] } },
    });
    expect(nestedField.status).toBe(400);
  });

  it('accepts rich text pasted from Word beyond the default limit, and refuses more than 640 KB', async () => {
    const course = await t.request<{ id: number }>('POST', '/api/courses', {
      token: admin,
      body: courseInput({ title: '长课时课程' }),
    });
    const outline = await t.request<{ chapters: Array<{ id: number }> }>(
      'POST',
      `/api/courses/${course.body.id}/chapters`,
      { token: admin, body: { title: '第一章' } },
    );
    const chapterId = outline.body.chapters[0]!.id;
    // Word's markup around each paragraph; the sanitiser keeps only <p>…</p>.
    // Word wraps what it pastes in conditional comments; the sanitiser keeps only the paragraph.
    const pasted = (commentCharacters: number) =>
      `<!--[if gte mso 9]>${'批注'.repeat(commentCharacters / 2)}<![endif]--><p>遇到陌生来电要求转账，先挂断再核实。</p>`;
    const lesson = (html: string) =>
      t.request<ApiErrorBody>('POST', `/api/chapters/${chapterId}/lessons`, {
        token: admin,
        body: { title: '长文', kind: 'article', html },
      });
    expect(Buffer.byteLength(pasted(190_000))).toBeGreaterThan(500 * 1024);
    expect((await lesson(pasted(190_000))).status).toBe(201);
    expect((await lesson(pasted(240_000))).status).toBe(413);
  });

  it('refuses an unknown field or a body that is not an object before class-transformer runs', async () => {
    const transform = jest.spyOn(classTransformer, 'plainToInstance');
    try {
      const unknown = await t.request<ApiErrorBody>('POST', '/api/auth/login', {
        body: { username: 'admin', password: 'x', role: { nested: [1, 2, 3] } },
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.message).toBe('不支持的字段「role」');
      expect(firstField(unknown)).toBe('role');

      const array = await t.request<ApiErrorBody>('POST', '/api/auth/login', { body: [{ username: 'admin' }] });
      expect(array.status).toBe(400);
      expect(array.body.message).toBe('请求体应为 JSON 对象');
      expect(transform).not.toHaveBeenCalled();
    } finally {
      transform.mockRestore();
    }
  });

  it('refuses prototype keys anywhere in a body', async () => {
    for (const payload of [
      '{"__proto__":{"admin":true},"username":"a","password":"b"}',
      '{"username":"a","password":"b","constructor":{"prototype":{"admin":true}}}',
    ]) {
      const res = await t.request<ApiErrorBody>('POST', '/api/auth/login', {
        payload: Buffer.from(payload),
        headers: JSON_HEADERS,
      });
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/^不支持的字段「(__proto__|constructor)」$/);
    }
  });

  it('refuses numbers a JavaScript number cannot hold exactly, naming the field', async () => {
    for (const classId of ['1e309', '9007199254740993', '-1e400']) {
      const res = await t.request<ApiErrorBody>('POST', '/api/teachers/1/classes', {
        token: admin,
        payload: Buffer.from(`{"classId":${classId}}`),
        headers: JSON_HEADERS,
      });
      expect(res.status).toBe(400);
      expect(firstField(res)).toBe('classId');
    }
  });
});

describe('hostile query and path parameters', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  it('answers page=999999999999999999999 with 400 naming the field on every paged route', async () => {
    const paged: string[] = [];
    const failures: string[] = [];
    for (const route of routeTable(t.app).filter((r) => r.method === 'GET' && !r.path.includes(':'))) {
      const probe = await t.request<ApiErrorBody>('GET', `${route.path}?page=abc`, { token: admin });
      if (probe.body.message !== '「page」必须是整数') continue; // not a paged route
      paged.push(route.path);
      const res = await t.request<ApiErrorBody>('GET', `${route.path}?page=999999999999999999999`, { token: admin });
      if (res.status !== 400 || firstField(res) !== 'page' || res.body.message !== '「page」超出允许的数值范围')
        failures.push(`${route.path}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    expect(paged.length).toBeGreaterThan(10);
    expect(failures).toEqual([]);
  });

  it('answers a page beyond a million, or twice given, with 400 naming page', async () => {
    const beyond = await t.request<ApiErrorBody>('GET', '/api/users?page=1000001', { token: admin });
    expect(beyond.status).toBe(400);
    expect(firstField(beyond)).toBe('page');
    const twice = await t.request<ApiErrorBody>('GET', '/api/users?page=1&page=2', { token: admin });
    expect(twice.status).toBe(400);
    expect(twice.body.message).toBe('「page」必须是整数');
  });

  it('answers a week that is not a calendar day with 400 naming week', async () => {
    for (const week of ['2026-13-01', '2026-02-29', '2026-04-31']) {
      const res = await t.request<ApiErrorBody>('GET', `/api/prompts/coverage?week=${week}`, { token: admin });
      expect(res.status).toBe(400);
      expect(res.body.message).toBe('「week」应为存在的日期 YYYY-MM-DD');
    }
    expect((await t.request('GET', '/api/prompts/coverage?week=2028-02-29', { token: admin })).status).toBe(200);
  });

  it('answers a report period whose days do not exist with 400', async () => {
    const res = await t.request<ApiErrorBody>('POST', '/api/report-periods', {
      token: admin,
      body: {
        title: '二月报送',
        startsOn: '2026-02-01',
        endsOn: '2026-02-30',
        dueAt: '2026-03-05T17:00:00+08:00',
        collegeIds: [],
        departmentIds: [],
      },
    });
    expect(res.status).toBe(400);
    expect(firstField(res)).toBe('endsOn');
  });

  it('answers ids that are not positive integers with 400 naming the parameter', async () => {
    for (const id of ['1e309', '-1', '0', '0x10', '1.0', '99999999999999999999', '%201']) {
      const res = await t.request<ApiErrorBody>('GET', `/api/exams/${id}`, { token: admin });
      expect({ id, status: res.status, message: res.body.message }).toEqual({
        id,
        status: 400,
        message: '「id」必须是正整数编号',
      });
    }
    const two = await t.request<ApiErrorBody>('DELETE', '/api/teachers/abc/classes/1', { token: admin });
    expect(firstField(two)).toBe('teacherId');
  });

  it('answers an array where a scalar is expected with 400 naming the field', async () => {
    const res = await t.request<ApiErrorBody>('GET', '/api/questions?q=a&q=b', { token: admin });
    expect(res.status).toBe(400);
    expect(firstField(res)).toBe('q');
  });
});

describe('unsafe text', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  const UNSAFE: Array<[string, string]> = [
    ['NUL', '\u0000'],
    ['bell', '\u0007'],
    ['RTL override', '\u202e'],
    ['LTR embedding', '\u202a'],
    ['RTL isolate', '\u2067'],
    ['pop isolate', '\u2069'],
    ['lone high surrogate', '\ud83d'],
    ['lone low surrogate', '\ude00'],
  ];

  it.each(UNSAFE)('refuses a question stem containing %s, naming the field', async (_name, character) => {
    const res = await t.request<ApiErrorBody>('POST', '/api/questions', {
      token: admin,
      body: singleQuestion({ stem: `发票${character}gnp.exe 是什么文件？` }),
    });
    expect(res.status).toBe(400);
    expect(firstField(res)).toBe('stem');
    expect(res.body.message).toMatch(/^「stem」含有/);
  });

  it('names the nested field of an option text', async () => {
    const question = singleQuestion();
    question.options[1] = { key: 'B', text: '点击链接\u202Eknil' };
    const res = await t.request<ApiErrorBody>('POST', '/api/questions', { token: admin, body: question });
    expect(res.status).toBe(400);
    expect(firstField(res)).toBe('options.1.text');
  });

  it('refuses unsafe text in a query parameter', async () => {
    const res = await t.request<ApiErrorBody>('GET', '/api/users?q=%E2%80%AE', { token: admin });
    expect(res.status).toBe(400);
    expect(firstField(res)).toBe('q');
  });

  it('keeps emoji, Chinese, tabs and line breaks', async () => {
    const stem = '收到“中奖”短信 🎉\t该怎么办？\n请选择：';
    const created = await t.request<QuestionDto>('POST', '/api/questions', {
      token: admin,
      body: singleQuestion({ stem }),
    });
    expect(created.status).toBe(201);
    const found = await t.request<Page<QuestionDto>>('GET', `/api/questions?q=${encodeURIComponent('🎉')}`, {
      token: admin,
    });
    expect(found.body.items.map((q) => q.stem)).toEqual([stem]);
  });
});
