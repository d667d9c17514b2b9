import { readFileSync } from 'node:fs';
import { TestApp } from '../harness';
import { routeTable } from '../route-table';
import { interopPath } from './interop-dir';

/** Every route API.md (docs/API.md under INTEROP_DIR, the contract with other campus systems) promises to other campus systems exists, with that method and path. */
describe('the stable API of API.md', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('serves every route API.md lists', () => {
    const doc = readFileSync(interopPath('docs', 'API.md'), 'utf8');
    const promised = [...doc.matchAll(/^\| `(GET|POST|PUT|DELETE) (\/api[^`?\s]*)/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(promised.length).toBeGreaterThan(30);
    const served = new Set(routeTable(t.app).map((r) => `${r.method} ${r.path}`));
    expect(promised.filter((route) => !served.has(route))).toEqual([]);
  });
});
