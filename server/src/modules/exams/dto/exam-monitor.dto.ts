import { ApiPropertyOptional } from '@nestjs/swagger';
import type { ExamMonitorQuery } from '@campus/shared';
import { IsInt, IsOptional, Min } from 'class-validator';
import { ToInt } from '../../../common/http/query';

export class ExamMonitorQueryDto implements ExamMonitorQuery {
  @ApiPropertyOptional({ description: '看哪个学院的各班（学院管理员固定为本学院）' })
  @ToInt()
  @IsOptional()
  @IsInt()
  @Min(1)
  collegeId?: number;
}
