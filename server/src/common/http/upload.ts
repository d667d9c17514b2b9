import { BadRequestException, PayloadTooLargeException } from '@nestjs/common';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** File parts read from one request before giving up on finding the expected one. */
const MAX_FILE_PARTS = 4;

export interface UploadedFile {
  filename: string;
  mimetype: string;
  buffer: Buffer;
}

/**
 * Reads the multipart field `file` into memory, refusing anything larger than `maxBytes` with 413.
 * Other fields are read and dropped.
 */
export async function readUpload(request: FastifyRequest, maxBytes: number, field = 'file'): Promise<UploadedFile> {
  if (!request.isMultipart())
    throw new BadRequestException({
      message: `请以 multipart/form-data 上传文件（字段名 ${field}）`,
      errors: [{ field, message: '缺少文件' }],
    });
  const part = await expectedFilePart(request, maxBytes, field);
  const buffer = await part.toBuffer().catch((error: { code?: string }) => {
    if (error.code === 'FST_REQ_FILE_TOO_LARGE')
      throw new PayloadTooLargeException(`文件超过 ${Math.round(maxBytes / 1024 / 1024)} MB 上限`);
    throw error;
  });
  if (part.file.truncated) throw new PayloadTooLargeException(`文件超过 ${Math.round(maxBytes / 1024 / 1024)} MB 上限`);
  return { filename: part.filename, mimetype: part.mimetype, buffer };
}

export interface SavedUpload {
  filename: string;
  mimetype: string;
  size: number;
}

/**
 * Streams the multipart field `file` to `path` without holding it in memory (videos of hundreds of
 * MB). Larger than `maxBytes` → 413, and nothing is left on disk.
 */
export async function saveUpload(
  request: FastifyRequest,
  maxBytes: number,
  path: string,
  field = 'file',
): Promise<SavedUpload> {
  if (!request.isMultipart())
    throw new BadRequestException({
      message: `请以 multipart/form-data 上传文件（字段名 ${field}）`,
      errors: [{ field, message: '缺少文件' }],
    });
  const tooLarge = () => new PayloadTooLargeException(`文件超过 ${Math.round(maxBytes / 1024 / 1024)} MB 上限`);
  const part = await expectedFilePart(request, maxBytes, field);
  try {
    await pipeline(part.file, createWriteStream(path));
  } catch (error) {
    await rm(path, { force: true });
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    throw error;
  }
  if (part.file.truncated) {
    await rm(path, { force: true });
    throw tooLarge();
  }
  return { filename: part.filename, mimetype: part.mimetype, size: (await stat(path)).size };
}

/** Reads and discards a stream: a part nobody reads stalls the request, which then never ends. */
function drain(stream: NodeJS.ReadableStream): Promise<void> {
  return pipeline(stream, new Writable({ write: (_chunk, _encoding, done) => done() }));
}

/**
 * The multipart file part named `field`. Every other part is read to its end and dropped (a file
 * part left unread holds the request open forever); when none is named `field`, 400 says which
 * field name was expected and which were sent.
 */
async function expectedFilePart(request: FastifyRequest, maxBytes: number, field: string): Promise<MultipartFile> {
  const others: string[] = [];
  // A few files, not one: a wrongly named file sent first must not use up the count. Each part is
  // bounded by `fileSize`.
  for await (const part of request.parts({ limits: { fileSize: maxBytes, files: MAX_FILE_PARTS } })) {
    if (part.type === 'file' && part.fieldname === field) return part;
    others.push(part.fieldname);
    if (part.type === 'file') await drain(part.file);
  }
  const sent = others.length > 0 ? `，收到的字段为 ${[...new Set(others)].join('、')}` : '';
  throw new BadRequestException({
    message: `缺少上传文件：文件须放在名为 ${field} 的字段中${sent}`,
    errors: [{ field, message: `缺少文件（字段名应为 ${field}）` }],
  });
}
