import type { AlertAudience, AlertLevel } from '@campus/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, DateTimeColumn } from '../../database/columns';

/**
 * 防骗警示信息. Visible to its audience from `publishAt` (a future time is a scheduled publish: queries
 * compare with now, so no timer is needed) until withdrawn.
 */
@Entity()
@Index(['withdrawnAt', 'publishAt'])
export class Alert {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  /** Plain text; the page shows its line breaks and never renders it as HTML. */
  @Column({ type: 'text' })
  content: string;

  @Column({ type: 'varchar', length: 16 })
  level: AlertLevel;

  /** Roles and colleges; an empty list does not restrict. */
  @Column({ type: 'simple-json' })
  audience: Required<AlertAudience>;

  @DateTimeColumn()
  publishAt: Date;

  @DateTimeColumn({ nullable: true })
  withdrawnAt: Date | null;

  @Column({ type: 'int', nullable: true })
  withdrawnBy: number | null;

  /** A page of the web app the alert points to (a 重大信息 report), or null. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  link: string | null;

  @Column({ type: 'int', nullable: true })
  createdBy: number | null;

  @Column({ type: 'varchar', length: 64 })
  createdByName: string;

  @CreatedAtColumn()
  createdAt: Date;
}
