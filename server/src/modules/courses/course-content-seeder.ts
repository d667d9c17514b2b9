import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { CaseStudy } from '@campus/shared';
import type { Repository } from 'typeorm';
import { Sql } from '../../database/sql';
import firstLessonCourse from '../../database/seeds/content/first-lesson-course.json';
import { articleHtml } from './lesson-content';
import { CourseChapter } from './course-chapter.entity';
import { Course } from './course.entity';
import { Lesson } from './lesson.entity';

interface ShippedLesson {
  title: string;
  kind: 'article' | 'case';
  html?: string;
  story?: string;
  warningSigns?: string[];
  actions?: string[];
}

interface ShippedCourse {
  title: string;
  description: string;
  chapters: { title: string; lessons: ShippedLesson[] }[];
}

/**
 * The shipped course (SEED_CONTENT): 入校第一课, published and required for the whole school's
 * students (the campaign counts every student, not only this year's freshmen; staff are not asked
 * to take it). It goes only into an empty table, so an admin's own courses are never touched.
 */
@Injectable()
export class CourseContentSeeder {
  private readonly logger = new Logger(CourseContentSeeder.name);

  constructor(
    @InjectRepository(Course) private readonly courses: Repository<Course>,
    private readonly sql: Sql,
  ) {}

  /** Loads 入校第一课 when there is no course yet; says whether it did. */
  async seedIntoEmpty(): Promise<boolean> {
    if ((await this.courses.count()) > 0) return false;
    await this.seedCourse(firstLessonCourse as ShippedCourse);
    this.logger.log('Loaded the shipped course 入校第一课');
    return true;
  }

  private async seedCourse(content: ShippedCourse): Promise<void> {
    await this.sql.transaction(async (manager) => {
      const course = await manager.save(
        manager.create(Course, {
          title: content.title,
          description: content.description,
          status: 'published',
          required: true,
          deadline: null,
          // Every student, whatever the year; staff are not asked to take a freshman course.
          audience: { collegeIds: [], enrollmentYears: [], studentsOnly: true },
        }),
      );
      for (const [position, chapterContent] of content.chapters.entries()) {
        const chapter = await manager.save(
          manager.create(CourseChapter, { courseId: course.id, title: chapterContent.title, position }),
        );
        const lessons = chapterContent.lessons.map((l, index) =>
          manager.create(Lesson, {
            courseId: course.id,
            chapterId: chapter.id,
            position: index,
            title: l.title,
            kind: l.kind,
            html: l.kind === 'article' ? articleHtml(l.html) : null,
            videoFile: null,
            videoUrl: null,
            durationSeconds: null,
            caseStudy: l.kind === 'case' ? caseStudy(l) : null,
          }),
        );
        await manager.save(lessons);
      }
    });
  }
}

function caseStudy(l: ShippedLesson): CaseStudy {
  return { story: l.story ?? '', warningSigns: l.warningSigns ?? [], actions: l.actions ?? [] };
}
