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

  // The start of a file is enough to tell its format; every check below is linear in what it sees.
  const head = decodeQuestionText(buffer).slice(0, DETECT_CHARS);
  if (startsWithQuizElement(head)) return 'moodle-xml';

  const lines = head.split(/\r\n|\r|\n/).map((line) => line.trimStart());
  const looksAiken = lines.some((line) => AIKEN_ANSWER.test(line)) && lines.some((line) => AIKEN_OPTION.test(line));
  const looksGift = lines.some((line) => line.startsWith('::') && line.includes('::', 2)) || hasBracePair(head);
  if (looksAiken && looksGift) return /\.gift(?:\.txt)?$/i.test(filename) ? 'gift' : 'aiken';
  if (looksAiken) return 'aiken';
  if (looksGift) return 'gift';
  return null;
}

/** Characters of a file the detection reads. */
const DETECT_CHARS = 64 * 1024;
const AIKEN_ANSWER = /^ANSWER\s*[:：]/i;
const AIKEN_OPTION = /^[A-Z]\s*[.)．）、]/;

/**
 * `<quiz` as the first element, after an optional XML declaration, white space and comments. A
 * scanner, not a regex: the pattern this replaces (`(?:<!--[\s\S]*?-->\s*)*`) backtracked
 * exponentially on a run of empty comments (`<!---->`×30 took 4 s).
 */
function startsWithQuizElement(text: string): boolean {
  let at = skipSpace(text, 0);
  if (text.startsWith('<?xml', at)) {
    const end = text.indexOf('?>', at);
    if (end < 0) return false;
    at = skipSpace(text, end + 2);
  }
  while (text.startsWith('<!--', at)) {
    const end = text.indexOf('-->', at + 4);
    if (end < 0) return false;
    at = skipSpace(text, end + 3);
  }
  return text.startsWith('<quiz', at) && /^[\s>]/.test(text.charAt(at + 5));
}

function skipSpace(text: string, from: number): number {
  let at = from;
  while (at < text.length && /\s/.test(text.charAt(at))) at++;
  return at;
}

/** An opening brace followed by a closing one with no brace between: a GIFT answer block. */
function hasBracePair(text: string): boolean {
  let open = false;
  for (const char of text) {
    if (char === '{') open = true;
    else if (char === '}' && open) return true;
  }
  return false;
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
