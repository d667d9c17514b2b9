import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type {
  AwarenessQuery,
  ItemStatisticsQuery,
  StatsFilter,
  StatsGroupBy,
  StatsPeopleQuery,
  TrendQuery,
} from '@campus/shared';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { PageQueryDto } from '../../../common/http/page-query.dto';
import { ToInt } from '../../../common/http/query';

export class StatsFilterDto implements StatsFilter {
  @ApiPropertyOptional({ description: '学院；学院管理员只能是本学院' })
  @ToInt()
  @IsOptional()
  @IsInt()
  collegeId?: number;

  @ApiPropertyOptional({ description: '只统计这场考试；缺省时统计所有已发布的入学第一考' })
  @ToInt()
  @IsOptional()
  @IsInt()
  examId?: number;

  @ApiPropertyOptional({ description: '入学年份' })
  @ToInt()
  @IsOptional()
  @IsInt()
  @Min(1990)
  @Max(2100)
  enrollmentYear?: number;
}

export class AwarenessQueryDto extends StatsFilterDto implements AwarenessQuery {
  @ApiPropertyOptional({ enum: ['college', 'class'], default: 'college' })
  @IsOptional()
  @IsIn(['college', 'class'])
  groupBy?: StatsGroupBy;
}

export class StatsPeopleQueryDto extends PageQueryDto implements StatsPeopleQuery {
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
  @ToInt()
  @IsOptional()
  @IsInt()
  examId?: number;

  @ApiPropertyOptional()
  @ToInt()
  @IsOptional()
  @IsInt()
  @Min(1990)
  @Max(2100)
  enrollmentYear?: number;
}

export class ItemStatisticsQueryDto implements ItemStatisticsQuery {
  @ApiProperty()
  @ToInt()
  @IsInt()
  examId: number;

  @ApiPropertyOptional()
  @ToInt()
  @IsOptional()
  @IsInt()
  collegeId?: number;
}

export class TrendQueryDto extends StatsFilterDto implements TrendQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 26, default: 8, description: '最近几周（每周五 08:00 截止）' })
  @ToInt()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(26)
  weeks?: number;
}
