import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { freshmanEnrollmentYear, type CaseStudy } from '@campus/shared';
import type { DataSource } from 'typeorm';
import { Sql } from '../../database/sql';
import firstLessonCourse from '../../database/seeds/content/first-lesson-course.json';
import freshmanLetter from '../../database/seeds/content/freshman-letter.json';
import { Letter } from '../letters/letter.entity';
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
 * The shipped course content (SEED_CONTENT): the 入校第一课 course, published and required for the
 * whole school's students (the campaign counts every student, not only this year's freshmen; staff
 * are not asked to take it), and the 致新生一封信 of this academic year's freshmen (freshmanEnrollmentYear). Each goes only into an empty table, so an admin's own content is never touched.
 */
@Injectable()
export class CourseContentSeeder {
  private readonly logger = new Logger(CourseContentSeeder.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sql: Sql,
  ) {}

  async seedIntoEmpty(now = new Date()): Promise<{ course: boolean; letter: boolean }> {
    const course = (await this.dataSource.getRepository(Course).count()) === 0;
    if (course) await this.seedCourse(firstLessonCourse as ShippedCourse);
    const letter = (await this.dataSource.getRepository(Letter).count()) === 0;
    if (letter) await this.seedLetter(freshmanEnrollmentYear(now));
    if (course || letter)
      this.logger.log(
        `Loaded the shipped course content:${course ? ' 入校第一课' : ''}${letter ? ' 致新生一封信' : ''}`,
      );
    return { course, letter };
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

  private async seedLetter(enrollmentYear: number): Promise<void> {
    const repo = this.dataSource.getRepository(Letter);
    await repo.save(
      repo.create({ enrollmentYear, title: freshmanLetter.title, html: articleHtml(freshmanLetter.html) }),
    );
  }
}

function caseStudy(l: ShippedLesson): CaseStudy {
  return { story: l.story ?? '', warningSigns: l.warningSigns ?? [], actions: l.actions ?? [] };
}
