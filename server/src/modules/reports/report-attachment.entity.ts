import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { StoredFile } from '../../common/files/stored-file.entity';
import { CreatedAtColumn } from '../../database/columns';
import { UnitReport } from './unit-report.entity';

/** A file attached to a report; the bytes and their checked type are in stored_file. */
@Entity()
@Index(['reportId'])
export class ReportAttachment {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  reportId: number;

  @ManyToOne(() => UnitReport, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id' })
  report?: UnitReport;

  @Column({ type: 'int' })
  fileId: number;

  @ManyToOne(() => StoredFile, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'file_id' })
  file?: StoredFile;

  @CreatedAtColumn()
  createdAt: Date;
}
