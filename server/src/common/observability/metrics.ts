import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AdmissionControl } from '../http/admission';
import { requestContextOf } from '../logging/request-context';

/** What the metrics read from the rest of the server, each a cheap look at state kept anyway. */
export interface MetricSources {
  admission: AdmissionControl;
  /** Slow password hashes running and waiting. */
  hashQueue: () => { running: number; waiting: number };
  /** Chosen passwords waiting for their slow hash (PasswordUpgrader). */
  passwordUpgrades: () => number;
  /** MySQL pool: connections open, in use and requests waiting for one (null on SQLite). */
  pool: () => { open: number; free: number; waiting: number } | null;
  /** The robots' outbox as its worker last saw it (refreshed every round). */
  notifyOutbox: () => { pending: number; failed: number; lagSeconds: number };
  /** Read replicas, Galera failover and hot-statement retries (absent: none of them to show). */
  database?: () => DatabaseTopology;
}

export interface DatabaseTopology {
  replicas: Array<{ name: string; state: string; lagSeconds: number | null; reads: number }>;
  /** Reads that failed on a replica and ran again on the primary. */
  replicaFallbacks: number;
  /** Hot statements tried again (alone, or after their batch failed), by reason: 'conflict' (1213) or 'connection'. */
  retries: ReadonlyMap<string, number>;
  /** Hot statements sent, and the round trips they took (fewer when batched, see StatementBatch). */
  hotStatements: { statements: number; roundTrips: number };
  /** With DATABASE_FAILOVER_HOSTS: the node new connections go to (1-based), and switches so far. */
  failover: { node: number; switches: number } | null;
}

/** mysql2's pool keeps its counts in fields it does not export; these names are stable across 3.x. */
export function mysqlPoolCounts(pool: unknown): { open: number; free: number; waiting: number } | null {
  const p = pool as { _allConnections?: { length: number }; _freeConnections?: { length: number } } & {
    _connectionQueue?: { length: number };
  };
  if (!p._allConnections || !p._freeConnections || !p._connectionQueue) return null;
  return { open: p._allConnections.length, free: p._freeConnections.length, waiting: p._connectionQueue.length };
}

// Latency buckets around the exam-day targets (save p99 150 ms, start p99 300 ms).
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.3, 0.5, 1, 2.5, 5, 10];

/**
 * Prometheus metrics at GET /metrics: request rate and latency per route pattern, the database
 * pool, the password-hash queue, admission control and the event loop (prom-client's defaults).
 * Served to loopback callers, or to anyone presenting METRICS_TOKEN as a bearer token.
 */
export function registerMetrics(fastify: FastifyInstance, sources: MetricSources, token: string | null): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });

  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer an API request, by method, route pattern and status class',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: BUCKETS,
    registers: [registry],
  });
  const statements = new Counter({
    name: 'db_statements_total',
    help: 'Database statements sent while serving API requests, by method and route pattern',
    labelNames: ['method', 'route'] as const,
    registers: [registry],
  });
  const refused = new Counter({
    name: 'admission_refused_total',
    help: 'Requests refused at the door with 503, by lane',
    labelNames: ['lane'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [lane, n] of Object.entries(sources.admission.snapshot().refusedByLane)) this.inc({ lane }, n);
    },
  });
  void refused;
  gauge(registry, 'admission_in_flight', 'Requests in flight, by lane', ['lane'], (set) => {
    for (const [lane, n] of Object.entries(sources.admission.snapshot().inFlightByLane)) set({ lane }, n);
  });
  gauge(registry, 'admission_waiting', '课堂快问 requests waiting at the door for a place', [], (set) =>
    set({}, sources.admission.snapshot().waiting),
  );
  gauge(registry, 'admission_event_loop_lag_ms', 'Event-loop delay p99 that admission sees (ms)', [], (set) =>
    set({}, sources.admission.snapshot().eventLoopLagMs),
  );
  gauge(registry, 'password_hash_queue', 'Slow password hashes, by state', ['state'], (set) => {
    const q = sources.hashQueue();
    set({ state: 'running' }, q.running);
    set({ state: 'waiting' }, q.waiting);
  });
  gauge(registry, 'password_upgrades_pending', 'Chosen passwords waiting for their slow hash', [], (set) =>
    set({}, sources.passwordUpgrades()),
  );
  gauge(registry, 'db_pool_connections', 'MySQL pool connections, by state', ['state'], (set) => {
    const p = sources.pool();
    if (!p) return;
    set({ state: 'open' }, p.open);
    set({ state: 'in_use' }, p.open - p.free);
    set({ state: 'waiting' }, p.waiting);
  });

  gauge(
    registry,
    'notify_outbox_lag_seconds',
    'Seconds the oldest due, undelivered group-robot message has waited (0 when none)',
    [],
    (set) => set({}, sources.notifyOutbox().lagSeconds),
  );
  gauge(registry, 'notify_outbox_messages', 'Group-robot messages not delivered, by state', ['state'], (set) => {
    const o = sources.notifyOutbox();
    set({ state: 'pending' }, o.pending);
    set({ state: 'failed' }, o.failed);
  });
  if (sources.database) registerDatabaseTopology(registry, sources.database);

  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const route = request.routeOptions.url;
    // Only the API's own routes: unknown paths would give every scanner its own label.
    if (route?.startsWith('/api/')) {
      duration.observe(
        { method: request.method, route, status: `${Math.floor(reply.statusCode / 100)}xx` },
        reply.elapsedTime / 1000,
      );
      const sent = requestContextOf(request)?.statements ?? 0;
      if (sent > 0) statements.inc({ method: request.method, route }, sent);
    }
    done();
  });

  fastify.get('/metrics', async (request, reply) => {
    if (!mayRead(request, token)) {
      return reply.code(403).type('application/json; charset=utf-8').send({
        statusCode: 403,
        message: '指标仅对本机或持有 METRICS_TOKEN 的采集端开放',
        requestId: request.id,
      });
    }
    return reply
      .type(registry.contentType)
      .header('Cache-Control', 'no-store')
      .send(await registry.metrics());
  });
  return registry;
}

function registerDatabaseTopology(registry: Registry, topology: () => DatabaseTopology): void {
  gauge(
    registry,
    'db_replica_up',
    'Read replica in use for reads (1) or not (0: down, stopped or lagging)',
    ['replica'],
    (set) => {
      for (const r of topology().replicas) set({ replica: r.name }, r.state === 'ok' ? 1 : 0);
    },
  );
  gauge(
    registry,
    'db_replica_lag_seconds',
    'Seconds the replica is behind its primary (absent when unknown)',
    ['replica'],
    (set) => {
      for (const r of topology().replicas) if (r.lagSeconds !== null) set({ replica: r.name }, r.lagSeconds);
    },
  );
  total(registry, 'db_replica_reads_total', 'Statements run on a read replica', ['replica'], (inc) => {
    for (const r of topology().replicas) inc({ replica: r.name }, r.reads);
  });
  total(registry, 'db_replica_fallbacks_total', 'Reads that failed on a replica and ran on the primary', [], (inc) =>
    inc({}, topology().replicaFallbacks),
  );
  total(
    registry,
    'db_statement_retries_total',
    'Hot statements (answer saves, 快问 joins and answers) tried again, by reason (conflict = error 1213)',
    ['reason'],
    (inc) => {
      for (const [reason, n] of topology().retries) inc({ reason }, n);
    },
  );
  total(
    registry,
    'db_hot_statements_total',
    'Hot statements sent (answer saves, 快问 joins and answers, the signed-in account and own attempts)',
    [],
    (inc) => inc({}, topology().hotStatements.statements),
  );
  total(
    registry,
    'db_hot_round_trips_total',
    'Round trips the hot statements took (several go together when issued together)',
    [],
    (inc) => inc({}, topology().hotStatements.roundTrips),
  );
  gauge(
    registry,
    'db_failover_node',
    'Database node new connections go to (1 = the one DATABASE_URL names)',
    [],
    (set) => {
      const f = topology().failover;
      if (f) set({}, f.node);
    },
  );
  total(registry, 'db_failover_switches_total', 'Times new connections moved to another database node', [], (inc) => {
    const f = topology().failover;
    if (f) inc({}, f.switches);
  });
}

/** A counter whose value is kept elsewhere: read at each scrape. */
function total(
  registry: Registry,
  name: string,
  help: string,
  labelNames: string[],
  read: (inc: (labels: Record<string, string>, value: number) => void) => void,
): void {
  new Counter({
    name,
    help,
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      read((labels, value) => this.inc(labels, value));
    },
  });
}

function gauge(
  registry: Registry,
  name: string,
  help: string,
  labelNames: string[],
  read: (set: (labels: Record<string, string>, value: number) => void) => void,
): void {
  new Gauge({
    name,
    help,
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      read((labels, value) => this.set(labels, value));
    },
  });
}

function mayRead(request: FastifyRequest, token: string | null): boolean {
  const header = request.headers.authorization ?? '';
  if (token && header.startsWith('Bearer ')) {
    const given = Buffer.from(header.slice(7));
    const expected = Buffer.from(token);
    if (given.length === expected.length && timingSafeEqual(given, expected)) return true;
  }
  // The socket's own address: X-Forwarded-For must not make a remote caller look local.
  const address = request.socket.remoteAddress ?? '';
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}
