import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../../database/columns';
import { UnitReport } from './unit-report.entity';

/** A remark on a report: the office's comment, or the unit's reply. */
@Entity()
@Index(['reportId'])
export class ReportComment {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  reportId: number;

  @ManyToOne(() => UnitReport, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id' })
  report?: UnitReport;

  @Column({ type: 'int' })
  authorId: number;

  @Column({ type: 'varchar', length: 64 })
  authorName: string;

  @Column({ type: 'boolean' })
  fromOffice: boolean;

  @Column({ type: 'text' })
  body: string;

  @CreatedAtColumn()
  createdAt: Date;
}
