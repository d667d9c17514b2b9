import { Injectable } from '@nestjs/common';
import type { NotifyKind } from '@campus/shared';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { Clock } from '../../common/clock/clock';
import { Sql } from '../../database/sql';
import { NotifyChannel } from './notify-channel.entity';
import type { NotifyMessage } from './notify-message';
import { NotifyWorker } from './notify-worker';

/** Which groups an event goes to. */
export interface NotifyTarget {
  /** The school's own group(s). */
  school: boolean;
  /** Colleges whose groups get it: 'all' for every college. */
  colleges: number[] | 'all';
  /** Only these robots (the test-send button). */
  channelIds?: number[];
}

export interface NotifyEvent {
  kind: NotifyKind;
  /** What it is about (`alert:12`): with the robot, the idempotency key of the row. */
  subject: string;
  target: NotifyTarget;
  /** The message for a robot of this college (null: the school's group). */
  message: (collegeId: number | null) => NotifyMessage;
  /** Not sent before (a scheduled alert's publish time). */
  notBefore?: Date;
  actor?: Principal | null;
}

const OUTBOX_COLUMNS = [
  'idempotency_key',
  'kind',
  'subject',
  'channel_id',
  'college_id',
  'title',
  'message',
  'status',
  'attempts',
  'due_at',
  'next_attempt_at',
  'created_by',
  'created_by_name',
  'created_at',
];

/**
 * Writes outbox rows. Callers pass the EntityManager of the transaction that records the event, so
 * the event and its messages are committed together or not at all; after the commit they call
 * kick(), which only schedules the worker (the request never waits for a robot).
 */
@Injectable()
export class NotifyOutboxService {
  constructor(
    private readonly sql: Sql,
    private readonly clock: Clock,
    private readonly worker: NotifyWorker,
  ) {}

  /** Queues the event for every enabled robot of its target; answers how many robots it reached. */
  async enqueue(manager: EntityManager, event: NotifyEvent): Promise<number> {
    const { school, colleges, channelIds } = event.target;
    const channels = (await manager.getRepository(NotifyChannel).find({ where: { enabled: true } })).filter((c) => {
      if (channelIds) return channelIds.includes(c.id);
      return c.collegeId === null ? school : colleges === 'all' || colleges.includes(c.collegeId);
    });
    if (channels.length === 0) return 0;
    const now = this.clock.date();
    const due = event.notBefore && event.notBefore > now ? event.notBefore : now;
    const rows = channels.map((channel) => {
      const message = event.message(channel.collegeId);
      return [
        `${event.kind}:${event.subject}:${channel.id}`,
        event.kind,
        event.subject,
        channel.id,
        channel.collegeId,
        message.title.slice(0, 200),
        JSON.stringify(message),
        'pending',
        0,
        due,
        due,
        event.actor?.id ?? null,
        event.actor?.name ?? null,
        now,
      ];
    });
    // The unique idempotency key makes a repeated event (two instances, a retried job) a no-op.
    await this.sql.insertMany(manager, 'notify_outbox', OUTBOX_COLUMNS, rows, { ignoreDuplicates: true });
    return channels.length;
  }

  /** The event's reason went away (alert withdrawn): its rows not yet sent are cancelled. */
  async cancel(manager: EntityManager, subject: string, reason: string): Promise<void> {
    await this.sql.execute(
      `UPDATE notify_outbox SET status = 'cancelled', last_error = ? WHERE subject = ? AND status = 'pending'`,
      [reason, subject],
      manager,
    );
  }

  /** After the commit: let the worker look soon, without waiting for it. */
  kick(): void {
    this.worker.kick();
  }
}
