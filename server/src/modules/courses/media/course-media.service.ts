import { ForbiddenException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import type { UploadedImage, UploadedVideo } from '@campus/shared';
import type { FastifyRequest } from 'fastify';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { open, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AuthSecret } from '../../../common/auth/auth-secret';
import { readUpload, saveUpload } from '../../../common/http/upload';
import { AppConfig } from '../../../config/app-config';
import { OWN_IMAGE_PATH } from '../article-html';
import { IMAGE_FILE, sniffImage, sniffVideo, VIDEO_FILE } from './media-types';

/** How long a signed video address works: long enough to watch a lesson, short enough not to be shared around. */
const VIDEO_URL_TTL_SECONDS = 3 * 3600;
const VIDEO_PATH = '/api/course-media/videos/';

/**
 * Course media under DATA_DIR/uploads: videos (served only through short-lived signed addresses,
 * since a <video> element cannot send the Authorization header) and article images (random names,
 * served openly: an article's HTML is stored, so its image addresses cannot expire).
 */
@Injectable()
export class CourseMediaService {
  /** Upload limits in bytes; tests lower them rather than send 500 MB. */
  readonly limits = { videoBytes: 500 * 1024 * 1024, imageBytes: 5 * 1024 * 1024 };
  private readonly videoDir: string;
  private readonly imageDir: string;

  constructor(
    config: AppConfig,
    private readonly secret: AuthSecret,
  ) {
    this.videoDir = join(config.uploadDir, 'videos');
    this.imageDir = join(config.uploadDir, 'images');
  }

  async saveVideo(request: FastifyRequest): Promise<UploadedVideo> {
    await mkdir(this.videoDir, { recursive: true });
    const temp = join(this.videoDir, `.upload-${randomBytes(8).toString('hex')}`);
    const saved = await saveUpload(request, this.limits.videoBytes, temp);
    const type = sniffVideo(await readHead(temp, 16));
    if (!type) {
      await rm(temp, { force: true });
      const message =
        saved.size === 0
          ? '上传的文件是空的'
          : `「${saved.filename}」不是 MP4 或 WebM 视频（按文件内容判断，与扩展名无关）`;
      throw new UnprocessableEntityException({ message, errors: [{ field: 'file', message }] });
    }
    const file = `${randomBytes(16).toString('hex')}.${type.ext}`;
    await rename(temp, join(this.videoDir, file));
    return { file, size: saved.size, mimeType: type.mime, url: this.signedVideoUrl(file) };
  }

  async saveImage(request: FastifyRequest): Promise<UploadedImage> {
    const upload = await readUpload(request, this.limits.imageBytes);
    const type = sniffImage(upload.buffer);
    if (!type) {
      const message = `「${upload.filename}」不是 PNG、JPEG、GIF 或 WebP 图片`;
      throw new UnprocessableEntityException({ message, errors: [{ field: 'file', message }] });
    }
    await mkdir(this.imageDir, { recursive: true });
    const file = `${randomBytes(16).toString('hex')}.${type.ext}`;
    await writeFile(join(this.imageDir, file), upload.buffer);
    return { url: `${OWN_IMAGE_PATH}${file}` };
  }

  /** Whether an uploaded video of that name exists (a lesson may only point at one that does). */
  async videoExists(file: string): Promise<boolean> {
    if (!VIDEO_FILE.test(file)) return false;
    return stat(join(this.videoDir, file)).then(
      (s) => s.isFile(),
      () => false,
    );
  }

  signedVideoUrl(file: string, now = Date.now()): string {
    const exp = Math.floor(now / 1000) + VIDEO_URL_TTL_SECONDS;
    return `${VIDEO_PATH}${file}?exp=${exp}&sig=${this.signature(file, exp)}`;
  }

  /** The path of a video whose signed address is genuine and unexpired; 403 otherwise, 404 when gone. */
  async verifiedVideo(
    file: string,
    exp: string | undefined,
    sig: string | undefined,
  ): Promise<{ path: string; size: number }> {
    const expiry = Number(exp);
    const denied = () => new ForbiddenException('视频链接无效或已过期，请刷新页面');
    if (!VIDEO_FILE.test(file) || !sig || !Number.isInteger(expiry) || expiry * 1000 < Date.now()) throw denied();
    const expected = Buffer.from(this.signature(file, expiry));
    const given = Buffer.from(sig);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw denied();
    return this.existing(join(this.videoDir, file));
  }

  async image(file: string): Promise<{ path: string; size: number }> {
    if (!IMAGE_FILE.test(file)) throw new NotFoundException('图片不存在');
    return this.existing(join(this.imageDir, file));
  }

  private async existing(path: string): Promise<{ path: string; size: number }> {
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) throw new NotFoundException('文件不存在');
    return { path, size: info.size };
  }

  private signature(file: string, exp: number): string {
    return createHmac('sha256', this.secret.key).update(`course-video:${file}:${exp}`).digest('base64url');
  }
}

async function readHead(path: string, bytes: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
