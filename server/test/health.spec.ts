import { Sql } from '../src/database/sql';
import { TestApp } from './harness';

describe('the readiness check', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('costs at most one database probe however many public checks arrive at once', async () => {
    const sql = t.get(Sql);
    const probes = jest.spyOn(sql, 'query');
    try {
      const answers = await Promise.all(Array.from({ length: 200 }, () => t.request('GET', '/api/health')));
      expect(answers.every((a) => a.status === 200)).toBe(true);
      const selects = probes.mock.calls.filter(([text]) => String(text).trim() === 'SELECT 1');
      expect(selects.length).toBeLessThanOrEqual(2);
    } finally {
      probes.mockRestore();
    }
  });
});
