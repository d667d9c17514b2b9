import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';

/**
 * A question of one attempt's paper and the student's answer to it: written once at start, then
 * one UPDATE per saved answer (the exam-day hot path).
 */
@Entity()
@Index(['questionId'])
export class AttemptQuestion {
  @PrimaryColumn({ type: 'int' })
  attemptId: number;

  @PrimaryColumn({ type: 'int' })
  questionId: number;

  @Column({ type: 'int' })
  questionVersionId: number;

  @Column({ type: 'smallint' })
  position: number;

  /** Option keys in the order this student sees them, e.g. "CADB". */
  @Column({ type: 'varchar', length: 16 })
  optionOrder: string;

  @Column({ type: 'double' })
  score: number;

  /** Chosen keys, sorted and joined ("AC"); null while unanswered. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  answer: string | null;

  @DateTimeColumn({ nullable: true })
  savedAt: Date | null;

  /** Marks given at submission; null before. */
  @Column({ type: 'double', nullable: true })
  awarded: number | null;
}
