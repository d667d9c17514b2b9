import { crc32 } from 'node:zlib';
import type { ZipEntryInfo } from './bounded-zip';

/** The parts a streaming reader needs before any sheet, in the order it needs them. */
const FIRST = [
  '[Content_Types].xml',
  '_rels/.rels',
  'xl/_rels/workbook.xml.rels',
  'xl/workbook.xml',
  'xl/sharedStrings.xml',
  'xl/styles.xml',
];
const SHARED_STRINGS = 'xl/sharedStrings.xml';
const EMPTY_SHARED_STRINGS = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>',
);

/**
 * The workbook with the parts its sheets refer to ahead of the sheets.
 *
 * ExcelJS's streaming reader parses a sheet as it arrives only when the shared strings and the
 * workbook's relations came before it; otherwise it copies the sheet to a temporary file and parses
 * it at the end. Excel, WPS and ExcelJS itself write the shared strings after the sheets, so every
 * import took that path, and the copy is removed only when the reader is read to its very end,
 * which an import that stops at its sheet never does: a copy of each roster (names, 学号, phones)
 * stayed in /tmp for as long as the server ran.
 *
 * A zip's entries may come in any order, and a streaming reader walks the local records alone (the
 * central directory, whose offsets no longer match, is only read past), so the records are put in
 * the order the reader needs; a workbook that keeps its strings inline gets an empty shared-strings
 * part. `entries` are those checkZipBounds found, in the file's order.
 */
export function partsBeforeSheets(buffer: Buffer, entries: readonly ZipEntryInfo[]): Buffer {
  const rank = (name: string) => {
    const at = FIRST.indexOf(name);
    return at < 0 ? FIRST.length : at;
  };
  const ordered = entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => rank(a.entry.name) - rank(b.entry.name) || a.index - b.index)
    .map(({ entry }) => buffer.subarray(entry.localStart, entry.localEnd));
  if (!entries.some((entry) => entry.name === SHARED_STRINGS)) {
    const ahead = entries.filter((entry) => rank(entry.name) < rank(SHARED_STRINGS)).length;
    ordered.splice(ahead, 0, storedEntry(SHARED_STRINGS, EMPTY_SHARED_STRINGS));
  }
  const directory = Math.max(0, ...entries.map((entry) => entry.localEnd));
  return Buffer.concat([...ordered, buffer.subarray(directory)]);
}

/** A local record holding `data` uncompressed. */
function storedEntry(name: string, data: Buffer): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4); // version needed: 2.0
  header.writeUInt16LE(0, 6); // flags
  header.writeUInt16LE(0, 8); // stored
  header.writeUInt32LE(0, 10); // time and date
  header.writeUInt32LE(crc32(data), 14);
  header.writeUInt32LE(data.length, 18);
  header.writeUInt32LE(data.length, 22);
  header.writeUInt16LE(nameBytes.length, 26);
  header.writeUInt16LE(0, 28);
  return Buffer.concat([header, nameBytes, data]);
}
