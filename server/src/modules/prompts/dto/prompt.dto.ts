import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  FraudType,
  PROMPT_LIMITS,
  PROMPT_SOURCE_KINDS,
  type PromptDiscussion,
  type PromptSourceKind,
  type NextPromptQuery,
  type PromptCoverageQuery,
  type PromptDeliveryInput,
  type PromptDeliveryQuery,
  type PromptInput,
  type PromptListQuery,
  type PromptStatus,
} from '@campus/shared';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../../../common/http/page-query.dto';
import { IsCalendarDate } from '../../../common/http/calendar-date';
import { ToBool, ToInt } from '../../../common/http/query';

export class PromptDiscussionDto implements PromptDiscussion {
  @ApiProperty({ example: '对方说“开个屏幕共享帮你退款”，你该怎么做？' })
  @IsString()
  @MaxLength(PROMPT_LIMITS.discussionQuestion)
  question: string;

  @ApiProperty({ example: '立即挂断，不开共享；自己打开购物 App 查订单。' })
  @IsString()
  @MaxLength(PROMPT_LIMITS.discussionAnswer)
  answer: string;
}

/** Lengths are checked again, in Chinese and per field, by promptProblems (shared/prompt-rules). */
export class PromptInputDto implements PromptInput {
  @ApiProperty({ example: '点赞关注赚佣金，最后赔进生活费' })
  @IsString()
  @MaxLength(PROMPT_LIMITS.title)
  title: string;

  @ApiProperty({ description: '案例' })
  @IsString()
  @MaxLength(PROMPT_LIMITS.story)
  story: string;

  @ApiProperty({ type: [String], description: '预警信号' })
  @IsArray()
  @ArrayMaxSize(PROMPT_LIMITS.items)
  @IsString({ each: true })
  warningSigns: string[];

  @ApiProperty({ type: [String], description: '应对做法' })
  @IsArray()
  @ArrayMaxSize(PROMPT_LIMITS.items)
  @IsString({ each: true })
  actions: string[];

  @ApiProperty({ description: '一句话提醒' })
  @IsString()
  @MaxLength(PROMPT_LIMITS.takeaway)
  takeaway: string;

  @ApiProperty({ enum: FraudType })
  @IsEnum(FraudType)
  fraudType: FraudType;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PROMPT_LIMITS.tags)
  @IsString({ each: true })
  tags?: string[];

  @ApiPropertyOptional({ type: [String], description: '讲解要点（给老师看的 2–4 条）' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PROMPT_LIMITS.teachingPoints)
  @IsString({ each: true })
  @MaxLength(PROMPT_LIMITS.teachingPoint, { each: true })
  teachingPoints?: string[];

  @ApiPropertyOptional({ type: PromptDiscussionDto, nullable: true, description: '互动提问及参考答案' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PromptDiscussionDto)
  discussion?: PromptDiscussionDto | null;

  @ApiPropertyOptional({
    enum: PROMPT_SOURCE_KINDS,
    description:
      'bulletin：公开通报（须填发布机关、标题、日期）；composite：综合典型案情编写（无日期）。省略时：填了发布机关、日期或其他来源即为 bulletin，否则 composite',
  })
  @IsOptional()
  @IsIn(PROMPT_SOURCE_KINDS)
  sourceKind?: PromptSourceKind;

  @ApiPropertyOptional({ example: '某市公安局', description: '通报的发布机关（仅公开通报）' })
  @IsOptional()
  @IsString()
  @MaxLength(PROMPT_LIMITS.sourceIssuer)
  sourceIssuer?: string;

  @ApiPropertyOptional({
    example: '综合典型案情编写（人物、金额为虚构）',
    description: '通报标题；综合编写时为固定说明',
  })
  @IsOptional()
  @IsString()
  @MaxLength(PROMPT_LIMITS.source)
  source?: string;

  @ApiPropertyOptional({ example: '2025-03-14', nullable: true, description: '通报发布日期（仅公开通报）' })
  @IsOptional()
  @IsCalendarDate()
  sourceDate?: string | null;

  @ApiPropertyOptional({ example: '2026-07-01T00:00:00+08:00', nullable: true })
  @IsOptional()
  @IsISO8601({ strict: true })
  expiresAt?: string | null;
}

export class PromptListQueryDto extends PageQueryDto implements PromptListQuery {
  @ApiPropertyOptional({ enum: FraudType })
  @IsOptional()
  @IsEnum(FraudType)
  fraudType?: FraudType;

  @ApiPropertyOptional({ description: '在标题、案例、一句话提醒和标签中搜索' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: ['active', 'retired'], description: '仅管理员' })
  @IsOptional()
  @IsIn(['active', 'retired'])
  status?: PromptStatus;

  @ApiPropertyOptional({ enum: ['available', 'expired'], description: '仅管理员' })
  @IsOptional()
  @IsIn(['available', 'expired'])
  availability?: 'available' | 'expired';
}

export class NextPromptQueryDto implements NextPromptQuery {
  @ApiProperty()
  @ToInt()
  @IsInt()
  @Min(1)
  classId: number;

  @ApiPropertyOptional({ description: '本班已听完全部提示时，true 开始新一轮（从听得最少、最早听过的开始）' })
  @ToBool()
  @IsOptional()
  @IsBoolean()
  repeat?: boolean;

  @ApiPropertyOptional({ description: '换一条：跳过这些提示（逗号分隔的编号）' })
  @IsOptional()
  @Matches(/^\d+(,\d+){0,99}$/, { message: '「exclude」应为逗号分隔的提示编号' })
  exclude?: string;
}

export class PromptDeliveryInputDto implements PromptDeliveryInput {
  @ApiProperty()
  @IsInt()
  @Min(1)
  classId: number;
}

export class PromptDeliveryQueryDto extends PageQueryDto implements PromptDeliveryQuery {
  @ApiPropertyOptional()
  @ToInt()
  @IsOptional()
  @IsInt()
  classId?: number;

  @ApiPropertyOptional({ description: '教师只能查看自己的记录' })
  @ToInt()
  @IsOptional()
  @IsInt()
  teacherId?: number;

  @ApiPropertyOptional({ description: '学院管理员只能查看本学院' })
  @ToInt()
  @IsOptional()
  @IsInt()
  collegeId?: number;

  @ApiPropertyOptional({ example: '2026-03-02', description: 'YYYY-MM-DD（当天 0 点，北京时间）或 ISO-8601' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2026-03-08', description: 'YYYY-MM-DD（含当天，北京时间）或 ISO-8601' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class PromptCoverageQueryDto implements PromptCoverageQuery {
  @ApiPropertyOptional()
  @ToInt()
  @IsOptional()
  @IsInt()
  collegeId?: number;

  @ApiPropertyOptional({
    example: '2026-03-04',
    description: '要查看的那一周中的任意一天；默认本周（周一至周日，北京时间）',
  })
  @IsOptional()
  @IsCalendarDate()
  week?: string;
}

export class PromptImportQueryDto {
  @ApiPropertyOptional()
  @ToBool()
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}
