import { PayloadTooLargeException, UnprocessableEntityException } from '@nestjs/common';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw } from 'node:zlib';

/**
 * What a zip the server reads may cost once inflated. A zip states its entries' sizes itself, so
 * the stated sizes are checked first and the real ones while inflating: a bomb stops at the limit,
 * not after it has filled the heap.
 */
export interface ZipLimits {
  maxEntries: number;
  /** Inflated bytes of one entry. */
  maxEntryBytes: number;
  /** Inflated bytes of all entries together. */
  maxTotalBytes: number;
  /** Inflated ÷ compressed bytes of an entry, checked once it has passed `ratioGraceBytes`. */
  maxRatio: number;
  ratioGraceBytes: number;
}

const MiB = 1024 * 1024;

/**
 * Office files: a 50,000-row roster inflates to about 25 MB and ordinary sheets compress 5–20×.
 * The ratio and its grace are Apache POI's ZipSecureFile defaults (min inflate ratio 0.01), a
 * figure the Office-reading world has used against zip bombs for years.
 */
export const OFFICE_ZIP_LIMITS: ZipLimits = {
  maxEntries: 1000,
  maxEntryBytes: 64 * MiB,
  maxTotalBytes: 128 * MiB,
  maxRatio: 100,
  ratioGraceBytes: MiB,
};

export interface ZipEntryInfo {
  name: string;
  compressedBytes: number;
  inflatedBytes: number;
  /** Where the entry's local record (header, data and any data descriptor) lies in the file. */
  localStart: number;
  localEnd: number;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const DATA_DESCRIPTOR = 0x08074b50;
const STORED = 0;
const DEFLATED = 8;
const FLAG_ENCRYPTED = 0x1;
const FLAG_DATA_DESCRIPTOR = 0x8;
const INFLATE_FEED_BYTES = 64 * 1024;

interface CentralEntry {
  name: string;
  method: number;
  flags: number;
  compressedBytes: number;
  statedBytes: number;
  localOffset: number;
}

const broken = () => new UnprocessableEntityException('文件不是完整的 Excel（.xlsx）文件：压缩包结构损坏');
const mb = (bytes: number) => `${Math.round(bytes / MiB)} MB`;

/**
 * Checks that a zip (an .xlsx) stays within `limits` by inflating every entry as a stream and
 * counting, without keeping what it inflates. Readers see a zip two ways — streaming readers walk
 * the local headers from the start, others read the central directory at the end — so both views
 * must list the same entries at the same places, or the file is refused: a bomb cannot hide in a
 * part one view skips. Throws 413 for a file over the limits, 422 for a damaged one.
 */
export async function checkZipBounds(buffer: Buffer, limits: ZipLimits = OFFICE_ZIP_LIMITS): Promise<ZipEntryInfo[]> {
  const central = readCentralDirectory(buffer, limits);
  const byOffset = new Map(central.entries.map((entry) => [entry.localOffset, entry]));
  const seen: ZipEntryInfo[] = [];
  let total = 0;
  let offset = 0;
  while (offset < central.directoryOffset) {
    if (buffer.length < offset + 30 || buffer.readUInt32LE(offset) !== LOCAL_HEADER) throw broken();
    const entry = byOffset.get(offset);
    const flags = buffer.readUInt16LE(offset + 6);
    const method = buffer.readUInt16LE(offset + 8);
    const localCompressed = buffer.readUInt32LE(offset + 18);
    const nameLength = buffer.readUInt16LE(offset + 26);
    const extraLength = buffer.readUInt16LE(offset + 28);
    const name = buffer.toString('utf8', offset + 30, offset + 30 + nameLength);
    if (!entry || entry.name !== name || entry.method !== method) throw broken();
    if ((flags & FLAG_DATA_DESCRIPTOR) === 0 && localCompressed !== entry.compressedBytes) throw broken();
    if ((flags | entry.flags) & FLAG_ENCRYPTED) {
      throw new UnprocessableEntityException('不支持加密的 Excel 文件，请取消密码保护后另存再上传');
    }
    const dataStart = offset + 30 + nameLength + extraLength;
    const dataEnd = dataStart + entry.compressedBytes;
    if (dataEnd > central.directoryOffset) throw broken();

    const inflatedBytes = await inflatedSize(buffer.subarray(dataStart, dataEnd), entry, limits, total);
    total += inflatedBytes;
    const localStart = offset;
    offset = dataEnd;
    if ((flags & FLAG_DATA_DESCRIPTOR) !== 0) {
      const signed = buffer.length >= offset + 4 && buffer.readUInt32LE(offset) === DATA_DESCRIPTOR;
      offset += signed ? 16 : 12;
    }
    seen.push({ name, compressedBytes: entry.compressedBytes, inflatedBytes, localStart, localEnd: offset });
  }
  if (offset !== central.directoryOffset || seen.length !== central.entries.length) throw broken();
  return seen;
}

function readCentralDirectory(buffer: Buffer, limits: ZipLimits): { entries: CentralEntry[]; directoryOffset: number } {
  // The end record is the last 22 bytes, unless a comment (at most 65,535 bytes) follows it.
  let end = -1;
  for (let at = buffer.length - 22; at >= Math.max(0, buffer.length - 22 - 0xffff); at--) {
    if (buffer.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) throw broken();
  const count = buffer.readUInt16LE(end + 10);
  const directorySize = buffer.readUInt32LE(end + 12);
  const directoryOffset = buffer.readUInt32LE(end + 16);
  // 0xFFFF / 0xFFFFFFFF mean Zip64, which only files far beyond any upload limit here need.
  if (count === 0xffff || directoryOffset === 0xffffffff || directorySize === 0xffffffff) throw broken();
  if (count > limits.maxEntries) {
    throw new PayloadTooLargeException(`压缩包内文件过多（${count} 个，上限 ${limits.maxEntries} 个），已拒绝`);
  }
  if (directoryOffset + directorySize > end) throw broken();

  const entries: CentralEntry[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || buffer.readUInt32LE(at) !== CENTRAL_HEADER) throw broken();
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    const entry: CentralEntry = {
      flags: buffer.readUInt16LE(at + 8),
      method: buffer.readUInt16LE(at + 10),
      compressedBytes: buffer.readUInt32LE(at + 20),
      statedBytes: buffer.readUInt32LE(at + 24),
      localOffset: buffer.readUInt32LE(at + 42),
      name: buffer.toString('utf8', at + 46, at + 46 + nameLength),
    };
    if (entry.method !== STORED && entry.method !== DEFLATED) throw broken();
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  if (at !== directoryOffset + directorySize) throw broken();
  const stated = entries.reduce((sum, entry) => sum + entry.statedBytes, 0);
  const largest = entries.reduce((max, entry) => Math.max(max, entry.statedBytes), 0);
  if (largest > limits.maxEntryBytes || stated > limits.maxTotalBytes) throw tooLarge(limits);
  return { entries, directoryOffset };
}

function tooLarge(limits: ZipLimits): PayloadTooLargeException {
  return new PayloadTooLargeException(
    `文件解压后过大（上限 ${mb(limits.maxTotalBytes)}，单个部件 ${mb(limits.maxEntryBytes)}），已拒绝：请删去多余的工作表、空行和格式后再上传`,
  );
}

/**
 * Inflates one entry as a stream, counting: over a limit it stops at once. The entry must inflate
 * to exactly the size it states and use exactly its compressed bytes, as any honest zip does.
 */
async function inflatedSize(
  data: Buffer,
  entry: CentralEntry,
  limits: ZipLimits,
  totalBefore: number,
): Promise<number> {
  if (entry.method === STORED) {
    if (data.length !== entry.statedBytes) throw broken();
    if (data.length > limits.maxEntryBytes || totalBefore + data.length > limits.maxTotalBytes) {
      throw tooLarge(limits);
    }
    return data.length;
  }
  let inflated = 0;
  let refusal: PayloadTooLargeException | undefined;
  const refuse = (error: PayloadTooLargeException) => {
    refusal = error;
    throw error;
  };
  const inflater = createInflateRaw();
  const feed = Readable.from(
    (function* () {
      for (let at = 0; at < data.length; at += INFLATE_FEED_BYTES) {
        yield data.subarray(at, at + INFLATE_FEED_BYTES);
      }
    })(),
  );
  try {
    await pipeline(feed, inflater, async (chunks: AsyncIterable<Buffer>) => {
      for await (const chunk of chunks) {
        inflated += chunk.length;
        if (inflated > limits.maxEntryBytes || totalBefore + inflated > limits.maxTotalBytes) refuse(tooLarge(limits));
        // bytesWritten counts the compressed bytes zlib has consumed so far.
        if (inflated > limits.ratioGraceBytes && inflated > inflater.bytesWritten * limits.maxRatio) {
          refuse(new PayloadTooLargeException(`文件压缩比异常（超过 ${limits.maxRatio} 倍），疑似压缩炸弹，已拒绝`));
        }
      }
    });
  } catch {
    // pipeline reports the abort it caused rather than the refusal that caused it.
    if (refusal) throw refusal;
    throw broken();
  }
  if (inflater.bytesWritten !== data.length || inflated !== entry.statedBytes) throw broken();
  return inflated;
}
