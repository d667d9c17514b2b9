import iconv from 'iconv-lite';
import type { QuestionFileFormat } from './question-format.types';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * Which format an uploaded question file is in, from its content: people rename files, and Moodle
 * exports GIFT and Aiken alike as `.txt`. The file name only settles a text that reads as both Aiken
 * and GIFT. Null when it is none of the four (including other zip files such as .docx).
 */
export function detectQuestionFormat(buffer: Buffer, filename: string): QuestionFileFormat | null {
  if (buffer.subarray(0, 4).equals(ZIP_MAGIC)) {
    // Entry names are stored uncompressed, so a workbook shows its `xl/` folder in the raw bytes.
    return buffer.includes('xl/workbook.xml') ? 'xlsx' : null;
  }
  if (buffer.subarray(0, 4096).includes(0) && !hasUtf16Bom(buffer)) return null;

  const text = decodeQuestionText(buffer);
  if (/^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<quiz[\s>]/.test(text)) return 'moodle-xml';

  const looksAiken = /^\s*ANSWER\s*[:：]/im.test(text) && /^\s*[A-Z]\s*[.)．）、]/m.test(text);
  const looksGift = /^\s*::[^\n]*?::/m.test(text) || /\{[^{}]*\}/.test(text);
  if (looksAiken && looksGift) return /\.gift(?:\.txt)?$/i.test(filename) ? 'gift' : 'aiken';
  if (looksAiken) return 'aiken';
  if (looksGift) return 'gift';
  return null;
}

/**
 * The text of an uploaded text file: UTF-8 (with or without BOM), UTF-16 with a BOM (Notepad's
 * "Unicode"), or else GB18030 — what Notepad on Chinese Windows saves as "ANSI".
 */
export function decodeQuestionText(buffer: Buffer): string {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return buffer.subarray(3).toString('utf8');
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return new TextDecoder('utf-16le').decode(buffer.subarray(2));
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return new TextDecoder('utf-16be').decode(buffer.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return iconv.decode(buffer, 'gb18030');
  }
}

function hasUtf16Bom(buffer: Buffer): boolean {
  return (buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff);
}
