import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, DateTimeColumn, UpdatedAtColumn } from '../../database/columns';

/** A reporting period (monthly by default) and the colleges and departments that must report for it. */
@Entity()
@Index(['dueAt'])
export class ReportPeriod {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  /** The span the reports cover, `YYYY-MM-DD`. */
  @Column({ type: 'varchar', length: 10 })
  startsOn: string;

  @Column({ type: 'varchar', length: 10 })
  endsOn: string;

  @DateTimeColumn()
  dueAt: Date;

  @Column({ type: 'simple-json' })
  collegeIds: number[];

  @Column({ type: 'simple-json' })
  departmentIds: number[];

  @Column({ type: 'int', nullable: true })
  createdBy: number | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
