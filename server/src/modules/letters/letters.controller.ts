import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Permission,
  type LetterConfirmResult,
  type LetterDto,
  type MyLetterDto,
  type NotDoneRow,
  type Page,
  type ReachReport,
} from '@campus/shared';
import type { FastifyReply } from 'fastify';
import { AnyPermission, CurrentUser, Permissions } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { sendFile } from '../../common/http/send-file';
import { NotDoneQueryDto, ReachExportQueryDto, ReachQueryDto } from '../courses/dto/reach.dto';
import { ReachReportService } from '../courses/reach-report.service';
import { LetterInputDto } from './dto/letter.dto';
import { SchoolSettingsService } from '../school/school-settings.service';
import { LettersService } from './letters.service';
import { BODY_LIMITS, BodyLimit } from '../../common/http/body-limit';
import { ReadsFromReplica } from '../../database/read-replicas';
import { AuditedExport } from '../audit/audited-export';

@ApiTags('致新生一封信')
@Controller()
export class LettersController {
  constructor(
    private readonly letters: LettersService,
    private readonly reach: ReachReportService,
    private readonly school: SchoolSettingsService,
  ) {}

  @Get('my/letter')
  @Permissions(Permission.LetterConfirm)
  @ApiOperation({ summary: '写给我（本入学年份新生）的信及我的确认时间；没有则 404' })
  mine(@CurrentUser() principal: Principal): Promise<MyLetterDto> {
    return this.letters.mine(principal);
  }

  @Post('my/letter/confirm')
  @HttpCode(200)
  @Permissions(Permission.LetterConfirm)
  @ApiOperation({ summary: '“我已阅读并知晓”：确认；再次确认保留第一次的时间' })
  confirm(@CurrentUser() principal: Principal): Promise<LetterConfirmResult> {
    return this.letters.confirm(principal);
  }

  @Get('letters')
  @AnyPermission(Permission.CourseManage, Permission.CourseProgressRead)
  @ApiOperation({ summary: '各入学年份的新生信' })
  list(): Promise<LetterDto[]> {
    return this.letters.list();
  }

  @Post('letters')
  @BodyLimit(BODY_LIMITS.richText)
  @Permissions(Permission.CourseManage)
  @ApiOperation({ summary: '写一封新生信（每个入学年份一封；已有则 409）' })
  create(@CurrentUser() principal: Principal, @Body() body: LetterInputDto): Promise<LetterDto> {
    return this.letters.create(principal, body);
  }

  @Get('letters/:id')
  @AnyPermission(Permission.CourseManage, Permission.CourseProgressRead)
  @ApiOperation({ summary: '一封新生信' })
  get(@Param('id', ParseIntPipe) id: number): Promise<LetterDto> {
    return this.letters.get(id);
  }

  @Put('letters/:id')
  @BodyLimit(BODY_LIMITS.richText)
  @Permissions(Permission.CourseManage)
  @ApiOperation({ summary: '修改新生信（已有的确认保留）' })
  update(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: LetterInputDto,
  ): Promise<LetterDto> {
    return this.letters.update(principal, id, body);
  }

  @Delete('letters/:id')
  @HttpCode(204)
  @Permissions(Permission.CourseManage)
  @ApiOperation({ summary: '删除新生信（已有学生确认则 409）' })
  async remove(@CurrentUser() principal: Principal, @Param('id', ParseIntPipe) id: number): Promise<void> {
    await this.letters.remove(principal, id);
  }

  @Get('letters/:id/confirmation')
  @Permissions(Permission.CourseProgressRead)
  @ApiOperation({ summary: '新生信确认率：按学院或班级（groupBy=college|class）；学院管理员只看到本学院' })
  async confirmation(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Query() query: ReachQueryDto,
  ): Promise<ReachReport> {
    const { subject } = await this.letters.reachSubject(id);
    return this.reach.report(principal, subject, query);
  }

  @Get('letters/:id/unconfirmed')
  @Permissions(Permission.CourseProgressRead)
  @ApiOperation({ summary: '尚未确认新生信的学生名单（分页）' })
  async unconfirmed(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Query() query: NotDoneQueryDto,
  ): Promise<Page<NotDoneRow>> {
    const { subject } = await this.letters.reachSubject(id);
    return this.reach.notDone(principal, subject, query);
  }

  @ReadsFromReplica()
  @Get('letters/:id/confirmation/export')
  @AuditedExport()
  @Permissions(Permission.CourseProgressRead)
  @ApiOperation({ summary: '导出新生信确认情况（.xlsx）' })
  async exportConfirmation(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Query() query: ReachExportQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { letter, subject } = await this.letters.reachSubject(id);
    const file = await this.reach.exportXlsx(principal, subject, query, '确认');
    const title = await this.school.renderText(letter.title);
    await sendFile(reply, file, await this.school.exportTitle(`${letter.enrollmentYear}级${title}-确认情况.xlsx`));
  }
}
