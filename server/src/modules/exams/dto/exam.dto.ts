import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  FraudType,
  QuestionType,
  type ExamAudience,
  type ExamInput,
  type ExamKind,
  type ExamListQuery,
  type ExamResultQuery,
  type ExamRule,
  type ExamStatus,
  type PracticeCheckRequest,
  type PracticeQuery,
  type ReviewPolicy,
  type WrongQuestionQuery,
} from '@campus/shared';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../../../common/http/page-query.dto';
import { ToBool, ToInt } from '../../../common/http/query';
import { NotBlank } from '../../../common/http/not-blank';

export class ExamAudienceDto implements ExamAudience {
  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @IsArray()
  @IsInt({ each: true })
  collegeIds?: number[];

  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @IsArray()
  @IsInt({ each: true })
  enrollmentYears?: number[];

  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @IsArray()
  @IsInt({ each: true })
  classIds?: number[];
}

export class ExamRuleDto implements ExamRule {
  @ApiProperty({ enum: QuestionType })
  @IsEnum(QuestionType)
  type: QuestionType;

  @ApiPropertyOptional({ enum: FraudType })
  @IsOptional()
  @IsEnum(FraudType)
  fraudType?: FraudType;

  @ApiPropertyOptional({ minimum: 1, maximum: 5 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  difficulty?: number;

  @ApiProperty()
  @IsInt()
  @Min(1)
  @Max(200)
  count: number;

  @ApiProperty()
  @IsNumber({ maxDecimalPlaces: 2 }, { message: '每题分值最多两位小数' })
  @Min(0.01)
  @Max(100)
  score: number;
}

/** Either `questionIds` (+ optional `scores`) or `rules` (API.md). */
export class ExamPaperDto {
  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsInt({ each: true })
  questionIds?: number[];

  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsNumber({ maxDecimalPlaces: 2 }, { each: true, message: '每题分值最多两位小数' })
  scores?: number[];

  @ApiPropertyOptional({ type: [ExamRuleDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ExamRuleDto)
  rules?: ExamRuleDto[];
}

export class ExamInputDto implements Omit<ExamInput, 'paper'> {
  @ApiProperty()
  @IsString()
  @NotBlank({ message: '考试名称不能为空' })
  @MaxLength(100)
  title: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiProperty({ enum: ['entrance', 'regular'] })
  @IsIn(['entrance', 'regular'])
  kind: ExamKind;

  @ApiProperty({ example: '2026-09-01T08:00:00+08:00' })
  @IsISO8601({ strict: true })
  opensAt: string;

  @ApiProperty({ example: '2026-09-30T22:00:00+08:00' })
  @IsISO8601({ strict: true })
  closesAt: string;

  @ApiProperty()
  @IsInt()
  @Min(1)
  @Max(600)
  durationMinutes: number;

  @ApiProperty()
  @IsNumber({ maxDecimalPlaces: 2 }, { message: '及格分最多两位小数' })
  @Min(0)
  passScore: number;

  @ApiProperty({ description: '0 = 不限次数（直到通过）' })
  @IsInt()
  @Min(0)
  @Max(100)
  maxAttempts: number;

  @ApiProperty({ type: ExamAudienceDto })
  @ValidateNested()
  @Type(() => ExamAudienceDto)
  audience: ExamAudienceDto;

  @ApiProperty({ type: ExamPaperDto })
  @ValidateNested()
  @Type(() => ExamPaperDto)
  paper: ExamPaperDto;

  @ApiProperty()
  @IsBoolean()
  shuffleQuestions: boolean;

  @ApiProperty()
  @IsBoolean()
  shuffleOptions: boolean;

  @ApiPropertyOptional({ enum: ['never', 'after_submit', 'after_close'] })
  @IsOptional()
  @IsIn(['never', 'after_submit', 'after_close'])
  reviewPolicy?: ReviewPolicy;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  leaveLimit?: number | null;
}

export class ExamListQueryDto extends PageQueryDto implements ExamListQuery {
  @ApiPropertyOptional({ enum: ['entrance', 'regular'] })
  @IsOptional()
  @IsIn(['entrance', 'regular'])
  kind?: ExamKind;

  @ApiPropertyOptional({ enum: ['draft', 'published'] })
  @IsOptional()
  @IsIn(['draft', 'published'])
  status?: ExamStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class ExamResultQueryDto extends PageQueryDto implements ExamResultQuery {
  @ApiPropertyOptional()
  @ToInt()
  @IsOptional()
  @IsInt()
  collegeId?: number;

  @ApiPropertyOptional()
  @ToInt()
  @IsOptional()
  @IsInt()
  classId?: number;

  @ApiPropertyOptional()
  @ToBool()
  @IsOptional()
  @IsBoolean()
  passed?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  q?: string;
}

export class PracticeQueryDto implements PracticeQuery {
  @ApiPropertyOptional({ enum: FraudType })
  @IsOptional()
  @IsEnum(FraudType)
  fraudType?: FraudType;

  @ApiPropertyOptional({ enum: ['bank', 'wrong'] })
  @IsOptional()
  @IsIn(['bank', 'wrong'])
  source?: 'bank' | 'wrong';

  @ApiPropertyOptional({ minimum: 1, maximum: 50 })
  @ToInt()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  count?: number;
}

export class PracticeCheckDto implements PracticeCheckRequest {
  @ApiProperty()
  @IsInt()
  questionId: number;

  @ApiProperty({ example: ['A'] })
  @IsArray()
  @ArrayMaxSize(8)
  @Matches(/^[A-Z]$/, { each: true, message: '答案选项应为单个大写字母' })
  answer: string[];
}

export class WrongQuestionQueryDto extends PageQueryDto implements WrongQuestionQuery {
  @ApiPropertyOptional({ enum: FraudType })
  @IsOptional()
  @IsEnum(FraudType)
  fraudType?: FraudType;
}
