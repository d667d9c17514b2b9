import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';

/**
 * A question of one attempt's paper and the student's answer to it: written once at start, then
 * one UPDATE per saved answer (the exam-day hot path).
 */
@Entity()
@Index(['questionId'])
// Covering index for the statistics (item analysis, weak spots): an exam's marks are read from it
// alone, ~35 bytes a row instead of the whole row, so a million answers fit the buffer pool
// (pnpm bench:stats: item analysis of 1.35 M answers 1.9 s → 0.5 s). Saving an answer changes none
// of its columns; only submission (awarded) touches it.
@Index(['attemptId', 'questionVersionId', 'awarded', 'score'])
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

  /**
   * The question's answer in the stored form of an answer (AnswerCodec.key), written when the
   * attempt starts: the answer is right exactly when `answer = answer_key`, which is how the
   * statistics score attempts nobody has closed yet. "" when the question had no answer.
   */
  @Column({ type: 'varchar', length: 16 })
  answerKey: string;

  /** Chosen keys, sorted and joined ("AC"); null while unanswered. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  answer: string | null;

  @DateTimeColumn({ nullable: true })
  savedAt: Date | null;

  /** Marks given at submission; null before. */
  @Column({ type: 'double', nullable: true })
  awarded: number | null;
}
