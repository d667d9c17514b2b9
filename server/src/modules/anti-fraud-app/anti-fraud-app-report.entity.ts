import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';
import { StoredFile } from '../../common/files/stored-file.entity';
import { User } from '../users/user.entity';

/**
 * What a person reported about the 国家反诈中心 APP (应安尽安). One row per person, replaced by each
 * report. The statistics count install rates from this table: its name and columns are relied on.
 */
@Entity()
export class AntiFraudAppReport {
  @PrimaryColumn({ type: 'int' })
  userId: number;

  // The key is the user id itself, so this is one row per person without a second unique index.
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'boolean' })
  installed: boolean;

  @Column({ type: 'boolean' })
  registered: boolean;

  /** Optional proof: a screenshot of the APP (an image in stored_file). */
  @Column({ type: 'int', nullable: true })
  screenshotFileId: number | null;

  @ManyToOne(() => StoredFile, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'screenshot_file_id' })
  screenshot?: StoredFile | null;

  @DateTimeColumn()
  reportedAt: Date;
}
