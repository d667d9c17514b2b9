import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';

/** 错题本: a question the student got wrong, until they answer it right in practice. */
@Entity()
@Index(['userId', 'masteredAt'])
export class WrongQuestion {
  @PrimaryColumn({ type: 'int' })
  userId: number;

  @PrimaryColumn({ type: 'int' })
  questionId: number;

  @Column({ type: 'int', default: 1 })
  wrongCount: number;

  @Column({ type: 'varchar', length: 16 })
  lastAnswer: string;

  @DateTimeColumn()
  lastWrongAt: Date;

  @DateTimeColumn({ nullable: true })
  masteredAt: Date | null;
}
