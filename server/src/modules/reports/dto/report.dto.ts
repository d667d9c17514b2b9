import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type {
  ReportCommentRequest,
  ReportInput,
  ReportListQuery,
  ReportPeriodInput,
  ReportReviewRequest,
  ReportState,
  ReportUnitKind,
} from '@campus/shared';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
import { PageQueryDto } from '../../../common/http/page-query.dto';
import { IsCalendarDate } from '../../../common/http/calendar-date';
import { ToBool, ToInt } from '../../../common/http/query';
import { NotBlank } from '../../../common/http/not-blank';

export class ReportPeriodInputDto implements ReportPeriodInput {
  @ApiProperty({ example: '2026年11月反诈工作信息报送' })
  @IsString()
  @NotBlank({ message: '周期名称不能为空' })
  @MaxLength(100)
  title: string;

  @ApiProperty({ example: '2026-11-01' })
  @IsCalendarDate({ message: '开始日期应为存在的日期 YYYY-MM-DD' })
  startsOn: string;

  @ApiProperty({ example: '2026-11-30' })
  @IsCalendarDate({ message: '结束日期应为存在的日期 YYYY-MM-DD' })
  endsOn: string;

  @ApiProperty({ example: '2026-12-05T17:00:00+08:00' })
  @IsISO8601({ strict: true })
  dueAt: string;

  @ApiProperty({ type: [Number] })
  @IsArray()
  @ArrayMaxSize(200)
  @IsInt({ each: true })
  collegeIds: number[];

  @ApiProperty({ type: [Number] })
  @IsArray()
  @ArrayMaxSize(200)
  @IsInt({ each: true })
  departmentIds: number[];
}

export class ReportInputDto implements ReportInput {
  @ApiPropertyOptional({ nullable: true, description: '报送周期；不填为随时上报（如重大信息）' })
  @IsOptional()
  @IsInt()
  periodId?: number | null;

  @ApiProperty()
  @IsString()
  @NotBlank({ message: '标题不能为空' })
  @MaxLength(100)
  title: string;

  @ApiProperty({ description: '纯文本：工作措施、做法、存在问题' })
  @IsString()
  @NotBlank({ message: '内容不能为空' })
  @MaxLength(20000)
  content: string;

  @ApiProperty({ description: '重大信息：立即通知领导小组办公室' })
  @IsBoolean()
  incident: boolean;
}

export class ReportListQueryDto extends PageQueryDto implements ReportListQuery {
  @ApiPropertyOptional()
  @ToInt()
  @IsOptional()
  @IsInt()
  periodId?: number;

  @ApiPropertyOptional({ enum: ['submitted', 'reviewed'] })
  @IsOptional()
  @IsIn(['submitted', 'reviewed'])
  state?: ReportState;

  @ApiPropertyOptional()
  @ToBool()
  @IsOptional()
  @IsBoolean()
  incident?: boolean;

  @ApiPropertyOptional({ enum: ['college', 'department'] })
  @IsOptional()
  @IsIn(['college', 'department'])
  unitKind?: ReportUnitKind;

  @ApiPropertyOptional()
  @ToInt()
  @IsOptional()
  @IsInt()
  unitId?: number;

  @ApiPropertyOptional({ description: '按标题搜索' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class ReportCommentDto implements ReportCommentRequest {
  @ApiProperty()
  @IsString()
  @NotBlank({ message: '意见不能为空' })
  @MaxLength(2000)
  body: string;
}

export class ReportReviewDto implements ReportReviewRequest {
  @ApiPropertyOptional({ description: '审阅意见（可选）' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}
