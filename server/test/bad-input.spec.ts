import { Role } from '@campus/shared';
import { PasswordHasher } from '../src/common/auth/password-hasher';
import { User } from '../src/modules/users/user.entity';
import { TestApp } from './harness';
import { rosterCsvUtf8, student } from './factories/roster.factory';
import { routeTable } from './route-table';

const PATH_VALUES = ['abc', '-1', '0', '99999999999999999999', '1.5', '%E4%B8%AD'];
const BODIES: unknown[] = [
  undefined,
  {},
  [],
  'text',
  { answer: 'x', title: 123, username: {}, page: -1 },
  { title: 'x'.repeat(100_000), content: null, audience: 'all', questionIds: ['a'], rules: [{}] },
  { __proto__: { admin: true }, constructor: { prototype: {} } },
];
const QUERIES = [
  '',
  '?page=-1&pageSize=100000',
  '?page=abc&collegeId=abc&classId=1e9',
  '?q=%00%27%22%3Cscript%3E&from=notadate&to=2026-13-45',
  '?groupBy=nonsense&examId=-5&dryRun=maybe',
];

/**
 * Every route, called as an admin and as a student with malformed ids, queries and bodies, answers
 * 4xx with a Chinese message — never a 500. New routes are covered as soon as they exist.
 */

/** Jest's limit for a test that walks the whole route table (several hundred requests). */
const WALK_TIMEOUT_MS = 240_000;
describe('bad input', () => {
  let t: TestApp;
  const tokens: Partial<Record<Role, string>> = {};

  beforeAll(async () => {
    t = await TestApp.start();
    tokens[Role.Sysadmin] = await t.adminToken();
    await t.upload(
      '/api/roster/import',
      rosterCsvUtf8([student('2025900101', '乱码测试', '测试学院', '测试2025-1班')]),
      'r.csv',
      tokens[Role.Sysadmin],
    );
    const hash = await t.get(PasswordHasher).hash('Fuzz2026pw');
    await t.dataSource
      .getRepository(User)
      .update({ username: '2025900101' }, { passwordHash: hash, mustChangePassword: false });
    tokens[Role.Student] = await t.login('2025900101', 'Fuzz2026pw');
  });
  afterAll(() => t.close());

  // Walks every route, so it grows with the route table: its own time limit, not the default minute.
  it(
    'never answers 500, and always explains in Chinese',
    async () => {
      const failures: string[] = [];
      const routes = routeTable(t.app).filter((r) => r.path !== '/api/auth/login');
      for (const route of routes) {
        for (const token of Object.values(tokens)) {
          const urls = route.path.includes(':')
            ? PATH_VALUES.map((v) => route.path.replace(/:[A-Za-z]+/g, v))
            : QUERIES.map((q) => `${route.path}${q}`);
          for (const url of urls) {
            const bodies = route.method === 'GET' ? [undefined] : BODIES;
            for (const body of bodies) {
              const res = await t.request<{ message?: string } | null>(route.method, url, {
                token,
                ...(typeof body === 'string'
                  ? { payload: Buffer.from(body), headers: { 'content-type': 'application/json' } }
                  : { body }),
              });
              const isError = res.status >= 400;
              const chinese =
                typeof res.body === 'object' && res.body !== null && /[\u4e00-\u9fff]/.test(res.body.message ?? '');
              if (res.status >= 500 || (isError && !chinese))
                failures.push(
                  `${route.method} ${url} ${body === undefined ? '' : JSON.stringify(body).slice(0, 60)} → ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`,
                );
            }
          }
        }
      }
      expect(failures).toEqual([]);
    },
    WALK_TIMEOUT_MS,
  );
});
