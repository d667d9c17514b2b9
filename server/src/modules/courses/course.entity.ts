import type { CourseAudience, CourseStatus } from '@campus/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, DateTimeColumn, UpdatedAtColumn } from '../../database/columns';

/**
 * A course (入校第一课, 反电诈课程): chapters of lessons. The statistics module counts completions
 * of required courses from course_completion joined with `required`.
 */
@Entity()
@Index(['status'])
export class Course {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status: CourseStatus;

  @Column({ type: 'boolean', default: false })
  required: boolean;

  @DateTimeColumn({ nullable: true })
  deadline: Date | null;

  /** Empty lists = the whole school. */
  @Column({ type: 'simple-json' })
  audience: CourseAudience;

  /** Optional end-of-course quiz (an exam of the exam engine) to pass after the lessons. */
  @Column({ type: 'int', nullable: true })
  quizExamId: number | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
