import type { ReportUnitKind } from '@campus/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { DateTimeColumn, UpdatedAtColumn } from '../../database/columns';
import { ReportPeriod } from './report-period.entity';

/**
 * A unit's report to the office: for a period (one per unit and period), or ad hoc without one
 * (重大信息 随时上报). The reporter may edit it until the office marks it reviewed.
 */
@Entity()
@Unique(['periodId', 'unitKind', 'unitId'])
@Index(['unitKind', 'unitId'])
@Index(['submittedAt'])
export class UnitReport {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int', nullable: true })
  periodId: number | null;

  @ManyToOne(() => ReportPeriod, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'period_id' })
  period?: ReportPeriod | null;

  @Column({ type: 'varchar', length: 16 })
  unitKind: ReportUnitKind;

  /** A college id or a department id, as unitKind says. */
  @Column({ type: 'int' })
  unitId: number;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'text' })
  content: string;

  /** 重大信息: the office was notified at once. */
  @Column({ type: 'boolean', default: false })
  incident: boolean;

  @Column({ type: 'int' })
  submittedBy: number;

  @Column({ type: 'varchar', length: 64 })
  submittedByName: string;

  /** The first submission: lateness is judged by it, later edits do not change it. */
  @DateTimeColumn()
  submittedAt: Date;

  /** The reporter's last correction (the office's review and comments do not count). */
  @DateTimeColumn({ nullable: true })
  editedAt: Date | null;

  @UpdatedAtColumn()
  updatedAt: Date;

  @DateTimeColumn({ nullable: true })
  reviewedAt: Date | null;

  @Column({ type: 'int', nullable: true })
  reviewedBy: number | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  reviewedByName: string | null;
}
