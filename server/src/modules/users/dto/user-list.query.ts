import { ApiPropertyOptional } from '@nestjs/swagger';
import { Role, type UserListQuery } from '@campus/shared';
import { IsEnum, IsInt, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../../common/http/page-query.dto';
import { ToInt } from '../../../common/http/query';

export class UserListQueryDto extends PageQueryDto implements UserListQuery {
  @ApiPropertyOptional({ enum: Role })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;

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
