import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type {
  CaseStudy,
  ChapterInput,
  CourseAudience,
  CourseInput,
  CourseListQuery,
  CourseOrderInput,
  CourseStatus,
  LessonInput,
  LessonKind,
  LessonProgressInput,
} from '@campus/shared';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  Equals,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../../../common/http/page-query.dto';
import { NotBlank } from '../../../common/http/not-blank';

export class CourseAudienceDto implements CourseAudience {
  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsInt({ each: true })
  collegeIds?: number[];

  @ApiPropertyOptional({ type: [Number], example: [2026] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsInt({ each: true })
  @Min(2000, { each: true })
  @Max(2100, { each: true })
  enrollmentYears?: number[];

  @ApiPropertyOptional({ description: '仅面向学生：教职工看不到，也不会被提醒' })
  @IsOptional()
  @IsBoolean()
  studentsOnly?: boolean;
}

export class CourseInputDto implements CourseInput {
  @ApiProperty()
  @IsString()
  @NotBlank({ message: '课程名称不能为空' })
  @MaxLength(100)
  title: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiProperty({ description: '必修课计入统计' })
  @IsBoolean()
  required: boolean;

  @ApiProperty({ nullable: true, example: '2026-10-31T23:59:00+08:00' })
  @ValidateIf((_, value) => value !== null)
  @IsISO8601({ strict: true })
  deadline: string | null;

  @ApiProperty({ type: CourseAudienceDto })
  @ValidateNested()
  @Type(() => CourseAudienceDto)
  audience: CourseAudienceDto;

  @ApiPropertyOptional({ nullable: true, description: '结课测验：学完全部课时后须通过的考试' })
  @IsOptional()
  @IsInt()
  quizExamId?: number | null;
}

export class CourseListQueryDto extends PageQueryDto implements CourseListQuery {
  @ApiPropertyOptional({ enum: ['draft', 'published'] })
  @IsOptional()
  @IsIn(['draft', 'published'])
  status?: CourseStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class ChapterInputDto implements ChapterInput {
  @ApiProperty()
  @IsString()
  @NotBlank({ message: '章节名称不能为空' })
  @MaxLength(100)
  title: string;
}

export class CaseStudyDto implements CaseStudy {
  @ApiProperty()
  @IsString()
  @NotBlank({ message: '案例经过不能为空' })
  @MaxLength(5000)
  story: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  warningSigns: string[];

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  actions: string[];
}

export class LessonInputDto implements LessonInput {
  @ApiProperty()
  @IsString()
  @NotBlank({ message: '课时名称不能为空' })
  @MaxLength(100)
  title: string;

  @ApiProperty({ enum: ['article', 'video', 'case'] })
  @IsIn(['article', 'video', 'case'])
  kind: LessonKind;

  @ApiPropertyOptional({ description: '图文：富文本 HTML（服务器端清洗）' })
  @IsOptional()
  @IsString()
  @MaxLength(200_000)
  html?: string;

  @ApiPropertyOptional({ nullable: true, description: '视频：POST /api/course-media/videos 返回的 file' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  videoFile?: string | null;

  @ApiPropertyOptional({ nullable: true, description: '视频：外部 https 地址' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  videoUrl?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(24 * 3600)
  durationSeconds?: number | null;

  @ApiPropertyOptional({ type: CaseStudyDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CaseStudyDto)
  caseStudy?: CaseStudyDto;
}

export class ChapterOrderDto {
  @ApiProperty()
  @IsInt()
  id: number;

  @ApiProperty({ type: [Number] })
  @IsArray()
  @ArrayMaxSize(500)
  @IsInt({ each: true })
  lessonIds: number[];
}

export class CourseOrderDto implements CourseOrderInput {
  @ApiProperty({ type: [ChapterOrderDto] })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ChapterOrderDto)
  chapters: ChapterOrderDto[];
}

export class LessonProgressInputDto implements LessonProgressInput {
  @ApiPropertyOptional({ enum: [true] })
  @IsOptional()
  @Equals(true, { message: 'completed 只能为 true' })
  completed?: true;

  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(24 * 3600)
  watchedSeconds?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(24 * 3600)
  position?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber()
  @Min(1)
  @Max(24 * 3600)
  durationSeconds?: number;
}
