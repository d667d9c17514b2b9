import { ApiPropertyOptional } from '@nestjs/swagger';
import type { NotDoneQuery, ReachGroupBy, ReachQuery } from '@campus/shared';
import { IsIn, IsInt, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../../common/http/page-query.dto';
import { ToInt } from '../../../common/http/query';

export class ReachQueryDto implements ReachQuery {
  @ApiPropertyOptional({ enum: ['college', 'class'], default: 'college' })
  @IsOptional()
  @IsIn(['college', 'class'])
  groupBy?: ReachGroupBy;

  @ApiPropertyOptional({ description: '学院管理员只能查看本学院' })
  @ToInt()
  @IsOptional()
  @IsInt()
  collegeId?: number;
}

export class NotDoneQueryDto extends PageQueryDto implements NotDoneQuery {
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

  @ApiPropertyOptional({ description: '学号或姓名' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  q?: string;
}

/** The export takes the filters of both the table and the list. */
export class ReachExportQueryDto extends NotDoneQueryDto {}
