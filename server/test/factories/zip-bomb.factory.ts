import { constants, crc32, deflateRawSync } from 'node:zlib';

/**
 * Zip files built byte by byte, for the tests of the bounded zip reader: small on disk, huge once
 * inflated. A deflate segment ended with a full flush is byte-aligned and needs no earlier bytes,
 * so one compressed megabyte of "A" repeated N times is a valid stream that inflates to N MB —
 * the bomb costs the test nothing to make.
 */
export interface ZipPart {
  name: string;
  /** Raw deflate data, or a Buffer to deflate. */
  data: Buffer | { deflated: Buffer; inflatedBytes: number; crc: number };
  /** What the headers claim the entry inflates to; by default the truth (bombs lie). */
  statedBytes?: number;
}

const flushed = (data: Buffer) => deflateRawSync(data, { finishFlush: constants.Z_FULL_FLUSH });
const finished = (data: Buffer) => deflateRawSync(data, { finishFlush: constants.Z_FINISH });

/** `head`, then `repeat` MiB of "A", then `tail`, deflated; the crc is left at 0, as a bomb needs none. */
export function repeatedDeflate(head: string, repeatMiB: number, tail: string) {
  const segment = flushed(Buffer.alloc(1024 * 1024, 'A'));
  const deflated = Buffer.concat([
    flushed(Buffer.from(head)),
    ...Array.from({ length: repeatMiB }, () => segment),
    finished(Buffer.from(tail)),
  ]);
  return { deflated, inflatedBytes: head.length + repeatMiB * 1024 * 1024 + tail.length, crc: 0 };
}

export function buildZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const body = Buffer.isBuffer(part.data)
      ? { deflated: finished(part.data), inflatedBytes: part.data.length, crc: crc32(part.data) }
      : part.data;
    const name = Buffer.from(part.name);
    const stated = part.statedBytes ?? body.inflatedBytes;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(body.crc >>> 0, 14);
    local.writeUInt32LE(body.deflated.length, 18);
    local.writeUInt32LE(stated >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(body.crc >>> 0, 16);
    central.writeUInt32LE(body.deflated.length, 20);
    central.writeUInt32LE(stated >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body.deflated);
    centrals.push(central, name);
    offset += local.length + name.length + body.deflated.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const XLSX_SKELETON: ZipPart[] = [
  {
    name: '[Content_Types].xml',
    data: Buffer.from(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
        '</Types>',
    ),
  },
  {
    name: '_rels/.rels',
    data: Buffer.from(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
        '</Relationships>',
    ),
  },
  {
    name: 'xl/workbook.xml',
    data: Buffer.from(
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
        '<sheet name="花名册" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
  },
  {
    name: 'xl/_rels/workbook.xml.rels',
    data: Buffer.from(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' +
        '</Relationships>',
    ),
  },
];

/**
 * An .xlsx whose one shared string is `inflateMiB` MiB of "A" — the shape of the bomb the security
 * review sent to the roster dry run. By default its headers claim a harmless size, as a bomb's do.
 */
export function sharedStringsBombXlsx(inflateMiB: number, statedBytes = 4096): Buffer {
  const sheet =
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>';
  return buildZip([
    ...XLSX_SKELETON,
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheet) },
    {
      name: 'xl/sharedStrings.xml',
      data: repeatedDeflate(
        '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>',
        inflateMiB,
        '</t></si></sst>',
      ),
      statedBytes,
    },
  ]);
}

/** An .xlsx whose sheet has `rows` rows of one cell each: tiny compressed, but past any row limit. */
export function manyRowsXlsx(rows: number): Buffer {
  const body = Array.from({ length: rows }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join(
    '',
  );
  const sheet =
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    `<sheetData>${body}</sheetData></worksheet>`;
  return buildZip([
    ...XLSX_SKELETON,
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheet) },
    {
      name: 'xl/sharedStrings.xml',
      data: Buffer.from(
        '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"></sst>',
      ),
    },
  ]);
}
