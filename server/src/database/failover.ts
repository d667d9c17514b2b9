import { Logger } from '@nestjs/common';
import { connect, type Socket } from 'node:net';

export interface DatabaseHost {
  host: string;
  port: number;
}

/** The host a failover stream connects to now, for /api/health and /metrics. */
export interface FailoverState {
  hosts: DatabaseHost[];
  current: number;
  switches: number;
}

/**
 * mysql2's `stream` option for a Galera cluster: every new pooled connection goes to the current
 * node; when that node refuses the connection or does not accept it within `connectTimeoutMs`, the
 * next node in the list becomes current, so the pool's next attempt (and every later one) lands
 * there. The server stays on the node that answers — writing through one node at a time keeps
 * certification conflicts between the server's own statements away.
 */
export function failoverStream(
  hosts: DatabaseHost[],
  connectTimeoutMs: number,
): { stream: () => Socket; state: FailoverState } {
  const state: FailoverState = { hosts, current: 0, switches: 0 };
  const logger = new Logger('DatabaseFailover');
  const giveUp = (used: number, reason: string) => {
    if (state.current !== used) return; // another connection already moved on
    state.current = (used + 1) % hosts.length;
    state.switches++;
    const from = hosts[used]!;
    const to = hosts[state.current]!;
    logger.warn(`database ${from.host}:${from.port} ${reason}; new connections go to ${to.host}:${to.port}`);
  };
  const stream = () => {
    const used = state.current;
    const target = hosts[used]!;
    const socket = connect(target.port, target.host);
    socket.setNoDelay(true);
    const timer = setTimeout(
      () => giveUp(used, `did not accept a connection within ${connectTimeoutMs} ms`),
      connectTimeoutMs,
    );
    timer.unref();
    let connected = false;
    socket.once('connect', () => {
      connected = true;
      clearTimeout(timer);
      socket.setKeepAlive(true);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (!connected) giveUp(used, `refused the connection (${error.code ?? error.message})`);
    });
    return socket;
  };
  return { stream, state };
}

/** host:port of a mysql:// URL. */
export function urlHost(url: string): DatabaseHost {
  const parsed = new URL(url);
  return { host: parsed.hostname.replace(/^\[|\]$/g, ''), port: Number(parsed.port || 3306) };
}
