import type { NotifyDeliveryStatus, NotifyKind } from '@campus/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';
import type { NotifyMessage } from './notify-message';

/**
 * One message to one robot. Written in the same transaction as the event that causes it (an alert
 * published, the Friday report frozen, a period found overdue, a 催考 click), sent later by
 * NotifyWorker. `idempotencyKey` (kind:subject:channel) is unique: the same event never queues the
 * same robot twice; a row is claimed by one atomic UPDATE and once delivered is never claimed again.
 */
@Entity()
@Index(['status', 'nextAttemptAt'])
@Index(['channelId', 'createdAt'])
@Index(['subject'])
export class NotifyOutbox {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 160, unique: true })
  idempotencyKey: string;

  @Column({ type: 'varchar', length: 24 })
  kind: NotifyKind;

  /** What the message is about, e.g. `alert:12`; withdrawing the alert cancels its pending rows. */
  @Column({ type: 'varchar', length: 100 })
  subject: string;

  /** Null once the robot was removed (the row stays in the log). */
  @Column({ type: 'int', nullable: true })
  channelId: number | null;

  /** The robot's college when the row was written (null: the school's group), for scoping the log. */
  @Column({ type: 'int', nullable: true })
  collegeId: number | null;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  /** Platform-neutral; each platform's payload (and signature) is built when it is sent. */
  @Column({ type: 'simple-json' })
  message: NotifyMessage;

  @Column({ type: 'varchar', length: 16 })
  status: NotifyDeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** When it was first meant to go out (now, or a scheduled alert's publish time): the lag counts from it. */
  @DateTimeColumn()
  dueAt: Date;

  @DateTimeColumn()
  nextAttemptAt: Date;

  /** While `sending`: the instance that claimed it may send until then; afterwards another may. */
  @DateTimeColumn({ nullable: true })
  leaseUntil: Date | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  leaseToken: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @DateTimeColumn({ nullable: true })
  deliveredAt: Date | null;

  @Column({ type: 'int', nullable: true })
  createdBy: number | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  createdByName: string | null;

  /** From the injected Clock (the 催考 rate limit and the outbox lag compare it with the Clock). */
  @DateTimeColumn()
  createdAt: Date;
}
