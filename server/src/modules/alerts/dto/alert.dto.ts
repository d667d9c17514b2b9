import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ALERT_LEVELS,
  Role,
  type AlertAudience,
  type AlertInput,
  type AlertLevel,
  type AlertListQuery,
  type AlertStatus,
  type AlertUnreadQuery,
} from '@campus/shared';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../../../common/http/page-query.dto';
import { ToInt } from '../../../common/http/query';
import { NotBlank } from '../../../common/http/not-blank';

export class AlertAudienceDto implements AlertAudience {
  @ApiPropertyOptional({ enum: Role, isArray: true, description: '留空表示所有角色' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsEnum(Role, { each: true })
  roles?: Role[];

  @ApiPropertyOptional({ type: [Number], description: '留空表示所有学院（及校级部门）' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsInt({ each: true })
  collegeIds?: number[];
}

export class AlertInputDto implements AlertInput {
  @ApiProperty()
  @IsString()
  @NotBlank({ message: '标题不能为空' })
  @MaxLength(100)
  title: string;

  @ApiProperty({ description: '纯文本，保留换行' })
  @IsString()
  @NotBlank({ message: '内容不能为空' })
  @MaxLength(5000)
  content: string;

  @ApiProperty({ enum: ALERT_LEVELS })
  @IsIn(ALERT_LEVELS)
  level: AlertLevel;

  @ApiProperty({ type: AlertAudienceDto })
  @ValidateNested()
  @Type(() => AlertAudienceDto)
  audience: AlertAudienceDto;

  @ApiPropertyOptional({
    example: '2026-11-28T08:00:00+08:00',
    description: '定时发布；不填或已过去的时间表示立即发布',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  publishAt?: string;
}

export class AlertListQueryDto extends PageQueryDto implements AlertListQuery {
  @ApiPropertyOptional({ enum: ['scheduled', 'published', 'withdrawn'] })
  @IsOptional()
  @IsIn(['scheduled', 'published', 'withdrawn'])
  status?: AlertStatus;

  @ApiPropertyOptional({ enum: ALERT_LEVELS })
  @IsOptional()
  @IsIn(ALERT_LEVELS)
  level?: AlertLevel;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class AlertUnreadQueryDto extends PageQueryDto implements AlertUnreadQuery {
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

  @ApiPropertyOptional({ description: '按学号/工号或姓名搜索' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  q?: string;
}
