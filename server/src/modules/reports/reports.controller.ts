import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  Put,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Permission,
  REPORT_ATTACHMENT_MAX_BYTES,
  type Page,
  type ReportAttachmentDto,
  type ReportDetailDto,
  type ReportSummaryDto,
} from '@campus/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AnyPermission, CurrentUser, Permissions } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { sendFile } from '../../common/http/send-file';
import { readUpload } from '../../common/http/upload';
import { ReportCommentDto, ReportInputDto, ReportListQueryDto, ReportReviewDto } from './dto/report.dto';
import { ReportsService } from './reports.service';

@ApiTags('信息报送')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get()
  @AnyPermission(Permission.ReportManage, Permission.ReportSubmit)
  @ApiOperation({ summary: '报送列表：办公室看全部，报送人只看本单位' })
  list(@CurrentUser() principal: Principal, @Query() query: ReportListQueryDto): Promise<Page<ReportSummaryDto>> {
    return this.reports.list(principal, query);
  }

  @Post()
  @Permissions(Permission.ReportSubmit)
  @ApiOperation({ summary: '提交本单位的报送；incident=true 为重大信息，立即通知办公室' })
  submit(@CurrentUser() principal: Principal, @Body() body: ReportInputDto): Promise<ReportDetailDto> {
    return this.reports.submit(principal, body);
  }

  @Get(':id')
  @AnyPermission(Permission.ReportManage, Permission.ReportSubmit)
  detail(@CurrentUser() principal: Principal, @Param('id', ParseIntPipe) id: number): Promise<ReportDetailDto> {
    return this.reports.detail(principal, id);
  }

  @Put(':id')
  @Permissions(Permission.ReportSubmit)
  @ApiOperation({ summary: '修改本单位的报送（审阅前）' })
  update(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: ReportInputDto,
  ): Promise<ReportDetailDto> {
    return this.reports.update(principal, id, body);
  }

  @Post(':id/attachments')
  @Permissions(Permission.ReportSubmit)
  @ApiConsumes('multipart/form-data')
  @ApiOperation({ summary: '上传附件（PDF、Word、Excel、PNG、JPG，每个不超过 10 MB，按内容识别类型）' })
  async addAttachment(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Req() request: FastifyRequest,
  ): Promise<ReportAttachmentDto> {
    return this.reports.addAttachment(principal, id, await readUpload(request, REPORT_ATTACHMENT_MAX_BYTES));
  }

  @Get(':id/attachments/:attachmentId')
  @AnyPermission(Permission.ReportManage, Permission.ReportSubmit)
  @ApiOperation({ summary: '下载附件' })
  async attachment(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Param('attachmentId', ParseIntPipe) attachmentId: number,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { file, body } = await this.reports.attachment(principal, id, attachmentId);
    const ext = file.storageKey.split('.').pop() ?? '';
    // The download's extension is the one its content was recognised as.
    const name = file.originalName.toLowerCase().endsWith(`.${ext}`)
      ? file.originalName
      : `${file.originalName}.${ext}`;
    await sendFile(reply, body, name);
  }

  @Delete(':id/attachments/:attachmentId')
  @HttpCode(204)
  @Permissions(Permission.ReportSubmit)
  async removeAttachment(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Param('attachmentId', ParseIntPipe) attachmentId: number,
  ): Promise<void> {
    await this.reports.removeAttachment(principal, id, attachmentId);
  }

  @Post(':id/comments')
  @AnyPermission(Permission.ReportManage, Permission.ReportSubmit)
  @ApiOperation({ summary: '留言：办公室的意见或本单位的回复' })
  comment(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: ReportCommentDto,
  ): Promise<ReportDetailDto> {
    return this.reports.comment(principal, id, body.body);
  }

  @Post(':id/review')
  @HttpCode(200)
  @Permissions(Permission.ReportManage)
  @ApiOperation({ summary: '标记已审阅（可附意见）' })
  review(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: ReportReviewDto,
  ): Promise<ReportDetailDto> {
    return this.reports.review(principal, id, body.comment);
  }
}
