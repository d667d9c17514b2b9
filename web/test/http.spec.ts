import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, NetworkError, buildUrl, configureHttp, http } from '@/api/http';
import { installFakeFetch } from './fake-fetch';

describe('the HTTP client', () => {
  let server: ReturnType<typeof installFakeFetch>;
  let token: string | null;
  const onUnauthorized = vi.fn();
  const onRefusalCode = vi.fn();

  beforeEach(() => {
    server = installFakeFetch();
    token = 'tok-1';
    onUnauthorized.mockReset();
    onRefusalCode.mockReset();
    configureHttp({ token: () => token, onUnauthorized, onRefusalCode });
  });
  afterEach(() => vi.unstubAllGlobals());

  /** Starts a call, answers it as given, and returns both the call's outcome and the request. */
  async function exchange<T>(run: () => Promise<T>, status: number, body?: unknown, headers?: Record<string, string>) {
    const outcome = run().then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    await Promise.resolve();
    const request = server.next();
    request.respond(status, body, headers);
    return { request, outcome: await outcome };
  }

  it('builds query strings without empty values', () => {
    expect(buildUrl('/users', { page: 2, q: '张三', college: '', cls: undefined, none: null, on: false })).toBe(
      '/api/users?page=2&q=%E5%BC%A0%E4%B8%89&on=false',
    );
    expect(buildUrl('/health')).toBe('/api/health');
  });

  it('sends the token and JSON, and reads JSON back', async () => {
    const { request, outcome } = await exchange(
      () => http.post<{ id: number }>('/exams', { title: '入学第一考' }),
      201,
      {
        id: 9,
      },
    );
    expect(request.headers.Authorization).toBe('Bearer tok-1');
    expect(request.headers['Content-Type']).toBe('application/json');
    expect(request.body).toEqual({ title: '入学第一考' });
    expect(outcome).toEqual({ ok: true, value: { id: 9 } });
  });

  it('sends no token on an anonymous request', async () => {
    const { request } = await exchange(() => http.post('/auth/login', {}, { anonymous: true }), 200, {});
    expect(request.headers.Authorization).toBeUndefined();
  });

  it('turns an error body into an ApiError with the server’s Chinese message, field errors and Retry-After', async () => {
    const { outcome } = await exchange(
      () => http.put('/school-settings', {}),
      400,
      { statusCode: 400, message: '有几项填写得不对', errors: [{ field: 'name', message: '请填写学校名称' }, 'junk'] },
      { 'Retry-After': '3' },
    );
    expect(outcome.ok).toBe(false);
    const error = (outcome as { error: ApiError }).error;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.statusCode).toBe(400);
    expect(error.message).toBe('有几项填写得不对');
    expect(error.errors).toEqual([{ field: 'name', message: '请填写学校名称' }]);
    expect(error.retryAfterSeconds).toBe(3);
  });

  it('falls back to a Chinese message when the body says nothing useful', async () => {
    const forbidden = await exchange(() => http.get('/audit'), 403, undefined);
    expect((forbidden.outcome as { error: ApiError }).error.message).toBe('没有权限执行此操作');
    const crashed = await exchange(() => http.get('/stats'), 502, undefined);
    expect((crashed.outcome as { error: ApiError }).error.message).toBe('服务器出错（502），请稍后再试');
  });

  it('ends the session on a 401, except where the caller handles it or no one is signed in', async () => {
    await exchange(() => http.get('/my/exams'), 401, { statusCode: 401, message: '登录已失效，请重新登录' });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    await exchange(() => http.post('/auth/password', {}, { handlesUnauthorized: true }), 401, {});
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    token = null;
    await exchange(() => http.get('/my/exams'), 401, {});
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('reports a refusal code whichever page asked', async () => {
    await exchange(() => http.get('/courses'), 403, {
      statusCode: 403,
      message: '请先阅读警示',
      code: 'URGENT_ALERT_PENDING',
    });
    expect(onRefusalCode).toHaveBeenCalledWith('URGENT_ALERT_PENDING');
  });

  it('treats a 2xx answer that is not JSON as an error (a proxy page, not the API), an empty one as no content', async () => {
    const empty = http.get('/stats');
    await Promise.resolve();
    server.next().respond(200, undefined);
    await expect(empty).resolves.toBeUndefined();
    const page = http.get('/stats');
    await Promise.resolve();
    server.next().respondText(200, '<html>校园网认证</html>');
    await expect(page).rejects.toMatchObject({ name: 'ApiError', message: '服务器返回了无法识别的内容' });
  });

  it('raises NetworkError when the connection drops, and lets an abort through as it is', async () => {
    const dropped = http.get('/my/exams');
    await Promise.resolve();
    server.next().fail();
    await expect(dropped).rejects.toBeInstanceOf(NetworkError);
    await expect(dropped).rejects.toThrow('无法连接服务器');

    const controller = new AbortController();
    const aborted = http.get('/my/exams', { signal: controller.signal });
    await Promise.resolve();
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('names a download after Content-Disposition, Chinese names included', async () => {
    const { outcome } = await exchange(
      () => http.download('/reports/1/export', '通报.xlsx'),
      200,
      {},
      {
        'Content-Disposition':
          'attachment; filename="report.xlsx"; filename*=UTF-8\'\'%E5%91%A8%E4%BA%94%E9%80%9A%E6%8A%A5.xlsx',
      },
    );
    expect(outcome).toMatchObject({ ok: true, value: { filename: '周五通报.xlsx' } });
    const plain = await exchange(
      () => http.download('/x', 'f.xlsx'),
      200,
      {},
      {
        'Content-Disposition': 'attachment; filename="roster.xlsx"',
      },
    );
    expect(plain.outcome).toMatchObject({ ok: true, value: { filename: 'roster.xlsx' } });
    const none = await exchange(() => http.download('/x', '名单.xlsx'), 200, {});
    expect(none.outcome).toMatchObject({ ok: true, value: { filename: '名单.xlsx' } });
  });
});
