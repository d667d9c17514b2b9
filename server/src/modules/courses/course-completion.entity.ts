import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';
import { Course } from './course.entity';

/**
 * One row when a person has completed every lesson of a course, written once (the first time).
 * The statistics module counts completions from here, joined with course.required.
 */
@Entity()
@Index(['courseId'])
export class CourseCompletion {
  @PrimaryColumn({ type: 'int' })
  userId: number;

  @PrimaryColumn({ type: 'int' })
  courseId: number;

  @ManyToOne(() => Course, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id' })
  course?: Course;

  @DateTimeColumn()
  completedAt: Date;
}
