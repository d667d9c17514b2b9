import type { FraudType, PromptSourceKind, PromptStatus } from '@campus/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, DateTimeColumn, UpdatedAtColumn } from '../../database/columns';

/**
 * A 课前3分钟 prompt: a short talk a teacher gives before class. Prompts are retired, never deleted,
 * because deliveries point at them.
 */
@Entity()
@Index(['status', 'fraudType'])
export class Prompt {
  @PrimaryGeneratedColumn()
  id: number;

  /** Titles are unique in practice: the seed and the import skip a title already in the library. */
  @Index()
  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'text' })
  story: string;

  @Column({ type: 'simple-json' })
  warningSigns: string[];

  @Column({ type: 'simple-json' })
  actions: string[];

  @Column({ type: 'varchar', length: 200 })
  takeaway: string;

  @Column({ type: 'varchar', length: 32 })
  fraudType: FraudType;

  @Column({ type: 'simple-json' })
  tags: string[];

  /** 讲解要点 for the teacher (may be empty for prompts written before they existed). */
  @Column({ type: 'simple-json' })
  teachingPoints: string[];

  /** 互动提问; '' when the prompt has none (then the answer is '' too). */
  @Column({ type: 'varchar', length: 200, default: '' })
  discussionQuestion: string;

  @Column({ type: 'varchar', length: 400, default: '' })
  discussionAnswer: string;

  /** `composite` cases have no issuer and no date; `bulletin` ones have both (shared/prompt-rules). */
  @Column({ type: 'varchar', length: 16, default: 'composite' })
  sourceKind: PromptSourceKind;

  @Column({ type: 'varchar', length: 100, default: '' })
  sourceIssuer: string;

  /** A bulletin's title, or the composite label. */
  @Column({ type: 'varchar', length: 200, default: '' })
  source: string;

  /** `YYYY-MM-DD` a bulletin was published; null for composite cases. */
  @Column({ type: 'date', nullable: true })
  sourceDate: string | null;

  /** Time-sensitive prompts (a current scam wave) stop being offered from this instant. */
  @DateTimeColumn({ nullable: true })
  expiresAt: Date | null;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: PromptStatus;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
