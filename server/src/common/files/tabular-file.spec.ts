import ExcelJS from 'exceljs';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { PassThrough } from 'node:stream';
import { readTabularFile } from './tabular-file';

/** Files ExcelJS's streaming reader leaves in the temp folder (the `tmp` package's names). */
const tempFiles = () => new Set(readdirSync(tmpdir()).filter((name) => name.startsWith('tmp-')));

async function workbook(fill: (book: ExcelJS.Workbook) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  fill(book);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('reading an uploaded workbook', () => {
  it('reads a sheet written before its shared strings, as Excel and WPS write them, without a temp copy', async () => {
    const file = await workbook((book) => {
      const sheet = book.addWorksheet('花名册');
      sheet.addRow(['学号/工号', '姓名', '手机号']);
      sheet.addRow(['2026010101', '张三', '13800000001']);
      sheet.addRow(['2026010102', '李四', '']);
      book.addWorksheet('说明').addRow(['第二个工作表不读']);
    });
    // The premise: this writer puts the shared strings after the sheets.
    const text = file.toString('latin1');
    expect(text.indexOf('xl/worksheets/sheet1.xml')).toBeLessThan(text.indexOf('xl/sharedStrings.xml'));

    const before = tempFiles();
    for (let i = 0; i < 20; i++) {
      const { header, rows } = await readTabularFile(file, { maxRows: 100 });
      expect(header).toEqual(['学号/工号', '姓名', '手机号']);
      expect(rows.map((r) => r.cells)).toEqual([
        ['2026010101', '张三', '13800000001'],
        ['2026010102', '李四', ''],
      ]);
    }
    const left = [...tempFiles()].filter((name) => !before.has(name));
    expect(left).toEqual([]);
  });

  it('reads a workbook that keeps its strings inline, and dates by their format', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
    const sheet = writer.addWorksheet('提示');
    sheet.addRow(['标题', '来源日期']).commit();
    const row = sheet.addRow(['刷单返利是诈骗', new Date(Date.UTC(2025, 5, 1))]);
    row.getCell(2).numFmt = 'yyyy-mm-dd';
    row.commit();
    await writer.commit();
    const file = Buffer.concat(chunks);
    expect(file.includes('xl/sharedStrings.xml')).toBe(false);

    const before = tempFiles();
    const { rows } = await readTabularFile(file, { maxRows: 10 });
    expect(rows.map((r) => r.cells)).toEqual([['刷单返利是诈骗', '2025-06-01']]);
    expect([...tempFiles()].filter((name) => !before.has(name))).toEqual([]);
  });
});
