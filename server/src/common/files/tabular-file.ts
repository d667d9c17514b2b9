import { UnprocessableEntityException } from '@nestjs/common';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { Readable } from 'node:stream';
import { parseCsv } from './csv';

/** A spreadsheet's rows as text, with the row numbers Excel shows (the header is row 1). */
export interface TabularRow {
  rowNumber: number;
  cells: string[];
}

export interface Tabular {
  header: string[];
  rows: TabularRow[];
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * Reads the first sheet of an .xlsx, or a .csv in UTF-8 (with or without BOM) or GBK — what Excel on
 * Chinese Windows writes when a user picks "CSV". The content decides, not the file name.
 */
export async function readTabularFile(buffer: Buffer): Promise<Tabular> {
  if (buffer.length === 0) throw new UnprocessableEntityException('文件为空');
  const rows = buffer.subarray(0, 4).equals(ZIP_MAGIC) ? await readXlsx(buffer) : readCsv(buffer);
  const headerIndex = rows.findIndex((r) => r.cells.some((c) => c !== ''));
  if (headerIndex < 0) throw new UnprocessableEntityException('文件中没有任何数据');
  const header = rows[headerIndex]!.cells.map((c) => c.replace(/\s+/g, ''));
  const body = rows.slice(headerIndex + 1).filter((r) => r.cells.some((c) => c !== ''));
  return { header, rows: body };
}

function readCsv(buffer: Buffer): TabularRow[] {
  if (buffer.subarray(0, 4096).includes(0)) {
    throw new UnprocessableEntityException('无法识别的文件：请上传 Excel（.xlsx）或 CSV 文件');
  }
  return parseCsv(decodeText(buffer)).map((cells, i) => ({ rowNumber: i + 1, cells: cells.map((c) => c.trim()) }));
}

/** UTF-8 when the bytes are valid UTF-8 (BOM or not); otherwise GBK (GB18030 is its superset). */
export function decodeText(buffer: Buffer): string {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return buffer.subarray(3).toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return iconv.decode(buffer, 'gb18030');
  }
}

async function readXlsx(buffer: Buffer): Promise<TabularRow[]> {
  const rows: TabularRow[] = [];
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(buffer), {
      worksheets: 'emit',
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'ignore',
      entries: 'emit',
    });
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const cells: string[] = [];
        const values = row.values as unknown[];
        for (let col = 1; col < values.length; col++) cells.push(cellText(values[col]));
        rows.push({ rowNumber: row.number, cells });
      }
      break; // the first sheet only; a template's other sheets are instructions
    }
  } catch (error) {
    if (error instanceof UnprocessableEntityException) throw error;
    throw new UnprocessableEntityException('文件无法解析为 Excel 表格，请确认是 .xlsx 格式且未损坏');
  }
  return rows;
}

/** Whatever Excel stored in a cell, as the text a person sees. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { richText?: Array<{ text: string }>; text?: unknown; result?: unknown; error?: unknown };
    if (Array.isArray(v.richText))
      return v.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('result' in v) return cellText(v.result);
    if (typeof v.text === 'string') return v.text.trim();
    if (v.error !== undefined) return '';
    return '';
  }
  return typeof value === 'bigint' ? value.toString() : '';
}
