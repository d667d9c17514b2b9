import type { CaseStudy, LessonKind } from '@campus/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '../../database/columns';
import { CourseChapter } from './course-chapter.entity';

/**
 * One lesson of a chapter: an article (sanitised HTML), a video (an uploaded file or an https
 * address) or a case study. `courseId` repeats the chapter's course so progress counts per course
 * need no join through chapters.
 */
@Entity()
@Index(['chapterId', 'position'])
@Index(['courseId'])
export class Lesson {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  courseId: number;

  @Column({ type: 'int' })
  chapterId: number;

  @ManyToOne(() => CourseChapter, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'chapter_id' })
  chapter?: CourseChapter;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'varchar', length: 16 })
  kind: LessonKind;

  /** Order within the chapter, from 0. */
  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'text', nullable: true })
  html: string | null;

  /** An uploaded video under DATA_DIR/uploads/videos. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  videoFile: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  videoUrl: string | null;

  @Column({ type: 'int', nullable: true })
  durationSeconds: number | null;

  @Column({ type: 'simple-json', nullable: true })
  caseStudy: CaseStudy | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
