import { BadRequestException, PayloadTooLargeException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';

export interface UploadedFile {
  filename: string;
  mimetype: string;
  buffer: Buffer;
}

/**
 * Reads the multipart field `file` into memory, refusing anything larger than `maxBytes` with 413.
 * Other fields are ignored.
 */
export async function readUpload(request: FastifyRequest, maxBytes: number, field = 'file'): Promise<UploadedFile> {
  if (!request.isMultipart())
    throw new BadRequestException({
      message: `请以 multipart/form-data 上传文件（字段名 ${field}）`,
      errors: [{ field, message: '缺少文件' }],
    });
  for await (const part of request.parts({ limits: { fileSize: maxBytes, files: 1 } })) {
    if (part.type !== 'file' || part.fieldname !== field) continue;
    const buffer = await part.toBuffer().catch((error: { code?: string }) => {
      if (error.code === 'FST_REQ_FILE_TOO_LARGE')
        throw new PayloadTooLargeException(`文件超过 ${Math.round(maxBytes / 1024 / 1024)} MB 上限`);
      throw error;
    });
    if (part.file.truncated)
      throw new PayloadTooLargeException(`文件超过 ${Math.round(maxBytes / 1024 / 1024)} MB 上限`);
    return { filename: part.filename, mimetype: part.mimetype, buffer };
  }
  throw new BadRequestException({
    message: `缺少上传文件（字段名 ${field}）`,
    errors: [{ field, message: '缺少文件' }],
  });
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
  for await (const part of request.parts({ limits: { fileSize: maxBytes, files: 1 } })) {
    if (part.type !== 'file' || part.fieldname !== field) continue;
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
  throw new BadRequestException({
    message: `缺少上传文件（字段名 ${field}）`,
    errors: [{ field, message: '缺少文件' }],
  });
}
