import http from 'node:http';

export interface Outcome {
  status: number;
  ms: number;
  retryAfter: boolean;
  /** The Retry-After header in seconds, when it held a number. */
  retryAfterSeconds: number | null;
  timedOut: boolean;
  body: string;
}

export interface LatencySummary {
  count: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
}

/** A keep-alive HTTP client with one socket per simulated client, like a browser tab would hold. */
export class Client {
  private readonly agent: http.Agent;

  constructor(
    private readonly port: number,
    sockets: number,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  }

  request(method: string, path: string, token: string | null, body?: unknown, timeoutMs = 10_000): Promise<Outcome> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const started = performance.now();
    return new Promise((resolve) => {
      const headers: Record<string, string | number> = {};
      if (token) headers.authorization = `Bearer ${token}`;
      if (payload !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = Buffer.byteLength(payload);
      }
      const req = http.request(
        { host: '127.0.0.1', port: this.port, method, path, headers, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              ms: performance.now() - started,
              retryAfter: res.headers['retry-after'] !== undefined,
              retryAfterSeconds: Number.isFinite(Number(res.headers['retry-after']))
                ? Number(res.headers['retry-after'])
                : null,
              timedOut: false,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      req.setTimeout(timeoutMs, () => {
        req.destroy();
        resolve({
          status: 0,
          ms: performance.now() - started,
          retryAfter: false,
          retryAfterSeconds: null,
          timedOut: true,
          body: '',
        });
      });
      req.on('error', () =>
        resolve({
          status: 0,
          ms: performance.now() - started,
          retryAfter: false,
          retryAfterSeconds: null,
          timedOut: false,
          body: '',
        }),
      );
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Runs `jobs` with `concurrency` workers, each taking the next job when its last one finishes. */
export async function runClosedLoop<J>(
  jobs: J[],
  concurrency: number,
  work: (job: J) => Promise<number>,
): Promise<{ latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, jobs.length) }, async () => {
      while (next < jobs.length) {
        const job = jobs[next++]!;
        latencies.push(await work(job));
      }
    }),
  );
  return { latencies, seconds: (performance.now() - started) / 1000 };
}

export function summarise(latencies: number[], seconds: number): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return { count: sorted.length, rps: Math.round(sorted.length / seconds), p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

export function round(n: number): number {
  return Math.round(n * 10) / 10;
}
