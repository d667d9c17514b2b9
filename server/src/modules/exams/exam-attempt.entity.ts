import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';

/**
 * One sitting of an exam by one student. Past its deadline an attempt counts as submitted with the
 * answers saved before it, whether or not anyone called submit (AttemptCloseService.finalizeExpired).
 */
@Entity()
@Index(['examId', 'userId', 'attemptNo'], { unique: true })
@Index(['userId', 'examId'])
@Index(['submittedAt', 'deadline'])
// Weak spots by fraud type read the tallies of the finished attempts of the counted exams from this
// index alone (FraudTypeQuery), never the attempts' rows or their answers.
@Index('IDX_exam_attempt_fraud_tally', ['examId', 'submittedAt', 'userId', 'fraudTally'])
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

  /**
   * Per fraud type, how many questions the paper had and how many were answered right, written once
   * when the attempt is closed: `investment:3:2,fake_loan:4:4` (fraud-tally.ts). Null for attempts
   * still open and for attempts closed before the tally existed (counted from their answers).
   */
  @Column({ type: 'varchar', length: 400, nullable: true })
  fraudTally: string | null;
}
