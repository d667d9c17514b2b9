/** A file's real type, read from its first bytes: the name and the browser's Content-Type are the sender's word. */
export interface SniffedType {
  /** The extension the stored file is given (`png`, `pdf`, `docx` …). */
  ext: string;
  mime: string;
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const PDF = Buffer.from('%PDF-', 'latin1');
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** OLE2 compound file: Word 97–2003 .doc and Excel .xls. */
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

const startsWith = (buffer: Buffer, magic: Buffer, offset = 0) =>
  buffer.length >= offset + magic.length && buffer.subarray(offset, offset + magic.length).equals(magic);

/** An Office Open XML package is a zip whose entry names say which application wrote it. */
function officeZip(buffer: Buffer): SniffedType | null {
  if (buffer.includes('word/document.xml'))
    return { ext: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' };
  if (buffer.includes('xl/workbook.xml'))
    return { ext: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
  if (buffer.includes('ppt/presentation.xml'))
    return { ext: 'pptx', mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' };
  return null;
}

/**
 * The types the platform accepts anywhere, recognised by content; anything else (executables, HTML,
 * scripts, archives of unknown content) is null. An OLE2 file does not say whether it is Word or
 * Excel in its first bytes, so its extension decides between the two, and nothing else.
 */
export function sniffFileType(buffer: Buffer, filename = ''): SniffedType | null {
  if (startsWith(buffer, PNG)) return { ext: 'png', mime: 'image/png' };
  if (startsWith(buffer, JPEG)) return { ext: 'jpg', mime: 'image/jpeg' };
  if (startsWith(buffer, Buffer.from('RIFF', 'latin1')) && startsWith(buffer, Buffer.from('WEBP', 'latin1'), 8))
    return { ext: 'webp', mime: 'image/webp' };
  if (startsWith(buffer, PDF)) return { ext: 'pdf', mime: 'application/pdf' };
  if (startsWith(buffer, ZIP)) return officeZip(buffer);
  if (startsWith(buffer, OLE)) {
    const ext = filename.toLowerCase().split('.').pop();
    if (ext === 'doc') return { ext: 'doc', mime: 'application/msword' };
    if (ext === 'xls') return { ext: 'xls', mime: 'application/vnd.ms-excel' };
  }
  return null;
}

export const IMAGE_TYPES: ReadonlySet<string> = new Set(['png', 'jpg', 'webp']);
export const DOCUMENT_TYPES: ReadonlySet<string> = new Set([
  'pdf',
  'docx',
  'xlsx',
  'pptx',
  'doc',
  'xls',
  'png',
  'jpg',
  'webp',
]);
