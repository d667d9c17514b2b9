import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Item analysis of a big exam adds up a million answers. Submitted attempts never change, so their
 * sums are added here once ("folded") and only the attempts finished since are added up at request
 * time. Sums per exam and question (ItemMoments of shared/item-analysis.ts).
 */
@Entity()
export class ItemMoment {
  @PrimaryColumn({ type: 'int' })
  examId: number;

  @PrimaryColumn({ type: 'int' })
  questionId: number;

  @Column({ type: 'int' })
  n: number;

  @Column({ type: 'double' })
  sumX: number;

  @Column({ type: 'double' })
  sumXx: number;

  @Column({ type: 'double' })
  sumT: number;

  @Column({ type: 'double' })
  sumTt: number;

  @Column({ type: 'double' })
  sumXt: number;

  @Column({ type: 'double' })
  maxMark: number;
}

/** The attempts whose answers are in item_moment; its primary key keeps two instances from folding one twice. */
@Entity()
@Index(['batch'])
export class ItemMomentAttempt {
  @PrimaryColumn({ type: 'int' })
  attemptId: number;

  @Column({ type: 'int' })
  examId: number;

  @Column({ type: 'varchar', length: 36 })
  batch: string;
}
