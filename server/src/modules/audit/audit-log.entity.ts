import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';

/**
 * One admin action: who did what to which record, in a sentence. The actor's name is copied so the
 * line still reads right after the account is renamed or removed.
 */
@Entity()
@Index(['at'])
@Index(['action', 'at'])
@Index(['actorId', 'at'])
/** A person's detail page lists the entries about them: targetType 'user', their id. */
@Index(['targetType', 'targetId', 'at'])
export class AuditLog {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int', nullable: true })
  actorId: number | null;

  @Column({ type: 'varchar', length: 64 })
  actorName: string;

  /** An AUDIT_ACTIONS code, e.g. `exam.publish`. */
  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ type: 'varchar', length: 32 })
  targetType: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  targetId: string | null;

  /** The record's name as it was then (the title, the person): the log reads right after a rename. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  targetName: string | null;

  @Column({ type: 'varchar', length: 500 })
  summary: string;

  @Column({ type: 'simple-json', nullable: true })
  details: Record<string, unknown> | null;

  @DateTimeColumn()
  at: Date;
}
