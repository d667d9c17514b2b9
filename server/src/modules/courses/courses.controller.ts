import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Permission,
  type CourseDto,
  type CourseOutlineDto,
  type NotDoneRow,
  type Page,
  type ReachReport,
} from '@campus/shared';
import type { FastifyReply } from 'fastify';
import { AnyPermission, CurrentUser, Permissions } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { sendFile } from '../../common/http/send-file';
import { SchoolSettingsService } from '../school/school-settings.service';
import { CoursesService } from './courses.service';
import { ChapterInputDto, CourseInputDto, CourseListQueryDto, CourseOrderDto, LessonInputDto } from './dto/course.dto';
import { NotDoneQueryDto, ReachExportQueryDto, ReachQueryDto } from './dto/reach.dto';
import { ReachReportService } from './reach-report.service';
import { BODY_LIMITS, BodyLimit } from '../../common/http/body-limit';
import { ReadsFromReplica } from '../../database/read-replicas';
import { AuditedExport } from '../audit/audited-export';

/** Building courses (CourseManage) and their completion tables (CourseProgressRead). */
@ApiTags('课程管理')
@Controller()
export class CoursesController {
  constructor(
    private readonly courses: CoursesService,
    private readonly reach: ReachReportService,
    private readonly school: SchoolSettingsService,
  ) {}

  @Get('courses')
  @AnyPermission(Permission.CourseManage, Permission.CourseProgressRead)
  @ApiOperation({ summary: '课程列表（管理员；学院管理员可查看以选择课程查进度）' })
  list(@Query() query: CourseListQueryDto): Promise<Page<CourseDto>> {
    return this.courses.list(query);
  }

  @Post('courses')
  @Permissions(Permission.CourseManage)
  @ApiOperation({
    summary: '新建课程（草稿）：名称、简介、必修/选修、截止时间、面向对象（学院、入学年份，留空为全校）',
  })
  create(@Body() body: CourseInputDto): Promise<CourseDto> {
    return this.courses.create(body);
  }

  @Put('courses/:id')
  @Permissions(Permission.CourseManage)
  @ApiOperation({ summary: '修改课程设置' })
  update(@Param('id', ParseIntPipe) id: number, @Body() body: CourseInputDto): Promise<CourseDto> {
    return this.courses.update(id, body);
  }

  @Delete('courses/:id')
  @HttpCode(204)
  @Permissions(Permission.CourseManage)
  @ApiOperation({ summary: '删除课程（仅草稿；已发布的请先撤回发布，409）' })
  async remove(@Param('id', ParseIntPipe) id: number): Promise<void> {
    await this.courses.remove(id);
  }

  @Get('courses/:id/outline')
  @Permissions(Permission.CourseManage)
  @ApiOperation({ summary: '课程的完整结构与内容（编辑器用）' })
  outline(@Param('id', ParseIntPipe) id: number): Promise<CourseOutlineDto> {
    return this.courses.outline(id);
  }

  @Post('courses/:id/publish')
  @HttpCode(200)
  @Permissions(Permission.CourseManage)
  @ApiOperation({ summary: '发布课程（至少一个课时，否则 409）' })
  publish(@Param('id', ParseIntPipe) id: number): Promise<CourseDto> {
    return this.courses.publish(id);
  }

  @Post('courses/:id/unpublish')
  @HttpCode(200)
  @Permissions(Permission.CourseManage)
  @ApiOperation({ summary: '撤回发布（学生不再看到；学习记录保留）' })
  unpublish(@Param('id', ParseIntPipe) id: number): Promise<CourseDto> {
    return this.courses.unpublish(id);
  }

  @Put('courses/:id/order')
  @Permissions(Permission.CourseManage)
  @ApiOperation({ summary: '调整章节与课时顺序（拖动排序）：按新顺序列出全部章节及各章全部课时，课时可移到其他章节' })
  reorder(@Param('id', ParseIntPipe) id: number, @Body() body: CourseOrderDto): Promise<CourseOutlineDto> {
    return this.courses.reorder(id, body);
  }

  @Post('courses/:id/chapters')
  @Permissions(Permission.CourseManage)
  @ApiOperation({ summary: '添加章节（排在最后）；返回课程结构' })
  addChapter(@Param('id', ParseIntPipe) id: number, @Body() body: ChapterInputDto): Promise<CourseOutlineDto> {
    return this.courses.addChapter(id, body.title);
  }

  @Put('chapters/:id')
  @Permissions(Permission.CourseManage)
  @ApiOperation({ summary: '修改章节名称' })
  renameChapter(@Param('id', ParseIntPipe) id: number, @Body() body: ChapterInputDto): Promise<CourseOutlineDto> {
    return this.courses.renameChapter(id, body.title);
  }

  @Delete('chapters/:id')
  @Permissions(Permission.CourseManage)
  @ApiOperation({ summary: '删除章节及其课时' })
  removeChapter(@Param('id', ParseIntPipe) id: number): Promise<CourseOutlineDto> {
    return this.courses.removeChapter(id);
  }

  @Post('chapters/:id/lessons')
  @BodyLimit(BODY_LIMITS.richText)
  @Permissions(Permission.CourseManage)
  @ApiOperation({ summary: '添加课时：图文（HTML 服务器端清洗）、视频（上传文件或 https 地址）或案例' })
  addLesson(@Param('id', ParseIntPipe) id: number, @Body() body: LessonInputDto): Promise<CourseOutlineDto> {
    return this.courses.addLesson(id, body);
  }

  @Put('lessons/:id')
  @BodyLimit(BODY_LIMITS.richText)
  @Permissions(Permission.CourseManage)
  @ApiOperation({ summary: '修改课时' })
  updateLesson(@Param('id', ParseIntPipe) id: number, @Body() body: LessonInputDto): Promise<CourseOutlineDto> {
    return this.courses.updateLesson(id, body);
  }

  @Delete('lessons/:id')
  @Permissions(Permission.CourseManage)
  @ApiOperation({ summary: '删除课时' })
  removeLesson(@Param('id', ParseIntPipe) id: number): Promise<CourseOutlineDto> {
    return this.courses.removeLesson(id);
  }

  @Get('courses/:id/completion')
  @Permissions(Permission.CourseProgressRead)
  @ApiOperation({ summary: '课程完成率：按学院或班级（groupBy=college|class）；学院管理员只看到本学院' })
  async completion(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Query() query: ReachQueryDto,
  ): Promise<ReachReport> {
    const { subject } = await this.courses.reachSubject(id);
    return this.reach.report(principal, subject, query);
  }

  @Get('courses/:id/not-completed')
  @Permissions(Permission.CourseProgressRead)
  @ApiOperation({ summary: '未完成课程的学生名单（分页，可按学院、班级、学号/姓名筛选）' })
  async notCompleted(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Query() query: NotDoneQueryDto,
  ): Promise<Page<NotDoneRow>> {
    const { subject } = await this.courses.reachSubject(id);
    return this.reach.notDone(principal, subject, query);
  }

  @ReadsFromReplica()
  @Get('courses/:id/completion/export')
  @AuditedExport()
  @Permissions(Permission.CourseProgressRead)
  @ApiOperation({ summary: '导出课程完成情况（.xlsx：按学院、按班级、未完成名单）' })
  async exportCompletion(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Query() query: ReachExportQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { course, subject } = await this.courses.reachSubject(id);
    const file = await this.reach.exportXlsx(principal, subject, query, '完成');
    await sendFile(reply, file, await this.school.exportTitle(`${course.title}-完成情况.xlsx`));
  }
}
