import { multipart, TestApp, type TestResponse } from './harness';

/** Every route that takes a file, with a file it would accept under the right field name. */
const UPLOAD_ROUTES = [
  '/api/roster/import?dryRun=true',
  '/api/questions/import?dryRun=true',
  '/api/prompts/import?dryRun=true',
  '/api/course-media/images',
  '/api/course-media/videos',
  '/api/reports/1/attachments',
  '/api/my/anti-fraud-app/screenshot',
];

/** A request that is never answered fails here within seconds instead of hanging the suite. */
function answeredWithin<T>(ms: number, response: Promise<T>): Promise<T> {
  return Promise.race([
    response,
    new Promise<T>((_resolve, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)),
  ]);
}

describe('multipart uploads with the file under another field name', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  const post = (url: string, field: string, file: Buffer): Promise<TestResponse<{ message: string }>> => {
    const { payload, contentType } = multipart(field, 'roster.csv', file);
    return t.request('POST', url, { token: admin, payload, headers: { 'content-type': contentType } });
  };

  it.each(UPLOAD_ROUTES)('%s answers 400 naming the expected field instead of hanging', async (url) => {
    const res = await answeredWithin(5000, post(url, 'upload', Buffer.alloc(256 * 1024, 'x')));
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('名为 file 的字段');
    expect(res.body.message).toContain('upload');
  });

  it('still finds the file when another file part comes first', async () => {
    const boundary = '----campusTwoParts';
    const part = (name: string, body: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${name}.csv"\r\n` +
      `Content-Type: text/csv\r\n\r\n${body}\r\n`;
    const payload = Buffer.from(
      part('attachment', 'x'.repeat(100_000)) +
        part('file', '学号/工号,姓名,身份,学院,班级,入学年份\n2025990101,测试生,学生,测试学院,测试2025-1班,2025\n') +
        `--${boundary}--\r\n`,
    );
    const res = await answeredWithin(
      5000,
      t.request<{ created: number }>('POST', '/api/roster/import?dryRun=true', {
        token: admin,
        payload,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      }),
    );
    expect(res.body).toMatchObject({ created: 1 });
    expect(res.status).toBe(201);
  });
});
