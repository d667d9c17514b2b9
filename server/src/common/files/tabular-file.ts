import { HttpException, PayloadTooLargeException, UnprocessableEntityException } from '@nestjs/common';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { Readable } from 'node:stream';
import { checkZipBounds } from './bounded-zip';
import { parseCsv } from './csv';
import { partsBeforeSheets } from './xlsx-part-order';

/** A spreadsheet's rows as text, with the row numbers Excel shows (the header is row 1). */
export interface TabularRow {
  rowNumber: number;
  cells: string[];
}

export interface Tabular {
  header: string[];
  rows: TabularRow[];
}

export interface TabularOptions {
  /** Rows a sheet may have, header included; more is refused with 413 as soon as the reader passes it. */
  maxRows: number;
  /** Columns read from each row; cells further right are ignored (a stray cell at XFD costs nothing). */
  maxColumns?: number;
  /** Which sheet of a workbook holds the data, judged by its header row; the first sheet by default. */
  pickSheet?: (header: string[]) => boolean;
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const DEFAULT_MAX_COLUMNS = 64;

/**
 * Reads the first sheet of an .xlsx, or a .csv in UTF-8 (with or without BOM) or GBK — what Excel on
 * Chinese Windows writes when a user picks "CSV". The content decides, not the file name. Every
 * spreadsheet the server reads comes through here: an .xlsx is checked against the zip limits
 * before it is parsed, and rows are counted while they stream.
 */
export async function readTabularFile(buffer: Buffer, options: TabularOptions): Promise<Tabular> {
  if (buffer.length === 0) throw new UnprocessableEntityException('文件为空');
  const rows = buffer.subarray(0, 4).equals(ZIP_MAGIC) ? await readXlsx(buffer, options) : readCsv(buffer, options);
  const headerIndex = rows.findIndex((r) => r.cells.some((c) => c !== ''));
  if (headerIndex < 0) throw new UnprocessableEntityException('文件中没有任何数据');
  const header = rows[headerIndex]!.cells.map((c) => c.replace(/\s+/g, ''));
  const body = rows.slice(headerIndex + 1).filter((r) => r.cells.some((c) => c !== ''));
  return { header, rows: body };
}

function tooManyRows(maxRows: number): PayloadTooLargeException {
  return new PayloadTooLargeException(`表格超过 ${maxRows} 行的上限，请分批导入`);
}

function readCsv(buffer: Buffer, options: TabularOptions): TabularRow[] {
  if (buffer.subarray(0, 4096).includes(0)) {
    throw new UnprocessableEntityException('无法识别的文件：请上传 Excel（.xlsx）或 CSV 文件');
  }
  const maxColumns = options.maxColumns ?? DEFAULT_MAX_COLUMNS;
  const rows = parseCsv(decodeText(buffer));
  if (rows.length > options.maxRows) throw tooManyRows(options.maxRows);
  return rows.map((cells, i) => ({ rowNumber: i + 1, cells: cells.slice(0, maxColumns).map((c) => c.trim()) }));
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

async function readXlsx(buffer: Buffer, options: TabularOptions): Promise<TabularRow[]> {
  const entries = await checkZipBounds(buffer);
  const maxColumns = options.maxColumns ?? DEFAULT_MAX_COLUMNS;
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(partsBeforeSheets(buffer, entries)), {
      worksheets: 'emit',
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      // Number formats tell a date typed in Excel (a serial number) from a number.
      styles: 'cache',
      entries: 'emit',
    });
    for await (const sheet of reader) {
      const rows: TabularRow[] = [];
      let header: string[] | undefined;
      for await (const row of sheet) {
        if (rows.length >= options.maxRows) throw tooManyRows(options.maxRows);
        const cells: string[] = [];
        const last = Math.min(row.cellCount, maxColumns);
        for (let col = 1; col <= last; col++) cells.push(cellText(row.getCell(col).value));
        rows.push({ rowNumber: row.number, cells });
        if (header === undefined && cells.some((c) => c !== '')) header = cells.map((c) => c.replace(/\s+/g, ''));
      }
      // The first sheet, or the first whose header the caller recognises; a template's other sheets
      // are instructions.
      if (!options.pickSheet || (header !== undefined && options.pickSheet(header))) return rows;
    }
    return [];
  } catch (error) {
    if (error instanceof HttpException) throw error;
    throw new UnprocessableEntityException('文件无法解析为 Excel 表格，请确认是 .xlsx 格式且未损坏');
  }
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
