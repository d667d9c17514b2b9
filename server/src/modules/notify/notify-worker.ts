import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { NotifyPlatform } from '@campus/shared';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { AppConfig } from '../../config/app-config';
import { Sql } from '../../database/sql';
import { NotifyChannel } from './notify-channel.entity';
import { NotifyOutbox } from './notify-outbox.entity';
import { buildRequest, receiverVerdict } from './notify-payloads';

/** After this many failed attempts a row is marked failed (about an hour of retries). */
export const MAX_ATTEMPTS = 8;
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 3_600_000;
/** Rows claimed per round, and sent at once. */
const BATCH = 20;
const PARALLEL = 4;
/** 企业微信 and 钉钉 take at most 20 messages a minute per robot (飞书 100): keep under it. */
const PER_ROBOT_PER_MINUTE = 20;

/** Exponential backoff: 30 s, 1 min, 2 min … at most an hour, after the n-th failed attempt. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
}

export interface OutboxSnapshot {
  pending: number;
  failed: number;
  /** Seconds the oldest due, undelivered row has waited past its due time (0 when none). */
  lagSeconds: number;
}

type Claimed = Pick<NotifyOutbox, 'id' | 'idempotencyKey' | 'channelId' | 'message' | 'attempts'>;

/**
 * Sends the outbox. Every instance may run it: a row is taken by one atomic UPDATE that only
 * succeeds while the row is pending and due (or its holder's lease ran out), and the result is
 * written only by the holder of the lease token, so a delivered row is never sent again. The lease
 * outlasts the HTTP timeout, so a lease can only run out after its holder's request has ended.
 */
@Injectable()
export class NotifyWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(NotifyWorker.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private kicked = false;
  private stopped = false;
  private readonly recentSends = new Map<number, number[]>();
  snapshot: OutboxSnapshot = { pending: 0, failed: 0, lagSeconds: 0 };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sql: Sql,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.notifyWorker) return;
    this.timer = setInterval(
      () => void this.runOnce().catch((e: unknown) => this.logFailure(e)),
      this.config.notifyPollMs,
    );
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** Look at the outbox soon (after an event was committed); never waits for the robots. */
  kick(): void {
    if (!this.config.notifyWorker || this.kicked || this.stopped) return;
    this.kicked = true;
    setImmediate(() => {
      this.kicked = false;
      if (this.stopped) return;
      void this.runOnce().catch((e: unknown) => this.logFailure(e));
    });
  }

  /** One round: claims the due rows and sends them. Answers how many it sent (delivered or not). */
  runOnce(): Promise<number> {
    if (this.running) return this.running.then(() => this.runOnce());
    const run = this.round().finally(() => {
      this.running = null;
    });
    this.running = run;
    return run;
  }

  private async round(): Promise<number> {
    const now = this.clock.date();
    const due = await this.sql.query<Array<{ id: number; channel_id: number | null }>>(
      `SELECT id, channel_id FROM notify_outbox
        WHERE (status = 'pending' AND next_attempt_at <= ?) OR (status = 'sending' AND lease_until < ?)
        ORDER BY next_attempt_at, id LIMIT ${BATCH}`,
      [now, now],
    );
    const ids = due.filter((row) => this.mayUseRobot(row.channel_id)).map((row) => Number(row.id));
    let sent = 0;
    for (let i = 0; i < ids.length; i += PARALLEL) {
      const results = await Promise.all(ids.slice(i, i + PARALLEL).map((id) => this.deliver(id)));
      sent += results.filter(Boolean).length;
    }
    await this.refreshSnapshot();
    return sent;
  }

  /**
   * Sends one row now if it is due and nobody holds it (the test-send button). Answers whether this
   * instance sent it.
   */
  async deliver(id: number): Promise<boolean> {
    const claimed = await this.claim(id);
    if (!claimed) return false;
    const channel =
      claimed.channelId === null
        ? null
        : await this.dataSource.getRepository(NotifyChannel).findOne({ where: { id: claimed.channelId } });
    if (!channel || !channel.enabled) {
      await this.finish(claimed, 'cancelled', '机器人已删除或已停用');
      return true;
    }
    this.noteSend(channel.id);
    const error = await this.post(channel.platform, channel.webhookUrl, channel.secret, claimed);
    if (error === null) await this.finish(claimed, 'delivered', null);
    else await this.finish(claimed, claimed.attempts >= MAX_ATTEMPTS ? 'failed' : 'pending', error);
    return true;
  }

  private async claim(id: number): Promise<(Claimed & { token: string }) | null> {
    const now = this.clock.date();
    const token = randomUUID();
    const leaseUntil = new Date(now.getTime() + this.config.notifyTimeoutMs + 60_000);
    const taken = await this.sql.execute(
      `UPDATE notify_outbox SET status = 'sending', lease_token = ?, lease_until = ?, attempts = attempts + 1
        WHERE id = ? AND ((status = 'pending' AND next_attempt_at <= ?) OR (status = 'sending' AND lease_until < ?))`,
      [token, leaseUntil, id, now, now],
    );
    if (taken !== 1) return null;
    const row = await this.dataSource.getRepository(NotifyOutbox).findOne({
      where: { id, leaseToken: token },
      select: { id: true, idempotencyKey: true, channelId: true, message: true, attempts: true },
    });
    return row ? { ...row, token } : null;
  }

  private async post(
    platform: NotifyPlatform,
    webhookUrl: string,
    secret: string | null,
    row: Claimed,
  ): Promise<string | null> {
    const request = buildRequest(platform, webhookUrl, secret, row.message, this.clock.now());
    try {
      const response = await fetch(request.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'x-idempotency-key': row.idempotencyKey },
        body: request.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.notifyTimeoutMs),
      });
      const text = (await response.text()).slice(0, 2000);
      return receiverVerdict(platform, response.status, text);
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        return `超时：${Number((this.config.notifyTimeoutMs / 1000).toFixed(1))} 秒内接收方没有应答`;
      }
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      return `无法连接接收方：${cause?.code ?? cause?.message ?? String(error)}`.slice(0, 500);
    }
  }

  private async finish(
    row: Claimed & { token: string },
    status: 'delivered' | 'pending' | 'failed' | 'cancelled',
    error: string | null,
  ): Promise<void> {
    const now = this.clock.date();
    const next = status === 'pending' ? new Date(now.getTime() + retryDelayMs(row.attempts)) : now;
    const written = await this.sql.execute(
      `UPDATE notify_outbox SET status = ?, last_error = ?, next_attempt_at = ?, delivered_at = ?,
              lease_token = NULL, lease_until = NULL
        WHERE id = ? AND lease_token = ?`,
      [status, error, next, status === 'delivered' ? now : null, row.id, row.token],
    );
    if (written !== 1) this.logger.warn(`Outbox row ${row.id}: the lease was lost before its result was written`);
  }

  /** Keeps each robot under its per-minute limit on this instance; the rest wait for a later round. */
  private mayUseRobot(channelId: number | null): boolean {
    if (channelId === null) return true;
    const since = this.clock.now() - 60_000;
    const recent = (this.recentSends.get(channelId) ?? []).filter((t) => t > since);
    this.recentSends.set(channelId, recent);
    return recent.length < PER_ROBOT_PER_MINUTE;
  }

  private noteSend(channelId: number): void {
    const list = this.recentSends.get(channelId) ?? [];
    list.push(this.clock.now());
    this.recentSends.set(channelId, list);
  }

  /** Pending and failed counts and the lag, for /metrics (read from memory there). */
  async refreshSnapshot(): Promise<OutboxSnapshot> {
    const now = this.clock.date();
    const [counts] = await this.sql.query<Array<{ pending: number | string | null; failed: number | string | null }>>(
      `SELECT SUM(CASE WHEN status IN ('pending', 'sending') THEN 1 ELSE 0 END) AS pending,
              SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) AS failed
         FROM notify_outbox`,
    );
    const oldest = await this.dataSource
      .getRepository(NotifyOutbox)
      .createQueryBuilder('o')
      .select('MIN(o.dueAt)', 'dueAt')
      .where("o.status IN ('pending', 'sending') AND o.dueAt <= :now", { now })
      .getRawOne<{ dueAt: Date | string | null }>();
    const oldestDue = oldest?.dueAt ? parseDbDate(oldest.dueAt) : null;
    const lagMs = oldestDue ? now.getTime() - oldestDue.getTime() : 0;
    this.snapshot = {
      pending: Number(counts?.pending ?? 0),
      failed: Number(counts?.failed ?? 0),
      lagSeconds: Math.max(0, lagMs / 1000),
    };
    return this.snapshot;
  }

  private logFailure(error: unknown): void {
    this.logger.error(`The notification outbox could not be sent: ${String(error)}`);
  }
}

/** A DATETIME read raw: a Date from mysql2, a 'YYYY-MM-DD HH:MM:SS.sss' UTC string from SQLite. */
function parseDbDate(value: Date | string): Date {
  if (value instanceof Date) return value;
  return new Date(`${value.replace(' ', 'T')}Z`);
}
