import { FraudType, QuestionType, type QuestionOption } from '@campus/shared';
import type { QuestionStatus } from '@campus/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '../../database/columns';

/**
 * A question of the bank, as it is now. Every edit also writes a QuestionVersion, and attempts point
 * at the version they showed, so editing never changes an attempt already taken.
 */
@Entity()
@Index(['status', 'type', 'fraudType', 'difficulty'])
export class Question {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 16 })
  type: QuestionType;

  @Column({ type: 'text' })
  stem: string;

  /** Normalised stem (question-rules stemKey) for finding duplicates. */
  @Index()
  @Column({ type: 'varchar', length: 191 })
  stemKey: string;

  @Column({ type: 'simple-json' })
  options: QuestionOption[];

  @Column({ type: 'simple-json' })
  answer: string[];

  @Column({ type: 'text' })
  analysis: string;

  @Index()
  @Column({ type: 'varchar', length: 32 })
  fraudType: FraudType;

  @Column({ type: 'smallint' })
  difficulty: number;

  @Column({ type: 'simple-json' })
  tags: string[];

  /**
   * 互斥组 (the API's `group`; "group" is an SQL keyword). Like tags it organises the bank and is not
   * part of what an attempt showed, so it lives here and not on QuestionVersion: a draw reads the
   * current group, and regrouping a question never touches past attempts.
   */
  @Index()
  @Column({ type: 'varchar', length: 40, nullable: true })
  exclusionGroup: string | null;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: QuestionStatus;

  @Column({ type: 'int', default: 1 })
  version: number;

  /** The QuestionVersion row holding this exact content. */
  @Column({ type: 'int', nullable: true })
  currentVersionId: number | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
