import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HealthResponse } from '@campus/shared';
import { Public } from '../../common/auth/access.decorators';
import { Sql } from '../../database/sql';

@ApiTags('健康检查')
@Controller('health')
export class HealthController {
  constructor(private readonly sql: Sql) {}

  @Get()
  @Public()
  @ApiOperation({ summary: '服务与数据库是否可用' })
  async health(): Promise<HealthResponse> {
    try {
      await this.sql.query('SELECT 1');
    } catch {
      throw new ServiceUnavailableException({ message: '数据库暂时不可用', retryAfterSeconds: 5 });
    }
    return { status: 'ok', db: this.sql.kind };
  }
}
