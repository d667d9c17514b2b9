import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, type DataSourceOptions, type QueryRunner, type ReplicationMode } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';
import { guardPool, type GuardedPool } from './pool-guard';
import { keepBackslashEscapes, type AnnouncingPool } from './session-settings';

/** What the admin sees of one replica (GET /api/health, /metrics). */
export type ReplicaState = 'ok' | 'lagging' | 'stopped' | 'not-replicating' | 'down';

export interface ReplicaStatus {
  /** `replica-1`, `replica-2`, … in the order of DATABASE_REPLICA_URLS (host names stay in the log). */
  name: string;
  state: ReplicaState;
  /** Seconds_Behind_Master at the last check; null when unknown (down, or replication stopped). */
  lagSeconds: number | null;
  checkedAt: string | null;
  /** Statements run on it since the server started. */
  reads: number;
}

interface Replica {
  name: string;
  host: string;
  dataSource: DataSource;
  initializing: Promise<void> | null;
  state: ReplicaState;
  lagSeconds: number | null;
  checkedAt: Date | null;
  reads: number;
}

/** Inside ReadReplicas.read(): the replica this piece of work reads from (null: the primary). */
const readScope = new AsyncLocalStorage<{ replica: Replica | null }>();

/** How often each replica's replication status is read. */
const CHECK_EVERY_MS = 2000;
/** A replica that does not give a connection this fast is treated as down for the moment. */
const REPLICA_ACQUIRE_TIMEOUT_MS = 1000;

/** Errors that mean "this server cannot be used now", not "this statement is wrong". */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'POOL_ACQUIRE_TIMEOUT',
  'POOL_QUEUE_FULL',
  'POOL_CLOSED',
]);

function errorCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | null | undefined;
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A database error (as opposed to a 404 or 403 the work decided on): worth trying on the primary. */
function isDatabaseError(error: unknown): boolean {
  const code = errorCode(error);
  if (code && (UNREACHABLE_CODES.has(code) || code.startsWith('ER_'))) return true;
  return error instanceof Error && /closed state|connection is in closed|Pool is closed/i.test(error.message);
}

/** The running server's ReadReplicas.read, when replicas are configured. */
let activeRead: (<T>(work: () => T | Promise<T>) => Promise<T>) | null = null;

/**
 * Marks a controller method as a pure read that may be served from a read replica (statistics,
 * exports, reports). Everything else — and above all start, save, submit and review of an attempt —
 * reads and writes the primary, so a student never sees a stale answer.
 */
export function ReadsFromReplica(): MethodDecorator {
  return (_target, _key, descriptor: PropertyDescriptor) => {
    const original = descriptor.value as (...args: unknown[]) => unknown;
    const wrapped = function (this: unknown, ...args: unknown[]) {
      return activeRead ? activeRead(() => original.apply(this, args)) : original.apply(this, args);
    };
    // Nest and Swagger keep route metadata on the function; the wrapper carries it on.
    for (const key of Reflect.getMetadataKeys(original)) {
      Reflect.defineMetadata(key, Reflect.getMetadata(key, original), wrapped);
    }
    Object.defineProperty(wrapped, 'name', { value: original.name });
    descriptor.value = wrapped;
  };
}

/** Whether the current piece of work reads from a replica (Sql.query asks). */
export function readingFromReplica(): boolean {
  return Boolean(readScope.getStore()?.replica);
}

/**
 * Read replicas (DATABASE_REPLICA_URLS): binlog replicas of the primary that statistics, exports and
 * reports read from. Each has its own small pool. Its replication status is read every 2 s; only a
 * replica that answers, replicates and is at most DATABASE_REPLICA_MAX_LAG_S behind is read from.
 * A read that fails on a replica for a database reason runs again on the primary at once, and a
 * replica that cannot be reached is left alone until its next good check.
 *
 * Routing: inside read(), TypeORM's SELECT query builders (repositories' find*, which ask the data
 * source for a 'slave' query runner) and Sql.query get a query runner of the chosen replica;
 * transactions and writes ask for 'master' and stay on the primary.
 */
@Injectable()
export class ReadReplicas implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ReadReplicas');
  private replicas: Replica[] = [];
  private timer: NodeJS.Timeout | null = null;
  private next = 0;
  /** Reads that fell back to the primary after failing on a replica. */
  fallbacks = 0;

  constructor(
    @InjectDataSource() private readonly primary: DataSource,
    private readonly config: AppConfig,
  ) {}

  get configured(): boolean {
    return this.replicas.length > 0;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.databaseKind !== 'mysql' || this.config.databaseReplicaUrls.length === 0) return;
    const flavour = this.primary.options.type === 'mariadb' ? 'mariadb' : 'mysql';
    const base = dataSourceOptions(this.config, flavour);
    // A replica is one server: the Galera failover stream of the primary is not for it.
    const extra: Record<string, unknown> = { ...(base as { extra?: Record<string, unknown> }).extra };
    delete extra.stream;
    this.replicas = this.config.databaseReplicaUrls.map((url, i) => {
      const options: DataSourceOptions = {
        ...base,
        url,
        poolSize: this.config.dbReplicaPoolSize,
        migrations: [],
        migrationsRun: false,
        extra: { ...extra, connectTimeout: 2000, maxIdle: this.config.dbReplicaPoolSize },
      } as DataSourceOptions;
      const host = new URL(url).host;
      this.logger.log(`replica-${i + 1} is ${host}`);
      return {
        name: `replica-${i + 1}`,
        host,
        dataSource: new DataSource(options),
        initializing: null,
        state: 'down',
        lagSeconds: null,
        checkedAt: null,
        reads: 0,
      };
    });
    this.routeReads();
    activeRead = (work) => this.read(work);
    await this.checkAll();
    this.timer = setInterval(() => void this.checkAll(), CHECK_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    activeRead = null;
    if (this.timer) clearInterval(this.timer);
    await Promise.all(
      this.replicas.map(async (r) => {
        if (r.dataSource.isInitialized) await r.dataSource.destroy().catch(() => undefined);
      }),
    );
  }

  status(): ReplicaStatus[] {
    return this.replicas.map((r) => ({
      name: r.name,
      state: r.state,
      lagSeconds: r.lagSeconds,
      checkedAt: r.checkedAt?.toISOString() ?? null,
      reads: r.reads,
    }));
  }

  /**
   * Runs read-only work against a usable replica (round robin), or the primary when none is. If it
   * fails there for a database reason it runs again on the primary; the caller never sees the
   * replica's trouble.
   */
  async read<T>(work: () => T | Promise<T>): Promise<T> {
    const replica = this.pick();
    if (!replica) return readScope.run({ replica: null }, work);
    try {
      return await readScope.run({ replica }, work);
    } catch (error) {
      if (!isDatabaseError(error)) throw error;
      const code = errorCode(error);
      if (code && UNREACHABLE_CODES.has(code)) this.markDown(replica, code);
      this.fallbacks++;
      return readScope.run({ replica: null }, work);
    }
  }

  private pick(): Replica | null {
    const usable = this.replicas.filter((r) => r.state === 'ok' && r.dataSource.isInitialized);
    if (usable.length === 0) return null;
    this.next = (this.next + 1) % usable.length;
    return usable[this.next]!;
  }

  private markDown(replica: Replica, reason: string): void {
    if (replica.state !== 'down') this.logger.warn(`${replica.name} (${replica.host}) is down: ${reason}`);
    replica.state = 'down';
    replica.lagSeconds = null;
  }

  /** TypeORM asks the data source for a 'slave' runner for every SELECT it builds on its own. */
  private routeReads(): void {
    const original = this.primary.createQueryRunner.bind(this.primary);
    this.primary.createQueryRunner = (mode: ReplicationMode = 'master'): QueryRunner => {
      const replica = mode === 'slave' ? readScope.getStore()?.replica : null;
      if (replica && replica.dataSource.isInitialized) {
        replica.reads++;
        return replica.dataSource.createQueryRunner('master');
      }
      return original(mode);
    };
  }

  private async checkAll(): Promise<void> {
    await Promise.all(this.replicas.map((r) => this.check(r)));
  }

  private async check(replica: Replica): Promise<void> {
    try {
      if (!replica.dataSource.isInitialized) {
        replica.initializing ??= replica.dataSource.initialize().then(
          (ds) => {
            const pool = (ds.driver as unknown as { pool?: GuardedPool & AnnouncingPool }).pool;
            if (pool) {
              keepBackslashEscapes(pool);
              guardPool(pool, REPLICA_ACQUIRE_TIMEOUT_MS);
            }
          },
          (error: unknown) => {
            replica.initializing = null;
            throw error;
          },
        );
        await replica.initializing;
      }
      const rows = await this.replicationStatus(replica.dataSource);
      replica.checkedAt = new Date();
      const previous = replica.state;
      const row = rows[0];
      if (!row) {
        replica.state = 'not-replicating';
        replica.lagSeconds = null;
      } else {
        const lag = row.Seconds_Behind_Master ?? row.Seconds_Behind_Source;
        const running = [row.Slave_SQL_Running, row.Replica_SQL_Running].includes('Yes');
        replica.lagSeconds = lag === null || lag === undefined ? null : Number(lag);
        if (!running || replica.lagSeconds === null) replica.state = 'stopped';
        else if (replica.lagSeconds > this.config.databaseReplicaMaxLagSeconds) replica.state = 'lagging';
        else replica.state = 'ok';
      }
      if (replica.state !== previous) {
        this.logger.log(`${replica.name} (${replica.host}) is ${replica.state} (lag ${replica.lagSeconds ?? '—'} s)`);
      }
    } catch (error) {
      replica.checkedAt = new Date();
      this.markDown(replica, errorCode(error) ?? (error instanceof Error ? error.message : String(error)));
    }
  }

  /** MariaDB ≥ 10.5 and MySQL ≥ 8.0.22 know SHOW REPLICA STATUS; older ones SHOW SLAVE STATUS. */
  private async replicationStatus(dataSource: DataSource): Promise<Array<Record<string, string | number | null>>> {
    try {
      return await dataSource.query('SHOW REPLICA STATUS');
    } catch (error) {
      if (errorCode(error) !== 'ER_PARSE_ERROR') throw error;
      return dataSource.query('SHOW SLAVE STATUS');
    }
  }
}
