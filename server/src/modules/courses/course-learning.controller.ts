import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Permission,
  type CourseDetailDto,
  type LessonDto,
  type LessonProgressDto,
  type MyCourseDto,
} from '@campus/shared';
import { CurrentUser, Permissions } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { CourseLearningService } from './course-learning.service';
import { LessonProgressInputDto } from './dto/course.dto';
import { withSchoolDetails } from './lesson-school-text';
import { SchoolSettingsService } from '../school/school-settings.service';

/** Taking courses (API.md "Courses and the letter to freshmen"). */
@ApiTags('课程学习')
@Controller()
export class CourseLearningController {
  constructor(
    private readonly learning: CourseLearningService,
    private readonly school: SchoolSettingsService,
  ) {}

  @Get('my/courses')
  @Permissions(Permission.CourseTake)
  @ApiOperation({ summary: '我的课程：面向我的已发布课程及学习进度' })
  mine(@CurrentUser() principal: Principal): Promise<MyCourseDto[]> {
    return this.learning.mine(principal);
  }

  @Get('courses/:id')
  @Permissions(Permission.CourseTake)
  @ApiOperation({ summary: '课程目录（章节、课时及我的完成情况）；课程管理员可预览草稿' })
  detail(@CurrentUser() principal: Principal, @Param('id', ParseIntPipe) id: number): Promise<CourseDetailDto> {
    return this.learning.detail(principal, id);
  }

  @Get('lessons/:id')
  @Permissions(Permission.CourseTake)
  @ApiOperation({ summary: '课时内容及我的进度（视频地址为短期签名地址）' })
  async lesson(@CurrentUser() principal: Principal, @Param('id', ParseIntPipe) id: number): Promise<LessonDto> {
    return withSchoolDetails(await this.learning.lesson(principal, id), this.school);
  }

  @Post('lessons/:id/progress')
  @HttpCode(200)
  @Permissions(Permission.CourseTake)
  @ApiOperation({
    summary: '记录学习进度：{ completed?: true, watchedSeconds?, position?, durationSeconds? }；视频看满 90% 完成',
  })
  progress(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: LessonProgressInputDto,
  ): Promise<LessonProgressDto> {
    return this.learning.progress(principal, id, body);
  }
}
