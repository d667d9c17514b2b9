import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';

/**
 * 补考/缓考: what one student is granted on one exam beyond its settings — minutes added to every
 * attempt's duration (the deadline rule, attemptDeadline) and attempts beyond maxAttempts.
 * Granting again replaces the row; every grant and revocation is in the audit log.
 */
@Entity()
@Index(['examId', 'userId'], { unique: true })
export class ExamException {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  examId: number;

  @Column({ type: 'int' })
  userId: number;

  @Column({ type: 'int', default: 0 })
  extraMinutes: number;

  @Column({ type: 'int', default: 0 })
  extraAttempts: number;

  @Column({ type: 'varchar', length: 200 })
  reason: string;

  @Column({ type: 'int', nullable: true })
  grantedBy: number | null;

  @Column({ type: 'varchar', length: 64 })
  grantedByName: string;

  @DateTimeColumn()
  grantedAt: Date;
}
