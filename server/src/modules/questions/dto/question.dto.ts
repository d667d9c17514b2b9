import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ALL_QUALITY_WARNING_CODES,
  FraudType,
  QUESTION_EXPORT_FORMATS,
  QuestionType,
  type QuestionCountQuery,
  type QuestionExportFormat,
  type QuestionInput,
  type QuestionListQuery,
  type QualityWarningCode,
  type QuestionOption,
  type QuestionQualityQuery,
  type QuestionStatus,
} from '@campus/shared';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
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

export class QuestionOptionDto implements QuestionOption {
  @ApiProperty({ example: 'A' })
  @IsString()
  @MaxLength(1)
  key: string;

  @ApiProperty()
  @IsString()
  @MaxLength(500)
  text: string;
}

export class QuestionInputDto implements QuestionInput {
  @ApiProperty({ enum: QuestionType })
  @IsEnum(QuestionType)
  type: QuestionType;

  @ApiProperty()
  @IsString()
  @MaxLength(2000)
  stem: string;

  @ApiProperty({ type: [QuestionOptionDto] })
  @IsArray()
  @ArrayMaxSize(8)
  @ValidateNested({ each: true })
  @Type(() => QuestionOptionDto)
  options: QuestionOptionDto[];

  @ApiProperty({ example: ['A'] })
  @IsArray()
  @ArrayMaxSize(8)
  @IsString({ each: true })
  answer: string[];

  @ApiProperty({ description: '解析' })
  @IsString()
  @MaxLength(3000)
  analysis: string;

  @ApiProperty({ enum: FraudType })
  @IsEnum(FraudType)
  fraudType: FraudType;

  @ApiProperty({ minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  difficulty: number;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  tags?: string[];

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: '互斥组：考查同一知识点的题共用一个组名，随机抽题时同组至多抽一题',
    example: 'credit-report-channel',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  group?: string | null;
}

export class QuestionCountQueryDto implements QuestionCountQuery {
  @ApiPropertyOptional({ enum: QuestionType })
  @IsOptional()
  @IsEnum(QuestionType)
  type?: QuestionType;

  @ApiPropertyOptional({ enum: FraudType })
  @IsOptional()
  @IsEnum(FraudType)
  fraudType?: FraudType;

  @ApiPropertyOptional()
  @ToInt()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  difficulty?: number;
}

export class QuestionListQueryDto extends PageQueryDto implements QuestionListQuery {
  @ApiPropertyOptional({ enum: QuestionType })
  @IsOptional()
  @IsEnum(QuestionType)
  type?: QuestionType;

  @ApiPropertyOptional({ enum: FraudType })
  @IsOptional()
  @IsEnum(FraudType)
  fraudType?: FraudType;

  @ApiPropertyOptional()
  @ToInt()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  difficulty?: number;

  @ApiPropertyOptional({ enum: ['active', 'retired'] })
  @IsOptional()
  @IsIn(['active', 'retired'])
  status?: QuestionStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ description: '逗号分隔的题目编号' })
  @IsOptional()
  @Matches(/^\d+(,\d+){0,199}$/, { message: '「ids」应为逗号分隔的题目编号' })
  ids?: string;

  @ApiPropertyOptional({ description: '只看此互斥组的题' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  group?: string;
}

export class QuestionExportQueryDto extends QuestionListQueryDto {
  @ApiPropertyOptional({ enum: QUESTION_EXPORT_FORMATS, description: 'xlsx（默认）、moodle（Moodle XML）或 gift' })
  @IsOptional()
  @IsIn(QUESTION_EXPORT_FORMATS)
  format?: QuestionExportFormat;
}

export class DryRunQueryDto {
  @ApiPropertyOptional()
  @ToBool()
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

export class QuestionImportQueryDto extends DryRunQueryDto {
  @ApiPropertyOptional({
    description:
      '为 true 时只导入有效题目：有错误的题目列在 errors 中、不导入，其余有效题目在一个事务中导入；默认 false（有任何错误则全部不导入）',
  })
  @ToBool()
  @IsOptional()
  @IsBoolean()
  skipInvalid?: boolean;
}

export class QuestionQualityQueryDto implements QuestionQualityQuery {
  @ApiPropertyOptional({ enum: ALL_QUALITY_WARNING_CODES, description: '只看被此规则提示的题' })
  @IsOptional()
  @IsIn(ALL_QUALITY_WARNING_CODES)
  code?: QualityWarningCode;

  @ApiPropertyOptional({ enum: FraudType })
  @IsOptional()
  @IsEnum(FraudType)
  fraudType?: FraudType;
}
