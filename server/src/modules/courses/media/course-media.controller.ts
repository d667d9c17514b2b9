import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, type UploadedImage, type UploadedVideo } from '@campus/shared';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createReadStream } from 'node:fs';
import { Permissions, Public } from '../../../common/auth/access.decorators';
import { parseByteRange } from './byte-range';
import { CourseMediaService } from './course-media.service';
import { mimeOf } from './media-types';

class SignedMediaQuery {
  @IsOptional()
  @IsString()
  @MaxLength(20)
  exp?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  sig?: string;
}

@ApiTags('课程')
@Controller('course-media')
export class CourseMediaController {
  constructor(private readonly media: CourseMediaService) {}

  @Post('videos')
  @HttpCode(201)
  @Permissions(Permission.CourseManage)
  @ApiConsumes('multipart/form-data')
  @ApiOperation({ summary: '上传课程视频（字段 file；MP4 或 WebM，按内容判断；最大 500 MB，超出 413，类型不符 422）' })
  uploadVideo(@Req() request: FastifyRequest): Promise<UploadedVideo> {
    return this.media.saveVideo(request);
  }

  @Post('images')
  @HttpCode(201)
  @Permissions(Permission.CourseManage)
  @ApiConsumes('multipart/form-data')
  @ApiOperation({ summary: '上传文章插图（字段 file；PNG/JPEG/GIF/WebP，最大 5 MB）；返回可直接放入 <img src> 的地址' })
  uploadImage(@Req() request: FastifyRequest): Promise<UploadedImage> {
    return this.media.saveImage(request);
  }

  /**
   * <video> cannot send the Authorization header, so this route is public and the address itself
   * carries the permission: an HMAC signature with an expiry, handed out with the lesson.
   */
  @Get('videos/:file')
  @Public()
  @ApiOperation({ summary: '播放课程视频（签名地址，支持 Range 断点/拖动：206 + Content-Range，范围无效 416）' })
  async video(
    @Param('file') file: string,
    @Query() query: SignedMediaQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { path, size } = await this.media.verifiedVideo(file, query.exp, query.sig);
    const range = parseByteRange(request.headers.range, size);
    if (range === 'unsatisfiable') {
      await reply
        .status(416)
        .header('Content-Range', `bytes */${size}`)
        .header('Content-Type', 'application/json; charset=utf-8')
        .send(
          JSON.stringify({ statusCode: 416, message: `请求的范围无效（文件共 ${size} 字节）`, requestId: request.id }),
        );
      return;
    }
    void reply
      .header('Accept-Ranges', 'bytes')
      .header('Content-Type', mimeOf(file))
      .header('Cache-Control', 'private, max-age=3600');
    if (range === null) {
      await reply.header('Content-Length', size).send(createReadStream(path));
      return;
    }
    await reply
      .status(206)
      .header('Content-Range', `bytes ${range.start}-${range.end}/${size}`)
      .header('Content-Length', range.end - range.start + 1)
      .send(createReadStream(path, { start: range.start, end: range.end }));
  }

  /** Article images have random names and are not secret: an <img> cannot authenticate either. */
  @Get('images/:file')
  @Public()
  @ApiOperation({ summary: '文章插图' })
  async image(@Param('file') file: string, @Res() reply: FastifyReply): Promise<void> {
    const { path, size } = await this.media.image(file);
    await reply
      .header('Content-Type', mimeOf(file))
      .header('Content-Length', size)
      .header('Cache-Control', 'public, max-age=31536000, immutable')
      .send(createReadStream(path));
  }
}
