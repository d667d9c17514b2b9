import { FraudType, QuestionType, type QuestionOption } from '@campus/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../../database/columns';

/** An immutable snapshot of a question's content: what an attempt showed and scores against. */
@Entity()
@Index(['questionId', 'version'], { unique: true })
export class QuestionVersion {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  questionId: number;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'varchar', length: 16 })
  type: QuestionType;

  @Column({ type: 'text' })
  stem: string;

  @Column({ type: 'simple-json' })
  options: QuestionOption[];

  @Column({ type: 'simple-json' })
  answer: string[];

  @Column({ type: 'text' })
  analysis: string;

  @Column({ type: 'varchar', length: 32 })
  fraudType: FraudType;

  @Column({ type: 'smallint' })
  difficulty: number;

  @CreatedAtColumn()
  createdAt: Date;
}
