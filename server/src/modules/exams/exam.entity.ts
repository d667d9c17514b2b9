import type { ExamAudience, ExamKind, ExamPaper, ExamStatus, ReviewPolicy } from '@campus/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, DateTimeColumn, UpdatedAtColumn } from '../../database/columns';

@Entity()
@Index(['status', 'kind'])
export class Exam {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'varchar', length: 16 })
  kind: ExamKind;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status: ExamStatus;

  @DateTimeColumn()
  opensAt: Date;

  @DateTimeColumn()
  closesAt: Date;

  @Column({ type: 'int' })
  durationMinutes: number;

  @Column({ type: 'double' })
  passScore: number;

  /** 0 = unlimited: retake until passed. */
  @Column({ type: 'int' })
  maxAttempts: number;

  @Column({ type: 'simple-json' })
  audience: ExamAudience;

  @Column({ type: 'simple-json' })
  paper: ExamPaper;

  @Column({ type: 'boolean' })
  shuffleQuestions: boolean;

  @Column({ type: 'boolean' })
  shuffleOptions: boolean;

  @Column({ type: 'varchar', length: 16, default: 'after_submit' })
  reviewPolicy: ReviewPolicy;

  @Column({ type: 'int', nullable: true })
  leaveLimit: number | null;

  @Column({ type: 'double' })
  totalScore: number;

  @Column({ type: 'int' })
  questionCount: number;

  @DateTimeColumn({ nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'int', nullable: true })
  createdBy: number | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
