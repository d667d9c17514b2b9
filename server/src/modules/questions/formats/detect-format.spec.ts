import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { decodeQuestionText, detectQuestionFormat } from './detect-format';
import { buildQuestionTemplate } from './excel-template.writer';
import { writeMoodleXml } from './moodle-xml.writer';

describe('detectQuestionFormat', () => {
  it('recognises the xlsx template by its zip signature and workbook entry', async () => {
    expect(detectQuestionFormat(await buildQuestionTemplate(), '题库.xlsx')).toBe('xlsx');
  });

  it('recognises Moodle XML, with or without declaration and leading comments', () => {
    expect(detectQuestionFormat(Buffer.from(writeMoodleXml([])), 'export.xml')).toBe('moodle-xml');
    expect(detectQuestionFormat(Buffer.from('\ufeff<!-- 导出 -->\n<quiz>\n</quiz>'), 'a.xml')).toBe('moodle-xml');
  });

  it('lets the file name settle a text that reads as both Aiken and GIFT', () => {
    const both = Buffer.from('年化 {50%} 的理财可信吗？\nA. 可信\nB. 不可信\nANSWER: B\n');
    expect(detectQuestionFormat(both, 'questions.txt')).toBe('aiken');
    expect(detectQuestionFormat(both, 'questions.gift')).toBe('gift');
  });

  it('returns null for other zip files, binaries and plain prose', async () => {
    const workbookless = new ExcelJS.Workbook();
    workbookless.addWorksheet('x');
    const xlsx = Buffer.from(await workbookless.xlsx.writeBuffer());
    const docxLike = Buffer.from(xlsx.toString('latin1').replace(/xl\/workbook\.xml/g, 'word/documen'), 'latin1');
    expect(detectQuestionFormat(docxLike, 'a.xlsx')).toBeNull();
    const oldXls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect(detectQuestionFormat(oldXls, 'old.xls')).toBeNull();
    expect(detectQuestionFormat(Buffer.from('只是一段普通的文字。\n没有题目。'), 'a.txt')).toBeNull();
    expect(detectQuestionFormat(Buffer.from(''), 'empty.txt')).toBeNull();
  });

  it('recognises Aiken saved by Chinese Windows Notepad as GBK or UTF-16', () => {
    const aiken = '哪个是反诈专线？\nA. 96110\nB. 12345\nANSWER: A\n';
    expect(detectQuestionFormat(iconv.encode(aiken, 'gbk'), 'a.txt')).toBe('aiken');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(aiken, 'utf16le')]);
    expect(detectQuestionFormat(utf16, 'a.txt')).toBe('aiken');
  });
});

describe('decodeQuestionText', () => {
  const text = '刷单返利：先垫付，再返佣？';

  it('reads UTF-8 with or without a BOM', () => {
    expect(decodeQuestionText(Buffer.from(text))).toBe(text);
    expect(decodeQuestionText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toBe(text);
  });

  it('falls back to GB18030 when the bytes are not UTF-8', () => {
    expect(decodeQuestionText(iconv.encode(text, 'gbk'))).toBe(text);
  });

  it('reads UTF-16 in either byte order when it starts with a BOM', () => {
    expect(decodeQuestionText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toBe(text);
    const bigEndian = Buffer.from(text, 'utf16le').swap16();
    expect(decodeQuestionText(Buffer.concat([Buffer.from([0xfe, 0xff]), bigEndian]))).toBe(text);
  });
});

describe('detectQuestionFormat on hostile input', () => {
  const timed = (text: string) => {
    const started = performance.now();
    const format = detectQuestionFormat(Buffer.from(text), 'x.txt');
    return { format, ms: performance.now() - started };
  };

  it('reads a run of empty comments in linear time (the 211-byte file that took 4 s)', () => {
    const { format, ms } = timed('<!---->'.repeat(30) + '<');
    expect(format).toBeNull();
    expect(ms).toBeLessThan(200);
    expect(timed('<!---->'.repeat(30) + '<quiz></quiz>').format).toBe('moodle-xml');
  });

  it.each([
    ['empty comments', '<!---->'.repeat(3_000)],
    ['an unclosed declaration', '<?xml ' + '?'.repeat(20_000)],
    ['blank lines', '\n'.repeat(20_000) + 'x'],
    ['space and newline before ANSWER', ' \n'.repeat(10_000) + 'ANSWER'],
    ['colons', '::'.repeat(10_000)],
    ['opening braces', '{'.repeat(20_000)],
    ['option-like labels', 'A.'.repeat(10_000)],
  ])('stays fast on 20 KB of %s', (_name, text) => {
    expect(timed(text).ms).toBeLessThan(200);
  });
});
