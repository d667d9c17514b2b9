import { ApiPropertyOptional } from '@nestjs/swagger';
import type { PageQuery } from '@campus/shared';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ToInt } from './query';

export class PageQueryDto implements PageQuery {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @ToInt()
  @IsOptional()
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 20 })
  @ToInt()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number;
}

export function pageWindow(query: PageQuery): { skip: number; take: number } {
  const take = query.pageSize ?? 20;
  return { skip: ((query.page ?? 1) - 1) * take, take };
}
