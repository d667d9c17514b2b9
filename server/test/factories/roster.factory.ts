import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { csvCell } from '../../src/common/files/csv';

export const ROSTER_HEADER = [
  '学号/工号',
  '姓名',
  '身份',
  '学院',
  '班级',
  '入学年份',
  '初始密码',
  '手机号',
  '授课班级',
];

export type RosterLine = string[];

export function student(
  username: string,
  name: string,
  college: string,
  className: string,
  year = '2025',
  extra: Partial<{ password: string; phone: string }> = {},
): RosterLine {
  return [username, name, '学生', college, className, year, extra.password ?? '', extra.phone ?? '', ''];
}

export function teacher(username: string, name: string, college: string, teaching = ''): RosterLine {
  return [username, name, '教师', college, '', '', '', '', teaching];
}

export function collegeAdmin(username: string, name: string, college: string): RosterLine {
  return [username, name, '学院管理员', college, '', '', '', '', ''];
}

function csvText(lines: RosterLine[], header = ROSTER_HEADER): string {
  return [header, ...lines].map((l) => l.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export function rosterCsvUtf8(lines: RosterLine[], options: { bom?: boolean } = {}): Buffer {
  const body = Buffer.from(csvText(lines), 'utf8');
  return options.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

/** What Excel on Chinese Windows writes for "CSV (逗号分隔)". */
export function rosterCsvGbk(lines: RosterLine[]): Buffer {
  return iconv.encode(csvText(lines), 'gbk');
}

export async function rosterXlsx(lines: Array<Array<string | number>>, header = ROSTER_HEADER): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('花名册');
  sheet.addRow(header);
  for (const line of lines) sheet.addRow(line);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
