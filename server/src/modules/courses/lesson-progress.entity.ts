import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DateTimeColumn, UpdatedAtColumn } from '../../database/columns';
import { Lesson } from './lesson.entity';

/** One person's progress on one lesson. */
@Entity()
@Index(['courseId', 'userId'])
export class LessonProgress {
  @PrimaryColumn({ type: 'int' })
  userId: number;

  @PrimaryColumn({ type: 'int' })
  lessonId: number;

  @ManyToOne(() => Lesson, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lesson_id' })
  lesson?: Lesson;

  /** The lesson's course, so "how many lessons of this course has this person completed" is one index range. */
  @Column({ type: 'int' })
  courseId: number;

  /**
   * When the person first opened the lesson (server time): completion is accepted only once the
   * lesson's minimum study time has passed since then. Null on rows from before it was recorded.
   */
  @DateTimeColumn({ nullable: true })
  openedAt: Date | null;

  @DateTimeColumn({ nullable: true })
  completedAt: Date | null;

  /** Seconds of the video actually played (skips not counted), at most its length. */
  @Column({ type: 'int', default: 0 })
  watchedSeconds: number;

  /** Where to resume: seconds into a video, or the share (0–1) of an article scrolled. */
  @Column({ type: 'double', default: 0 })
  position: number;

  /** The video's length as the player reported it, for lessons that do not record one. */
  @Column({ type: 'int', nullable: true })
  durationSeconds: number | null;

  @UpdatedAtColumn()
  updatedAt: Date;
}
