import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AdmissionControl } from '../http/admission';

/** What the metrics read from the rest of the server, each a cheap look at state kept anyway. */
export interface MetricSources {
  admission: AdmissionControl;
  /** Slow password hashes running and waiting. */
  hashQueue: () => { running: number; waiting: number };
  /** Chosen passwords waiting for their slow hash (PasswordUpgrader). */
  passwordUpgrades: () => number;
  /** MySQL pool: connections open, in use and requests waiting for one (null on SQLite). */
  pool: () => { open: number; free: number; waiting: number } | null;
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

  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const route = request.routeOptions.url;
    // Only the API's own routes: unknown paths would give every scanner its own label.
    if (route?.startsWith('/api/')) {
      duration.observe(
        { method: request.method, route, status: `${Math.floor(reply.statusCode / 100)}xx` },
        reply.elapsedTime / 1000,
      );
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
