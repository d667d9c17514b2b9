import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';
import { User } from '../users/user.entity';
import { QuizRound } from './quiz-round.entity';

/**
 * A student in a 快问 round: written when they open it (joined), completed once when they answer.
 * The primary key makes one row per student per round; the answer is set by a conditional UPDATE
 * (`answer IS NULL` and the round still open), so a second answer or a late one changes nothing.
 */
@Entity()
export class QuizResponse {
  @PrimaryColumn({ type: 'int' })
  roundId: number;

  @ManyToOne(() => QuizRound, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id' })
  round?: QuizRound;

  @PrimaryColumn({ type: 'int' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @DateTimeColumn()
  joinedAt: Date;

  /** Sorted option keys ("A", "AC"); null until answered. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  answer: string | null;

  @Column({ type: 'boolean', nullable: true })
  correct: boolean | null;

  @DateTimeColumn({ nullable: true })
  answeredAt: Date | null;
}
