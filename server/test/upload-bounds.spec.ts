import type * as Zlib from 'node:zlib';
import type { InflateRaw, ZlibOptions } from 'node:zlib';
import { checkZipBounds, OFFICE_ZIP_LIMITS } from '../src/common/files/bounded-zip';
import { readTabularFile } from '../src/common/files/tabular-file';
import { TestApp } from './harness';
import { rosterXlsx, student } from './factories/roster.factory';
import { buildZip, manyRowsXlsx, sharedStringsBombXlsx } from './factories/zip-bomb.factory';

// Every inflater the server makes, so a test can see how far it read into a bomb before refusing.
// (Node's own zlib exports are read-only, hence a module mock that wraps the real one.)
const mockInflaters: InflateRaw[] = [];
jest.mock('node:zlib', () => {
  const actual = jest.requireActual<typeof Zlib>('node:zlib');
  return {
    ...actual,
    createInflateRaw: (options?: ZlibOptions) => {
      const inflater = actual.createInflateRaw(options);
      mockInflaters.push(inflater);
      return inflater;
    },
  };
});

/**
 * Compressed bytes of the bomb's entry that zlib had consumed when the server refused. Deflate
 * inflates at most 1,032× its input, so this bounds what was inflated — and so the memory and the
 * time the refusal cost — without timing anything.
 */
function bombBytesConsumed(): number {
  return Math.max(...mockInflaters.map((inflater) => inflater.bytesWritten));
}

describe('spreadsheets and zips the server reads are bounded', () => {
  let t: TestApp;
  let admin: string;
  // 4.9 MB on disk, about 5 GB once inflated: the file that killed the server.
  const bigBomb = sharedStringsBombXlsx(5000);
  // 300 KB on disk, 300 MB inflated: the file that blocked the event loop for seconds.
  const smallBomb = sharedStringsBombXlsx(300);

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  it('builds bombs as small on disk as the ones the review sent', () => {
    expect(bigBomb.length).toBeLessThan(5.2 * 1024 * 1024);
    expect(smallBomb.length).toBeLessThan(330 * 1024);
  });

  it('refuses a roster dry run of a 4.9 MB shared-strings bomb after inflating at most a few MB of it', async () => {
    mockInflaters.length = 0;
    const res = await t.upload<{ message: string }>('/api/roster/import?dryRun=true', bigBomb, 'roster.xlsx', admin);
    expect(res.status).toBe(413);
    expect(res.body.message).toMatch(/压缩比异常|解压后过大/);
    // Of 4.9 MB compressed (5 GB inflated), at most 16 KB were read: at most 16 MB inflated.
    expect(bombBytesConsumed()).toBeLessThan(16 * 1024);
  });

  it('refuses a 300 KB bomb the same way, so it never blocks the event loop inflating it', async () => {
    mockInflaters.length = 0;
    const res = await t.upload('/api/roster/import?dryRun=true', smallBomb, 'roster.xlsx', admin);
    expect(res.status).toBe(413);
    expect(bombBytesConsumed()).toBeLessThan(16 * 1024);
  });

  it('refuses the bomb on every route that reads a spreadsheet: questions and prompts too', async () => {
    for (const url of ['/api/questions/import?dryRun=true', '/api/prompts/import?dryRun=true']) {
      const res = await t.upload<{ message: string }>(url, smallBomb, 'bomb.xlsx', admin);
      expect({ url, status: res.status }).toEqual({ url, status: 413 });
      expect(res.body.message).toMatch(/压缩比异常|解压后过大/);
    }
  });

  it('refuses a sheet with more rows than the limit while streaming, with a Chinese message', async () => {
    const file = manyRowsXlsx(1200);
    await expect(readTabularFile(file, { maxRows: 1000 })).rejects.toMatchObject({
      status: 413,
      message: '表格超过 1000 行的上限，请分批导入',
    });
    expect((await readTabularFile(file, { maxRows: 2000 })).rows).toHaveLength(1199);
  });

  it('refuses a zip whose headers admit a huge entry before inflating anything', async () => {
    const honest = sharedStringsBombXlsx(1, 3 * 1024 * 1024 * 1024);
    await expect(checkZipBounds(honest)).rejects.toMatchObject({ status: 413 });
  });

  it('refuses a zip with more entries than an Office file ever has', async () => {
    const parts = Array.from({ length: OFFICE_ZIP_LIMITS.maxEntries + 1 }, (_, i) => ({
      name: `x/${i}.xml`,
      data: Buffer.from('<a/>'),
    }));
    await expect(checkZipBounds(buildZip(parts))).rejects.toMatchObject({ status: 413 });
  });

  it('refuses a zip that hides an entry from its central directory', async () => {
    const visible = buildZip([{ name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') }]);
    const hidden = buildZip([{ name: 'xl/hidden.xml', data: Buffer.alloc(4096, 'A') }]);
    // The hidden entry's local header sits before the real ones; the central directory never names it.
    const endOfLocals = hidden.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    const smuggled = Buffer.concat([hidden.subarray(0, endOfLocals), visible]);
    await expect(checkZipBounds(smuggled)).rejects.toMatchObject({ status: 422 });
  });

  it('still reads a 5,000-row roster well inside the limits', async () => {
    const rows = Array.from({ length: 5_000 }, (_, i) =>
      student(`2025${String(i).padStart(6, '0')}`, `学生${i}`, '信息工程学院', `软件2025-${(i % 40) + 1}班`),
    );
    const file = await rosterXlsx(rows);
    const entries = await checkZipBounds(file);
    const worst = Math.max(...entries.map((e) => e.inflatedBytes / Math.max(e.compressedBytes, 1)));
    expect(worst).toBeLessThan(OFFICE_ZIP_LIMITS.maxRatio);
    expect((await readTabularFile(file, { maxRows: 50_000 })).rows).toHaveLength(5_000);
  });
});
