import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { CourseDto, CourseOutlineDto, LessonInput, Page } from '@campus/shared';
import { In, type EntityManager, type Repository } from 'typeorm';
import { pageWindow } from '../../common/http/page-query.dto';
import { containsPattern } from '../../database/like';
import { Sql } from '../../database/sql';
import { CompletionRecorder } from './completion-recorder';
import { courseReachSubject } from './course-reach-subject';
import { CourseChapter } from './course-chapter.entity';
import { ExamCache } from '../exams/exam-cache';
import { Course } from './course.entity';
import { mapAdminLesson, mapCourse } from './course.mapper';
import type { CourseInputDto, CourseListQueryDto, CourseOrderDto } from './dto/course.dto';
import { lessonContent } from './lesson-content';
import { Lesson } from './lesson.entity';
import { CourseMediaService } from './media/course-media.service';
import type { ReachSubject } from './reach-report.service';

/** Courses as admins build them: settings, chapters, lessons, order, publishing. */
@Injectable()
export class CoursesService {
  constructor(
    @InjectRepository(Course) private readonly courses: Repository<Course>,
    @InjectRepository(CourseChapter) private readonly chapters: Repository<CourseChapter>,
    @InjectRepository(Lesson) private readonly lessons: Repository<Lesson>,
    private readonly exams: ExamCache,
    private readonly sql: Sql,
    private readonly media: CourseMediaService,
    private readonly completions: CompletionRecorder,
  ) {}

  async list(query: CourseListQueryDto): Promise<Page<CourseDto>> {
    const qb = this.courses.createQueryBuilder('c').orderBy('c.id', 'DESC');
    if (query.status) qb.andWhere('c.status = :status', { status: query.status });
    if (query.q?.trim()) qb.andWhere('c.title LIKE :like', { like: containsPattern(query.q) });
    const { skip, take } = pageWindow(query);
    const [rows, total] = await qb.skip(skip).take(take).getManyAndCount();
    const counts = await this.counts(rows.map((r) => r.id));
    return { items: rows.map((r) => mapCourse(r, counts.get(r.id) ?? { chapters: 0, lessons: 0 })), total };
  }

  async create(body: CourseInputDto): Promise<CourseDto> {
    await this.assertQuizExists(body.quizExamId);
    const repo = this.courses;
    const course = await repo.save(repo.create({ ...settings(body), status: 'draft' }));
    return mapCourse(course, { chapters: 0, lessons: 0 });
  }

  async update(id: number, body: CourseInputDto): Promise<CourseDto> {
    await this.assertQuizExists(body.quizExamId);
    const course = await this.find(id);
    Object.assign(course, settings(body));
    return this.dto(await this.courses.save(course));
  }

  private async assertQuizExists(examId: number | null | undefined): Promise<void> {
    if (examId == null) return;
    if (!(await this.exams.exam(examId))) {
      throw new BadRequestException({
        message: '结课测验对应的考试不存在',
        errors: [{ field: 'quizExamId', message: '结课测验对应的考试不存在' }],
      });
    }
  }

  async outline(id: number): Promise<CourseOutlineDto> {
    const course = await this.find(id);
    const chapters = await this.chapters.find({ where: { courseId: id }, order: { position: 'ASC', id: 'ASC' } });
    const lessons = await this.lessons.find({ where: { courseId: id }, order: { position: 'ASC', id: 'ASC' } });
    return {
      ...mapCourse(course, { chapters: chapters.length, lessons: lessons.length }),
      chapters: chapters.map((ch) => ({
        id: ch.id,
        title: ch.title,
        lessons: lessons
          .filter((l) => l.chapterId === ch.id)
          .map((l) => mapAdminLesson(l, (file) => this.media.signedVideoUrl(file))),
      })),
    };
  }

  async publish(id: number): Promise<CourseDto> {
    const course = await this.find(id);
    if (course.status !== 'published') {
      const lessons = await this.lessons.countBy({ courseId: id });
      if (lessons === 0) throw new ConflictException('课程还没有任何课时，不能发布');
      course.status = 'published';
      await this.courses.save(course);
    }
    return this.dto(course);
  }

  /** Back to draft: students no longer see it; progress and completions are kept. */
  async unpublish(id: number): Promise<CourseDto> {
    const course = await this.find(id);
    if (course.status !== 'draft') {
      course.status = 'draft';
      await this.courses.save(course);
    }
    return this.dto(course);
  }

  /** Only a draft can be deleted, so a course students are taking never vanishes by one click. */
  async remove(id: number): Promise<void> {
    const course = await this.find(id);
    if (course.status === 'published') throw new ConflictException('课程已发布，请先撤回发布再删除');
    await this.courses.delete({ id });
  }

  async addChapter(courseId: number, title: string): Promise<CourseOutlineDto> {
    await this.find(courseId);
    const repo = this.chapters;
    const position = await repo.countBy({ courseId });
    await repo.save(repo.create({ courseId, title: title.trim(), position }));
    return this.outline(courseId);
  }

  async renameChapter(id: number, title: string): Promise<CourseOutlineDto> {
    const chapter = await this.findChapter(id);
    chapter.title = title.trim();
    await this.chapters.save(chapter);
    return this.outline(chapter.courseId);
  }

  /** Removing lessons can complete the course for someone who had done all the others. */
  async removeChapter(id: number): Promise<CourseOutlineDto> {
    const chapter = await this.findChapter(id);
    await this.sql.transaction(async (manager) => {
      await manager.delete(Lesson, { chapterId: id });
      await manager.delete(CourseChapter, { id });
      await this.renumberChapters(manager, chapter.courseId);
      await this.completions.record(chapter.courseId, undefined, manager);
    });
    return this.outline(chapter.courseId);
  }

  async addLesson(chapterId: number, input: LessonInput): Promise<CourseOutlineDto> {
    const chapter = await this.findChapter(chapterId);
    const content = await lessonContent(input, (file) => this.media.videoExists(file));
    const repo = this.lessons;
    const position = await repo.countBy({ chapterId });
    await repo.save(repo.create({ ...content, chapterId, courseId: chapter.courseId, position }));
    return this.outline(chapter.courseId);
  }

  async updateLesson(id: number, input: LessonInput): Promise<CourseOutlineDto> {
    const lesson = await this.findLesson(id);
    Object.assign(lesson, await lessonContent(input, (file) => this.media.videoExists(file)));
    await this.lessons.save(lesson);
    return this.outline(lesson.courseId);
  }

  async removeLesson(id: number): Promise<CourseOutlineDto> {
    const lesson = await this.findLesson(id);
    await this.sql.transaction(async (manager) => {
      await manager.delete(Lesson, { id });
      await this.renumberLessons(manager, lesson.chapterId);
      await this.completions.record(lesson.courseId, undefined, manager);
    });
    return this.outline(lesson.courseId);
  }

  /**
   * Drag and drop in the editor sends the whole new order: every chapter of the course once, every
   * lesson once (a lesson may move to another chapter). Anything else is refused, so a stale editor
   * cannot drop or duplicate lessons.
   */
  async reorder(courseId: number, order: CourseOrderDto): Promise<CourseOutlineDto> {
    await this.find(courseId);
    const chapters = await this.chapters.find({ where: { courseId }, select: { id: true } });
    const lessons = await this.lessons.find({ where: { courseId }, select: { id: true } });
    const sameSet = (given: number[], actual: number[]) =>
      given.length === actual.length && new Set(given).size === given.length && given.every((g) => actual.includes(g));
    const givenLessons = order.chapters.flatMap((c) => c.lessonIds);
    if (
      !sameSet(
        order.chapters.map((c) => c.id),
        chapters.map((c) => c.id),
      ) ||
      !sameSet(
        givenLessons,
        lessons.map((l) => l.id),
      )
    ) {
      throw new BadRequestException({
        message: '课程结构已被修改，请刷新后再调整顺序',
        errors: [{ field: 'chapters', message: '章节或课时与课程不一致' }],
      });
    }
    await this.sql.transaction(async (manager) => {
      for (const [position, chapter] of order.chapters.entries()) {
        await manager.update(CourseChapter, { id: chapter.id }, { position });
        for (const [lessonPosition, lessonId] of chapter.lessonIds.entries()) {
          await manager.update(Lesson, { id: lessonId }, { chapterId: chapter.id, position: lessonPosition });
        }
      }
    });
    return this.outline(courseId);
  }

  /** What the completion table of a course counts (CourseProgressRead). */
  async reachSubject(id: number): Promise<{ course: Course; subject: ReachSubject }> {
    const course = await this.find(id);
    const lessons = await this.lessons.countBy({ courseId: id });
    return { course, subject: courseReachSubject(course, lessons) };
  }

  async find(id: number): Promise<Course> {
    const course = await this.courses.findOne({ where: { id } });
    if (!course) throw new NotFoundException('课程不存在');
    return course;
  }

  private async findChapter(id: number): Promise<CourseChapter> {
    const chapter = await this.chapters.findOne({ where: { id } });
    if (!chapter) throw new NotFoundException('章节不存在');
    return chapter;
  }

  private async findLesson(id: number): Promise<Lesson> {
    const lesson = await this.lessons.findOne({ where: { id } });
    if (!lesson) throw new NotFoundException('课时不存在');
    return lesson;
  }

  private async dto(course: Course): Promise<CourseDto> {
    return mapCourse(course, (await this.counts([course.id])).get(course.id) ?? { chapters: 0, lessons: 0 });
  }

  /** Chapters and lessons per course, two grouped queries for a whole page of courses. */
  private async counts(courseIds: number[]): Promise<Map<number, { chapters: number; lessons: number }>> {
    const result = new Map(courseIds.map((id) => [id, { chapters: 0, lessons: 0 }]));
    if (courseIds.length === 0) return result;
    const count = (repository: Repository<CourseChapter> | Repository<Lesson>) =>
      repository
        .createQueryBuilder('x')
        .select('x.courseId', 'courseId')
        .addSelect('COUNT(*)', 'n')
        .where({ courseId: In(courseIds) })
        .groupBy('x.courseId')
        .getRawMany<{ courseId: number; n: number | string }>();
    const [chapters, lessons] = await Promise.all([count(this.chapters), count(this.lessons)]);
    for (const row of chapters) result.get(Number(row.courseId))!.chapters = Number(row.n);
    for (const row of lessons) result.get(Number(row.courseId))!.lessons = Number(row.n);
    return result;
  }

  private async renumberChapters(manager: EntityManager, courseId: number): Promise<void> {
    const rows = await manager.find(CourseChapter, { where: { courseId }, order: { position: 'ASC', id: 'ASC' } });
    for (const [position, row] of rows.entries())
      if (row.position !== position) await manager.update(CourseChapter, { id: row.id }, { position });
  }

  private async renumberLessons(manager: EntityManager, chapterId: number): Promise<void> {
    const rows = await manager.find(Lesson, { where: { chapterId }, order: { position: 'ASC', id: 'ASC' } });
    for (const [position, row] of rows.entries())
      if (row.position !== position) await manager.update(Lesson, { id: row.id }, { position });
  }
}

function settings(
  body: CourseInputDto,
): Pick<Course, 'title' | 'description' | 'required' | 'deadline' | 'audience' | 'quizExamId'> {
  return {
    title: body.title.trim(),
    description: body.description?.trim() ?? '',
    required: body.required,
    deadline: body.deadline ? new Date(body.deadline) : null,
    quizExamId: body.quizExamId ?? null,
    audience: {
      collegeIds: body.audience.collegeIds ?? [],
      enrollmentYears: body.audience.enrollmentYears ?? [],
      studentsOnly: body.audience.studentsOnly ?? false,
    },
  };
}
