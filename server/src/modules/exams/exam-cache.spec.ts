import type { DataSource } from 'typeorm';
import type { CacheBus } from '../../common/cluster/cache-bus';
import { Clock } from '../../common/clock/clock';
import { ExamCache } from './exam-cache';

/** A database that answers the classes table after a tick, counting how often it was read. */
function classesTable(rows: Array<{ id: number; enrollmentYear: number | null }>) {
  const reads = { count: 0 };
  const dataSource = {
    getRepository: () => ({
      find: async () => {
        reads.count += 1;
        await new Promise((resolve) => setImmediate(resolve));
        return [...rows];
      },
    }),
  } as unknown as DataSource;
  return { dataSource, reads };
}

const bus = { on: () => undefined } as unknown as CacheBus;

describe('ExamCache class years', () => {
  it('reads the classes once for every start that misses at the same moment', async () => {
    const { dataSource, reads } = classesTable([{ id: 1, enrollmentYear: 2026 }]);
    const cache = new ExamCache(dataSource, bus, new Clock());
    const years = await Promise.all(Array.from({ length: 64 }, () => cache.enrollmentYear(1)));
    expect(new Set(years)).toEqual(new Set([2026]));
    expect(reads.count).toBe(1);
  });

  it("reads them again once, not once per student, when a new class's students arrive together", async () => {
    const rows = [{ id: 1, enrollmentYear: 2026 }];
    const { dataSource, reads } = classesTable(rows);
    const cache = new ExamCache(dataSource, bus, new Clock());
    await cache.enrollmentYear(1);
    rows.push({ id: 2, enrollmentYear: 2027 }); // a roster import added a class
    const years = await Promise.all(Array.from({ length: 40 }, () => cache.enrollmentYear(2)));
    expect(new Set(years)).toEqual(new Set([2027]));
    expect(reads.count).toBe(2);
  });
});
