/** Excel on Chinese Windows reads a CSV as GBK unless it starts with a UTF-8 byte order mark. */
const BOM = '\uFEFF';

function cell(value: string | number): string {
  let text = String(value);
  // Text starting with = + - @ is run as a formula by Excel, and these files echo uploaded data.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return BOM + [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

export function csvBlob(header: readonly string[], rows: readonly (readonly (string | number)[])[]): Blob {
  return new Blob([toCsv(header, rows)], { type: 'text/csv;charset=utf-8' });
}
