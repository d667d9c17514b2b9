import type { WeeklyReportContent, WeeklyReportKind } from '@campus/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';

/**
 * A frozen 周五通报: its figures are computed once, as of `asOf`, and stored; later results never
 * change it (nothing updates this table). The summary columns repeat the content's totals for lists.
 */
@Entity()
@Index(['asOf'])
export class WeeklyReport {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 16 })
  kind: WeeklyReportKind;

  /**
   * `weekly:<weekOf>` for the Friday 08:00 report: unique, so when several server instances run the
   * job at the same minute exactly one report of the week is created. `manual:<ms>` for the others.
   */
  @Column({ type: 'varchar', length: 40, unique: true })
  slot: string;

  /** The Friday (Asia/Shanghai, YYYY-MM-DD) whose 08:00 closes the reported week. */
  @Column({ type: 'varchar', length: 10 })
  weekOf: string;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @DateTimeColumn()
  periodStart: Date;

  @DateTimeColumn()
  asOf: Date;

  @DateTimeColumn()
  generatedAt: Date;

  /** Null when the scheduler made it. */
  @Column({ type: 'int', nullable: true })
  generatedBy: number | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  generatedByName: string | null;

  @Column({ type: 'int' })
  people: number;

  @Column({ type: 'double' })
  awarenessRate: number;

  @Column({ type: 'double' })
  awarenessChange: number;

  @Column({ type: 'double' })
  coverageRate: number;

  /** Hundreds of classes do not fit a TEXT column on MySQL: JSON (LONGTEXT on MariaDB). */
  @Column({ type: 'json' })
  content: WeeklyReportContent;
}
