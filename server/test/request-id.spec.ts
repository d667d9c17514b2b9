import { Logger } from '@nestjs/common';
import type { ApiErrorBody } from '@campus/shared';
import { Writable } from 'node:stream';
import { OrgService } from '../src/modules/org/org.service';
import { TestApp } from './harness';

/** Collects the JSON log lines the server writes. */
class LogSink extends Writable {
  readonly lines: Record<string, unknown>[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim()) this.lines.push(JSON.parse(line) as Record<string, unknown>);
    }
    callback();
  }
  withMessage(text: string): Record<string, unknown>[] {
    return this.lines.filter((line) => typeof line.msg === 'string' && line.msg.includes(text));
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('request id', () => {
  let t: TestApp;
  let admin: string;
  const logs = new LogSink();

  beforeAll(async () => {
    t = await TestApp.start({ LOG_LEVEL: 'info' }, { logDestination: logs });
    admin = await t.adminToken();
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  it('answers every request with a generated id when the caller sent none', async () => {
    const a = await t.request('GET', '/api/colleges', { token: admin });
    const b = await t.request('GET', '/api/colleges', { token: admin });
    expect(a.status).toBe(200);
    expect(a.headers['x-request-id']).toMatch(UUID);
    expect(b.headers['x-request-id']).toMatch(UUID);
    expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
  });

  it('keeps a safe incoming X-Request-Id and replaces one that is too long or could forge a log line', async () => {
    const kept = await t.request('GET', '/api/colleges', {
      token: admin,
      headers: { 'x-request-id': 'lb-7f3a.c2:9_X' },
    });
    expect(kept.headers['x-request-id']).toBe('lb-7f3a.c2:9_X');
    for (const bad of ['x'.repeat(65), 'a b', 'id"}{"admin":true', '诈骗', '']) {
      const res = await t.request('GET', '/api/colleges', { token: admin, headers: { 'x-request-id': bad } });
      expect(res.headers['x-request-id']).toMatch(UUID);
    }
  });

  it('puts the id in error bodies beside the documented fields', async () => {
    const notFound = await t.request<ApiErrorBody>('GET', '/api/exams/999999', {
      token: admin,
      headers: { 'x-request-id': 'req-404' },
    });
    expect(notFound.status).toBe(404);
    expect(notFound.body).toEqual({ statusCode: 404, message: expect.any(String), requestId: 'req-404' });
    expect(notFound.headers['x-request-id']).toBe('req-404');

    const invalid = await t.request<ApiErrorBody>('POST', '/api/questions', {
      token: admin,
      body: { stem: '' },
      headers: { 'x-request-id': 'req-400' },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.requestId).toBe('req-400');
    expect(invalid.body.message).toMatch(/[\u4e00-\u9fff]/);

    const unauthenticated = await t.request<ApiErrorBody>('GET', '/api/colleges', {
      headers: { 'x-request-id': 'req-401' },
    });
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.body.requestId).toBe('req-401');

    const badUrl = await t.request<ApiErrorBody>('GET', '/api/exams/%E4', {
      token: admin,
      headers: { 'x-request-id': 'req-url' },
    });
    expect(badUrl.status).toBe(400);
    expect(badUrl.body.requestId).toBe('req-url');
    expect(badUrl.headers['x-request-id']).toBe('req-url');

    const badJson = await t.request<ApiErrorBody>('POST', '/api/questions', {
      token: admin,
      payload: Buffer.from('{"stem":'),
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-json' },
    });
    expect(badJson.status).toBe(400);
    expect(badJson.body.requestId).toBe('req-json');
  });

  it('names the request in every log line written while serving it, across awaits and concurrent requests', async () => {
    jest.spyOn(t.get(OrgService), 'colleges').mockImplementation(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      new Logger('OrgTest').warn('listing colleges after a pause');
      await Promise.resolve();
      new Logger('OrgTest').warn('listing colleges done');
      return [];
    });
    const before = logs.lines.length;
    const ids = ['concurrent-1', 'concurrent-2', 'concurrent-3'];
    await Promise.all(
      ids.map((id) => t.request('GET', '/api/colleges', { token: admin, headers: { 'x-request-id': id } })),
    );
    const written = logs.lines.slice(before).filter((line) => String(line.msg).startsWith('listing colleges'));
    expect(written).toHaveLength(6);
    for (const id of ids) expect(written.filter((line) => line.requestId === id)).toHaveLength(2);
  });

  it('logs an unexpected failure with the id the client was given', async () => {
    jest.spyOn(t.get(OrgService), 'colleges').mockRejectedValue(new Error('disk on fire'));
    const res = await t.request<ApiErrorBody>('GET', '/api/colleges', { token: admin });
    expect(res.status).toBe(500);
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
    expect(JSON.stringify(res.body)).not.toContain('disk on fire');
    const line = logs.withMessage('GET /api/colleges failed').at(-1);
    expect(line?.requestId).toBe(res.headers['x-request-id']);
    expect(String(line?.stack)).toContain('disk on fire');
  });

  it('writes no request id on lines logged outside a request', () => {
    const before = logs.lines.length;
    new Logger('Job').log('nightly job ran');
    const line = logs.lines.slice(before).find((l) => l.msg === 'nightly job ran');
    expect(line).toBeDefined();
    expect(line).not.toHaveProperty('requestId');
  });
});
