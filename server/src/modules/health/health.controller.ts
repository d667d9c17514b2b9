import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HealthResponse } from '@campus/shared';
import { Public } from '../../common/auth/access.decorators';
import { Sql } from '../../database/sql';

@ApiTags('健康检查')
@Controller('health')
export class HealthController {
  constructor(private readonly sql: Sql) {}

  /** Liveness: the process answers. A database outage must not get the server restarted. */
  @Get('live')
  @Public()
  @ApiOperation({ summary: '进程存活检查（不访问数据库），供容器编排的 liveness 探针使用' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: the process and its database answer; a load balancer sends traffic only then. */
  @Get()
  @Public()
  @ApiOperation({ summary: '服务与数据库是否可用（readiness）' })
  async health(): Promise<HealthResponse> {
    try {
      await this.sql.query('SELECT 1');
    } catch {
      throw new ServiceUnavailableException({ message: '数据库暂时不可用', retryAfterSeconds: 5 });
    }
    return { status: 'ok', db: this.sql.kind };
  }
}
