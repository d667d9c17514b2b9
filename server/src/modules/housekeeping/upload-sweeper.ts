import { Injectable, Logger } from '@nestjs/common';
import { readdir, rm, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { Clock } from '../../common/clock/clock';
import { FileStore } from '../../common/files/file-store';
import { AppConfig } from '../../config/app-config';
import { Sql } from '../../database/sql';
import { AuditService, SYSTEM_ACTOR } from '../audit/audit.service';

export interface SweepResult {
  /** stored_file rows (and their files) that no report or APP record refers to. */
  rows: number;
  /** Files on disk that nothing refers to: course images and videos, leftovers of failed uploads. */
  files: number;
  bytes: number;
}

/** Folders FileStore writes into, one row in stored_file per file. */
const STORED_FOLDERS = ['reports', 'anti-fraud-app'];
const MEDIA_NAME = /[a-f0-9]{32}\.(?:png|jpe?g|gif|webp|mp4|webm)/g;

/**
 * Removes uploads nothing refers to, once they are older than UPLOAD_GRACE_HOURS: the grace covers
 * files uploaded a moment ago whose row, lesson or letter is still being written (an image is
 * uploaded while the article is edited, and saved with it minutes later). Referenced means:
 * - a stored_file row used by a report attachment or an APP record (rows and their files);
 * - a course image named in a lesson's or a letter's HTML (or a case study), a video named by a lesson;
 * - any file of the FileStore folders that has a stored_file row.
 * Everything else under the upload folder — including `.upload-*` leftovers of interrupted video
 * uploads — goes. Runs nightly (HousekeepingScheduler) and writes one audit line when it removed
 * anything.
 */
@Injectable()
export class UploadSweeper {
  private readonly logger = new Logger(UploadSweeper.name);

  constructor(
    private readonly sql: Sql,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly files: FileStore,
    private readonly audit: AuditService,
  ) {}

  async sweep(): Promise<SweepResult> {
    const before = new Date(this.clock.now() - this.config.uploadGraceHours * 3600_000);
    const result: SweepResult = { rows: 0, files: 0, bytes: 0 };

    const orphans = await this.sql.query<Array<{ id: unknown; size: unknown }>>(
      `SELECT f.id, f.size FROM stored_file f
       WHERE f.created_at < ?
         AND NOT EXISTS (SELECT 1 FROM report_attachment r WHERE r.file_id = f.id)
         AND NOT EXISTS (SELECT 1 FROM anti_fraud_app_report a WHERE a.screenshot_file_id = f.id)`,
      [before],
    );
    for (const row of orphans) {
      await this.files.remove(Number(row.id));
      result.rows += 1;
      result.bytes += Number(row.size);
    }

    const keys = new Set(
      (await this.sql.query<Array<{ storage_key: string }>>('SELECT storage_key FROM stored_file')).map((r) =>
        r.storage_key.split('/').join(sep),
      ),
    );
    const media = await this.referencedMedia();
    const root = this.config.uploadDir;
    for (const path of await walk(root)) {
      const rel = relative(root, path);
      const [folder] = rel.split(sep);
      const name = rel.split(sep).pop()!;
      const referenced = STORED_FOLDERS.includes(folder!)
        ? keys.has(rel)
        : (folder === 'images' || folder === 'videos') && media.has(name);
      if (referenced) continue;
      const info = await stat(path).catch(() => null);
      if (!info?.isFile() || info.mtime >= before) continue;
      await rm(path, { force: true });
      result.files += 1;
      result.bytes += info.size;
    }

    if (result.rows + result.files > 0) {
      this.logger.log(`Uploads: removed ${result.rows} unused stored files and ${result.files} unreferenced files`);
      await this.audit.record(
        SYSTEM_ACTOR,
        'housekeeping.uploads',
        { type: 'upload' },
        `清理超过 ${this.config.uploadGraceHours} 小时未被使用的上传文件 ${result.rows + result.files} 个（${(result.bytes / 1024 / 1024).toFixed(1)} MB）`,
        { ...result },
      );
    }
    return result;
  }

  /** Names of course images and videos that a lesson or a letter uses. */
  private async referencedMedia(): Promise<Set<string>> {
    const names = new Set<string>();
    const texts = [
      ...(await this.sql.query<Array<Record<string, unknown>>>('SELECT html, case_study, video_file FROM lesson')),
      ...(await this.sql.query<Array<Record<string, unknown>>>('SELECT html FROM letter')),
    ];
    for (const row of texts) {
      for (const value of Object.values(row)) {
        if (typeof value !== 'string') continue;
        for (const match of value.matchAll(MEDIA_NAME)) names.add(match[0]);
      }
    }
    return names;
  }
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const paths: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) paths.push(...(await walk(path)));
    else if (entry.isFile()) paths.push(path);
  }
  return paths;
}
