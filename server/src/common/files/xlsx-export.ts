import ExcelJS from 'exceljs';

/**
 * A cell a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+…`, `-…`, `@…`, or a tab/CR
 * lead) is prefixed with a quote so Excel shows it as text: user-entered names reach exports.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The inverse, for our own files read back in (an exported question bank imported again). */
export function restoreFormulaText(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

export interface SheetSpec {
  name: string;
  columns: Array<{ header: string; width?: number }>;
  rows: Array<Array<string | number | null | undefined>>;
}

/** Every Excel file the platform hands out goes through here, so no export forgets the formula guard. */
export async function buildXlsx(sheets: SheetSpec[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '校园反诈学习考试平台';
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name);
    sheet.columns = spec.columns.map((c) => ({ header: c.header, width: c.width ?? 16 }));
    sheet.getRow(1).font = { bold: true };
    for (const row of spec.rows) {
      sheet.addRow(row.map((v) => (typeof v === 'string' ? neutraliseFormula(v) : (v ?? null))));
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
