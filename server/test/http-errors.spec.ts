import type { ApiErrorBody } from '@campus/shared';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { TestApp } from './harness';

const CHINESE = /[\u4e00-\u9fff]/;

/** Sends bytes as they are (no client library would send raw UTF-8 in a request line) and reads the answer. */
function rawRequest(port: number, bytes: Buffer): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', body = ''] = text.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(head)?.[1]), headers: head, body });
    });
  });
}

function expectApiError(body: unknown, status: number): void {
  expect(body).toEqual({ statusCode: status, message: expect.stringMatching(CHINESE), requestId: expect.any(String) });
}

/** Errors raised by Fastify and Node before our code runs are answered like every other error. */
describe('errors the framework raises', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  it('answers raw UTF-8 in the request line with a Chinese 400 in the API error shape', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const res = await rawRequest(
      port,
      Buffer.concat([
        Buffer.from('GET /api/questions?q='),
        Buffer.from('诈骗', 'utf8'),
        Buffer.from(' HTTP/1.1\r\nHost: localhost\r\n\r\n'),
      ]),
    );
    expect(res.status).toBe(400);
    expect(res.headers).toMatch(/content-type: application\/json; charset=utf-8/i);
    expect(res.headers).toMatch(/content-length: (\d+)/i);
    expect(Number(/content-length: (\d+)/i.exec(res.headers)?.[1])).toBe(Buffer.byteLength(res.body));
    expectApiError(JSON.parse(res.body), 400);
  });

  it('answers malformed percent-encoding in the path with a Chinese 400 and the API headers', async () => {
    for (const url of ['/api/exams/%E4', '/api/ex%ZZams']) {
      const res = await t.request<ApiErrorBody>('GET', url, { token: admin });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        statusCode: 400,
        message: '请求地址不合法：含有无法解码的字符',
        requestId: expect.any(String),
      });
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('answers a body of another content type with 415 in Chinese', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
      const res = await t.request<ApiErrorBody>('POST', '/api/auth/login', {
        payload: Buffer.from('username=admin&password=x'),
        headers: { 'content-type': type },
      });
      expect(res.status).toBe(415);
      expectApiError(res.body, 415);
    }
  });

  it('answers malformed and empty JSON with a Chinese 400 that says what is wrong', async () => {
    const malformed = await t.request<ApiErrorBody>('POST', '/api/auth/login', {
      payload: Buffer.from('{"username": "admin",'),
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.body).toEqual({
      statusCode: 400,
      message: '请求体不是合法的 JSON',
      requestId: expect.any(String),
    });
    const empty = await t.request<ApiErrorBody>('POST', '/api/auth/login', {
      payload: Buffer.alloc(0),
      headers: { 'content-type': 'application/json' },
    });
    expect(empty.body).toEqual({
      statusCode: 400,
      message: '请求体为空：声明了 JSON 格式却没有内容',
      requestId: expect.any(String),
    });
  });

  it('answers an unknown route and an unsupported method in Chinese', async () => {
    const unknown = await t.request('GET', '/api/no-such-thing', { token: admin });
    expect(unknown.status).toBe(404);
    expectApiError(unknown.body, 404);
    const method = await t.request('PATCH', '/api/auth/login');
    expect(method.status).toBe(405);
    expectApiError(method.body, 405);
    expect(method.headers.allow).toBe('POST');
  });
});
