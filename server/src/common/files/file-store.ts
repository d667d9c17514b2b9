import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import type { UploadedFile } from '../http/upload';
import { sniffFileType } from './file-type';
import { StoredFile } from './stored-file.entity';

export interface StoreOptions {
  /** First folder under the upload directory, by feature (`reports`, `anti-fraud-app`). */
  folder: string;
  /** Extensions (as sniffFileType names them) accepted here. */
  allowed: ReadonlySet<string>;
  /** The accepted types in words, for the refusal: 「PDF、Word、PNG」. */
  allowedLabel: string;
  uploadedBy: number;
}

/** A display name without any path, control characters or excess length. */
function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what a file name must not keep
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (cleaned || '附件').slice(-200);
}

/**
 * Uploaded files on disk under DATA_DIR/uploads, one row each in `stored_file`. The content is
 * checked against the allowed types by its magic bytes before anything is written, and the stored
 * name is random, so an upload can neither choose where it lands nor pass as another type.
 */
@Injectable()
export class FileStore {
  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async save(upload: UploadedFile, options: StoreOptions): Promise<StoredFile> {
    if (upload.buffer.length === 0)
      throw new UnprocessableEntityException({
        message: '文件是空的',
        errors: [{ field: 'file', message: '文件是空的' }],
      });
    const type = sniffFileType(upload.buffer, upload.filename);
    if (!type || !options.allowed.has(type.ext)) {
      const message = `不支持该文件类型，只能上传 ${options.allowedLabel}`;
      throw new UnprocessableEntityException({ message, errors: [{ field: 'file', message }] });
    }
    const now = new Date();
    const storageKey = `${options.folder}/${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${randomBytes(16).toString('hex')}.${type.ext}`;
    const path = this.pathOf(storageKey);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, upload.buffer, { flag: 'wx' });
    try {
      const repo = this.dataSource.getRepository(StoredFile);
      return await repo.save(
        repo.create({
          storageKey,
          originalName: cleanName(upload.filename),
          mimeType: type.mime,
          size: upload.buffer.length,
          uploadedBy: options.uploadedBy,
        }),
      );
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
  }

  /** The file and its bytes; null when the row or the file on disk is gone. */
  async read(id: number): Promise<{ file: StoredFile; body: Buffer } | null> {
    const file = await this.dataSource.getRepository(StoredFile).findOne({ where: { id } });
    if (!file) return null;
    const body = await readFile(this.pathOf(file.storageKey)).catch(() => null);
    return body ? { file, body } : null;
  }

  async remove(id: number): Promise<void> {
    const file = await this.dataSource.getRepository(StoredFile).findOne({ where: { id } });
    if (!file) return;
    await this.dataSource.getRepository(StoredFile).delete({ id });
    await rm(this.pathOf(file.storageKey), { force: true });
  }

  private pathOf(storageKey: string): string {
    return join(this.config.uploadDir, storageKey);
  }
}
