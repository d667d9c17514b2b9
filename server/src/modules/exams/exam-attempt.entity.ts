import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';

/**
 * One sitting of an exam by one student. Past its deadline an attempt counts as submitted with the
 * answers saved before it, whether or not anyone called submit (AttemptService.finalizeExpired).
 */
@Entity()
@Index(['examId', 'userId', 'attemptNo'], { unique: true })
@Index(['userId', 'examId'])
@Index(['submittedAt', 'deadline'])
export class ExamAttempt {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  examId: number;

  @Column({ type: 'int' })
  userId: number;

  @Column({ type: 'int' })
  attemptNo: number;

  @DateTimeColumn()
  startedAt: Date;

  /** The earlier of start + duration and the exam's closing time. */
  @DateTimeColumn()
  deadline: Date;

  @DateTimeColumn({ nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'boolean', default: false })
  autoSubmitted: boolean;

  @Column({ type: 'double', nullable: true })
  score: number | null;

  @Column({ type: 'boolean', nullable: true })
  passed: boolean | null;

  @Column({ type: 'int', default: 0 })
  leaveCount: number;

  @DateTimeColumn({ nullable: true })
  lastLeftAt: Date | null;
}
