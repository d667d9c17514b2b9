import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HealthResponse } from '@campus/shared';
import { Public } from '../../common/auth/access.decorators';
import { failoverOf } from '../../database/data-source-options';
import { ReadReplicas } from '../../database/read-replicas';
import { Sql } from '../../database/sql';

/** How long one database probe answers for every readiness check that arrives meanwhile. */
const PROBE_REUSE_MS = 1000;

@ApiTags('健康检查')
@Controller('health')
export class HealthController {
  private probe: { startedAt: number; ready: Promise<boolean> } | null = null;

  constructor(
    private readonly sql: Sql,
    private readonly replicas: ReadReplicas,
  ) {}

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
  @ApiOperation({ summary: '服务与数据库是否可用（readiness）；配置了只读副本时附各副本的状态与复制延迟' })
  async health(): Promise<HealthResponse> {
    if (!(await this.databaseAnswers())) {
      throw new ServiceUnavailableException({ message: '数据库暂时不可用', retryAfterSeconds: 5 });
    }
    const health: HealthResponse = { status: 'ok', db: this.sql.kind };
    // Both read state the server keeps anyway: no extra query per health check.
    if (this.replicas.configured) {
      health.replicas = this.replicas
        .status()
        .map(({ name, state, lagSeconds, checkedAt }) => ({ name, state, lagSeconds, checkedAt }));
    }
    const failover = failoverOf(this.sql.dataSource.options);
    if (failover) {
      health.failover = { node: failover.current + 1, nodes: failover.hosts.length, switches: failover.switches };
    }
    return health;
  }

  /**
   * This route is public and stands outside admission control (a load balancer must reach it under
   * any load), so it must not cost a database connection per request: a flood of it would take the
   * pool from the students. At most one probe runs at a time, and its answer serves every check
   * for a second.
   */
  private databaseAnswers(): Promise<boolean> {
    const now = Date.now();
    if (this.probe && now - this.probe.startedAt < PROBE_REUSE_MS) return this.probe.ready;
    const ready = this.sql.query('SELECT 1').then(
      () => true,
      () => false,
    );
    this.probe = { startedAt: now, ready };
    return ready;
  }
}
