import { sniffFileType } from './file-type';

const bytes = (...values: number[]) => Buffer.from(values);

describe('sniffFileType', () => {
  it('recognises images and PDF by their first bytes, whatever the name says', () => {
    expect(
      sniffFileType(Buffer.concat([bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), Buffer.alloc(20)]), 'x.pdf')
        ?.ext,
    ).toBe('png');
    expect(sniffFileType(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0), 'photo.png')?.ext).toBe('jpg');
    expect(sniffFileType(Buffer.from('RIFF\u0000\u0000\u0000\u0000WEBPVP8 ', 'latin1'))?.ext).toBe('webp');
    expect(sniffFileType(Buffer.from('%PDF-1.7\n', 'latin1'))?.mime).toBe('application/pdf');
  });

  it('tells Word from Excel packages by the entries of the zip', () => {
    const zip = (entry: string) =>
      Buffer.concat([bytes(0x50, 0x4b, 0x03, 0x04), Buffer.from(`....${entry}....`, 'latin1')]);
    expect(sniffFileType(zip('word/document.xml'))?.ext).toBe('docx');
    expect(sniffFileType(zip('xl/workbook.xml'))?.ext).toBe('xlsx');
    expect(sniffFileType(zip('payload/evil.js'))).toBeNull();
  });

  it('accepts an OLE2 file only as the .doc or .xls its name claims', () => {
    const ole = bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0);
    expect(sniffFileType(ole, '情况汇报.DOC')?.ext).toBe('doc');
    expect(sniffFileType(ole, '统计.xls')?.ext).toBe('xls');
    expect(sniffFileType(ole, 'setup.msi')).toBeNull();
  });

  it('refuses executables, HTML and text even when named as documents', () => {
    expect(sniffFileType(Buffer.from('MZ\u0090\u0000', 'latin1'), 'report.pdf')).toBeNull();
    expect(sniffFileType(Buffer.from('<html><script>alert(1)</script>', 'utf8'), 'report.docx')).toBeNull();
    expect(sniffFileType(Buffer.from('plain words', 'utf8'), 'notes.png')).toBeNull();
  });
});
