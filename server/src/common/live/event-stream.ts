import { ServiceUnavailableException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { releaseAdmission } from '../http/admission';

export interface EventStreamOptions {
  /** A comment line this often keeps proxies (nginx's proxy_read_timeout, 60 s) from closing an idle stream. */
  heartbeatMs?: number;
  /**
   * The stream ends after this long and the browser reconnects (after `retryMs`): a stream opened
   * with a token keeps no session alive past it (a password change, an expired token are noticed
   * at the reconnect), and reconnecting spreads watchers over the instances again.
   */
  maxLifetimeMs?: number;
  /** How long the browser waits before reconnecting (sent as the stream's `retry:` field). */
  retryMs?: number;
  /**
   * A staff screen (a 快问 projector, the exam monitor) may take the places kept back from phones,
   * so a school's worth of phones never locks a teacher's projector out.
   */
  staff?: boolean;
}

/** One open server-sent event stream. */
export interface EventStream {
  /** Sends one event; while the client reads slowly, only the newest pending event of the stream is kept. */
  send(event: string, data: unknown): void;
  /** Sends one event whose data is already JSON text (one serialisation shared by many viewers). */
  sendJson(event: string, json: string): void;
  close(): void;
  readonly closed: boolean;
  /** Called once, when the stream ends for any reason (client gone, closed, lifetime over). */
  onClose(listener: () => void): void;
}

/**
 * Open streams per instance (MAX_EVENT_STREAMS): each holds a socket, a file descriptor and a few
 * kilobytes; beyond it, 503 + Retry-After. The last tenth is kept for staff screens.
 */
let maxOpenStreams = 12_000;
const STAFF_SHARE = 0.1;
let openStreams = 0;

/** Sets the per-instance capacity (from AppConfig at start-up). */
export function setEventStreamCapacity(max: number): void {
  maxOpenStreams = max;
}

export function openEventStreamCount(): number {
  return openStreams;
}

/** True when the request says it reads `text/event-stream` (EventSource and fetch-based readers send it). */
export function acceptsEventStream(request: FastifyRequest): boolean {
  return String(request.headers.accept ?? '').includes('text/event-stream');
}

/**
 * Turns a Fastify request into a server-sent event stream (text/event-stream). Works behind nginx when
 * its location for the stream has `proxy_buffering off` (the `X-Accel-Buffering: no` header sent here
 * asks the same of nginx per answer) and a `proxy_read_timeout` longer than the heartbeat; see
 * docker/nginx.conf. The request gives up its admission place once the stream is open (a watcher is
 * not work in progress) and the stream is written around Nest: the reply is hijacked, so headers that
 * hooks would add on send are written here.
 */
export function openEventStream(
  request: FastifyRequest,
  reply: FastifyReply,
  options: EventStreamOptions = {},
): EventStream {
  const capacity = options.staff ? maxOpenStreams : Math.floor(maxOpenStreams * (1 - STAFF_SHARE));
  if (openStreams >= capacity) {
    reply.header('Retry-After', '10');
    throw new ServiceUnavailableException('实时连接过多，请稍后重试');
  }
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const maxLifetimeMs = options.maxLifetimeMs ?? 10 * 60_000;
  const retryMs = options.retryMs ?? 3_000;

  reply.hijack();
  releaseAdmission(request);
  openStreams += 1;
  const res = reply.raw;
  // Headers hooks already set (security headers, the request id), with the stream's own on top.
  const headers = new Map<string, string | number | string[]>();
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (value !== undefined) headers.set(name.toLowerCase(), value);
  }
  headers.set('content-type', 'text/event-stream; charset=utf-8');
  headers.set('cache-control', 'no-store');
  headers.set('x-accel-buffering', 'no');
  headers.set('x-content-type-options', 'nosniff');
  headers.set('x-request-id', request.id);
  res.writeHead(200, Object.fromEntries(headers));
  res.write(`retry: ${retryMs}\n\n`);
  // Nagle would hold small events back for a few tens of milliseconds.
  request.raw.socket.setNoDelay(true);

  let closed = false;
  let blocked = false;
  let pending: string | null = null;
  const listeners: Array<() => void> = [];

  const write = (frame: string) => {
    if (closed) return;
    if (blocked) {
      pending = frame;
      return;
    }
    if (!res.write(frame)) blocked = true;
  };
  res.on('drain', () => {
    blocked = false;
    if (pending === null) return;
    const frame = pending;
    pending = null;
    write(frame);
  });

  const heartbeat = setInterval(() => write(': ping\n\n'), heartbeatMs);
  heartbeat.unref();
  const lifetime = setTimeout(() => stream.close(), maxLifetimeMs);
  lifetime.unref();

  const finish = () => {
    if (closed) return;
    closed = true;
    openStreams -= 1;
    clearInterval(heartbeat);
    clearTimeout(lifetime);
    for (const listener of listeners.splice(0)) listener();
  };
  res.once('close', finish);

  const stream: EventStream = {
    send(event, data) {
      write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    sendJson(event, json) {
      write(`event: ${event}\ndata: ${json}\n\n`);
    },
    close() {
      if (closed) return;
      res.end();
      finish();
    },
    get closed() {
      return closed;
    },
    onClose(listener) {
      if (closed) listener();
      else listeners.push(listener);
    },
  };
  return stream;
}
