import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  Role,
  type AntiFraudAppReportRequest,
  type AppInstallQuery,
  type AppMissingKind,
  type AppMissingQuery,
  type AppStatsGroupBy,
} from '@campus/shared';
import { IsBoolean, IsEnum, IsIn, IsInt, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../../common/http/page-query.dto';
import { ToInt } from '../../../common/http/query';

export class AntiFraudAppReportDto implements AntiFraudAppReportRequest {
  @ApiProperty()
  @IsBoolean()
  installed: boolean;

  @ApiProperty({ description: '已注册（须已安装）' })
  @IsBoolean()
  registered: boolean;
}

export class AppInstallQueryDto implements AppInstallQuery {
  @ApiPropertyOptional({ enum: ['college', 'class'], default: 'college' })
  @IsOptional()
  @IsIn(['college', 'class'])
  groupBy?: AppStatsGroupBy;

  @ApiPropertyOptional()
  @ToInt()
  @IsOptional()
  @IsInt()
  collegeId?: number;

  @ApiPropertyOptional({ enum: Role, description: '只统计某一身份（如 student）；不填为全体师生' })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;
}

export class AppMissingQueryDto extends PageQueryDto implements AppMissingQuery {
  @ApiPropertyOptional({ enum: ['not_installed', 'not_registered'], default: 'not_installed' })
  @IsOptional()
  @IsIn(['not_installed', 'not_registered'])
  kind?: AppMissingKind;

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

  @ApiPropertyOptional({ enum: Role })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  @ApiPropertyOptional({ description: '按学号/工号或姓名搜索' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  q?: string;
}
