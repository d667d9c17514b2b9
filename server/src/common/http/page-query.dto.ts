import { ApiPropertyOptional } from '@nestjs/swagger';
import type { PageQuery } from '@campus/shared';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ToInt } from './query';

/** Far beyond any real list (200 per page), and keeps the SQL offset a plain integer. */
const MAX_PAGE = 1_000_000;

export class PageQueryDto implements PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 1 })
  @ToInt()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
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
