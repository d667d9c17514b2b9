import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  caseStudyLength,
  formatStudyWait,
  hasPermission,
  minimumStudySeconds,
  Permission,
  readableLength,
  VIDEO_COMPLETE_FRACTION,
  type CourseDetailDto,
  type CourseQuiz,
  type LessonDto,
  type LessonProgressDto,
  type MyCourseDto,
} from '@campus/shared';
import {
  In,
  IsNull,
  Not,
  type EntityManager,
  type ObjectLiteral,
  type Repository,
  type SelectQueryBuilder,
} from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { Clock } from '../../common/clock/clock';
import { Sql } from '../../database/sql';
import { inAudience, type AudienceMember } from '../exams/exam-audience';
import { ExamCache } from '../exams/exam-cache';
import { ExamsService } from '../exams/exams.service';
import { CompletionRecorder } from './completion-recorder';
import { CourseChapter } from './course-chapter.entity';
import { CourseCompletion } from './course-completion.entity';
import { Course } from './course.entity';
import type { LessonProgressInputDto } from './dto/course.dto';
import { LessonProgress } from './lesson-progress.entity';
import { Lesson } from './lesson.entity';
import { CourseMediaService } from './media/course-media.service';

/** Courses as students (and anyone else in a course's audience) take them. */
@Injectable()
export class CourseLearningService {
  constructor(
    @InjectRepository(Course) private readonly courses: Repository<Course>,
    @InjectRepository(CourseChapter) private readonly chapters: Repository<CourseChapter>,
    @InjectRepository(Lesson) private readonly lessons: Repository<Lesson>,
    @InjectRepository(LessonProgress) private readonly progressRows: Repository<LessonProgress>,
    @InjectRepository(CourseCompletion) private readonly completionRows: Repository<CourseCompletion>,
    private readonly exams: ExamCache,
    private readonly examResults: ExamsService,
    private readonly sql: Sql,
    private readonly media: CourseMediaService,
    private readonly completions: CompletionRecorder,
    private readonly clock: Clock,
  ) {}

  /** Published courses addressed to the caller, required ones first, with how far the caller got. */
  async mine(principal: Principal): Promise<MyCourseDto[]> {
    const member = await this.member(principal);
    const courses = (await this.courses.find({ where: { status: 'published' }, order: { id: 'ASC' } })).filter((c) =>
      inAudience(c.audience, member),
    );
    if (courses.length === 0) return [];
    const ids = courses.map((c) => c.id);
    const [lessonCounts, doneCounts, completions] = await Promise.all([
      this.countByCourse(this.lessons.createQueryBuilder('x').where({ courseId: In(ids) })),
      this.countByCourse(
        this.progressRows
          .createQueryBuilder('x')
          .where({ courseId: In(ids), userId: principal.id, completedAt: Not(IsNull()) }),
      ),
      this.completionRows.find({ where: { userId: principal.id, courseId: In(ids) } }),
    ]);
    const completedAt = new Map(completions.map((c) => [c.courseId, c.completedAt]));
    const sorted = [...courses].sort(
      (a, b) => Number(b.required) - Number(a.required) || deadlineOrder(a) - deadlineOrder(b) || a.id - b.id,
    );
    return sorted.map((c) => {
      const lessons = lessonCounts.get(c.id) ?? 0;
      return {
        id: c.id,
        title: c.title,
        description: c.description,
        required: c.required,
        deadline: c.deadline?.toISOString() ?? null,
        lessons,
        completedLessons: Math.min(lessons, doneCounts.get(c.id) ?? 0),
        completed: completedAt.has(c.id),
        completedAt: completedAt.get(c.id)?.toISOString() ?? null,
      };
    });
  }

  async detail(principal: Principal, courseId: number): Promise<CourseDetailDto> {
    const course = await this.reachableCourse(principal, courseId, 'view');
    const { chapters, lessons } = await this.structure(courseId);
    const progress = await this.progressRows.find({ where: { userId: principal.id, courseId } });
    const done = new Set(progress.filter((p) => p.completedAt !== null).map((p) => p.lessonId));
    const completion = await this.completionRows.findOne({ where: { userId: principal.id, courseId } });
    const resume = lessons.find((l) => !done.has(l.id)) ?? lessons[0] ?? null;
    return {
      id: course.id,
      title: course.title,
      description: course.description,
      required: course.required,
      deadline: course.deadline?.toISOString() ?? null,
      status: course.status,
      lessons: lessons.length,
      completedLessons: lessons.filter((l) => done.has(l.id)).length,
      completed: completion !== null,
      completedAt: completion?.completedAt.toISOString() ?? null,
      resumeLessonId: resume?.id ?? null,
      quiz: await this.quiz(course, principal.id),
      chapters: chapters.map((ch) => ({
        id: ch.id,
        title: ch.title,
        lessons: lessons
          .filter((l) => l.chapterId === ch.id)
          .map((l) => ({ id: l.id, title: l.title, kind: l.kind, completed: done.has(l.id) })),
      })),
    };
  }

  /** The end-of-course quiz, and whether the learner has passed it. */
  private async quiz(course: Course, userId: number): Promise<CourseQuiz | null> {
    if (course.quizExamId === null) return null;
    const exam = await this.exams.exam(course.quizExamId);
    if (!exam) return null;
    const passed = await this.examResults.hasPassed(exam.id, userId);
    return { examId: exam.id, title: exam.title, passed };
  }

  /**
   * One lesson to study. Opening it is what starts its study time: the first open by someone who
   * takes the course (not a manager's preview) is recorded with the server's time.
   */
  async lesson(principal: Principal, lessonId: number): Promise<LessonDto> {
    const lesson = await this.findLesson(lessonId);
    const course = await this.reachableCourse(principal, lesson.courseId, 'view');
    if (course.status === 'published' && inAudience(course.audience, await this.member(principal)))
      await this.recordOpen(principal.id, lesson);
    const { chapters, lessons } = await this.structure(course.id);
    const index = lessons.findIndex((l) => l.id === lesson.id);
    const progress = await this.progressRows.findOne({ where: { userId: principal.id, lessonId } });
    const courseCompleted = (await this.completionRows.countBy({ userId: principal.id, courseId: course.id })) > 0;
    return {
      id: lesson.id,
      courseId: course.id,
      courseTitle: course.title,
      chapterTitle: chapters.find((c) => c.id === lesson.chapterId)?.title ?? '',
      title: lesson.title,
      kind: lesson.kind,
      html: lesson.kind === 'article' ? lesson.html : null,
      video: lesson.kind === 'video' ? this.video(lesson) : null,
      caseStudy: lesson.kind === 'case' ? lesson.caseStudy : null,
      progress: mapProgress(
        lesson,
        progress,
        courseCompleted,
        await this.remainingSeconds(principal.id, lesson, progress),
      ),
      prevLessonId: lessons[index - 1]?.id ?? null,
      nextLessonId: lessons[index + 1]?.id ?? null,
    };
  }

  /**
   * Records progress. Every value only moves forward (first completion time kept, watched seconds
   * never shrink), so reports arriving out of order or twice do no harm. A video completes at 90 %
   * watched; an article when read to the end or marked; a case when marked.
   *
   * Completion must be plausible, judged on the server's clock (see study-time.ts in shared):
   * - a video cannot have played longer than the lesson has been open, so reported seconds are
   *   capped at the time since it was opened;
   * - a lesson completes only once its minimum study time has passed since it was opened, and since
   *   the person's last completed lesson: the same minutes cannot be spent on two lessons, so
   *   opening twelve lessons at once and marking them all later finishes only one of them.
   * The check and the write run in one transaction holding the person's row (MySQL), or in
   * SQLite's single writer, so parallel requests cannot all pass the check against the same past.
   */
  async progress(principal: Principal, lessonId: number, body: LessonProgressInputDto): Promise<LessonProgressDto> {
    const lesson = await this.findLesson(lessonId);
    await this.reachableCourse(principal, lesson.courseId, 'take');
    const repo = this.progressRows;
    const newlyCompleted = await this.sql.transaction(async (manager) => {
      if (this.sql.kind === 'mysql') await manager.query('SELECT id FROM user WHERE id = ? FOR UPDATE', [principal.id]);
      const now = this.clock.date();
      const before = await manager.getRepository(LessonProgress).findOne({ where: { userId: principal.id, lessonId } });
      const openedAt = before?.openedAt ?? now;
      const openSeconds = Math.max(0, (now.getTime() - openedAt.getTime()) / 1000);

      // The lesson's own length wins; otherwise the first length a player reported is kept.
      const duration =
        lesson.durationSeconds ??
        before?.durationSeconds ??
        (body.durationSeconds !== undefined ? Math.round(body.durationSeconds) : null);
      // Judged on the reported fraction of a second (3.9 s of a 4 s clip is 97 %), stored in whole
      // seconds; never more than the time the lesson has been open.
      const reported = Math.min(body.watchedSeconds ?? 0, openSeconds);
      const watchedExact = Math.max(
        before?.watchedSeconds ?? 0,
        duration === null ? reported : Math.min(reported, duration),
      );
      const watched = Math.round(watchedExact);

      let completes = false;
      if (!before?.completedAt) {
        const wanted =
          lesson.kind === 'video'
            ? duration !== null && watchedExact >= duration * VIDEO_COMPLETE_FRACTION
            : body.completed === true;
        const left = await this.secondsLeft(manager, principal.id, lesson, duration, openedAt, now);
        completes = wanted && left <= 0;
        if (body.completed && !completes) throw new ConflictException(refusal(lesson, duration, watchedExact, left));
      }

      const assignments = [
        `opened_at = COALESCE(opened_at, ${this.sql.proposed('opened_at')})`,
        `completed_at = COALESCE(completed_at, ${this.sql.proposed('completed_at')})`,
        `watched_seconds = CASE WHEN watched_seconds > ${this.sql.proposed('watched_seconds')} THEN watched_seconds ELSE ${this.sql.proposed('watched_seconds')} END`,
        `duration_seconds = COALESCE(duration_seconds, ${this.sql.proposed('duration_seconds')})`,
        `updated_at = ${this.sql.proposed('updated_at')}`,
        ...(body.position !== undefined ? [`position = ${this.sql.proposed('position')}`] : []),
      ];
      await this.sql.execute(
        'INSERT INTO lesson_progress (user_id, lesson_id, course_id, opened_at, completed_at, watched_seconds, position, duration_seconds, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ' +
          this.sql.onConflict(['user_id', 'lesson_id'], assignments.join(', ')),
        [
          principal.id,
          lessonId,
          lesson.courseId,
          openedAt,
          completes ? now : null,
          watched,
          body.position ?? 0,
          lesson.durationSeconds === null ? duration : null,
          now,
        ],
        manager,
      );
      return completes;
    });
    if (newlyCompleted) await this.completions.record(lesson.courseId, principal.id);

    const after = await repo.findOneOrFail({ where: { userId: principal.id, lessonId } });
    const courseCompleted =
      (await this.completionRows.countBy({ userId: principal.id, courseId: lesson.courseId })) > 0;
    return mapProgress(lesson, after, courseCompleted, await this.remainingSeconds(principal.id, lesson, after));
  }

  /** The first open of a lesson starts its study time; later opens keep it. */
  private async recordOpen(userId: number, lesson: Lesson): Promise<void> {
    const now = this.clock.date();
    await this.sql.execute(
      'INSERT INTO lesson_progress (user_id, lesson_id, course_id, opened_at, watched_seconds, position, updated_at) VALUES (?, ?, ?, ?, 0, 0, ?) ' +
        this.sql.onConflict(
          ['user_id', 'lesson_id'],
          `opened_at = COALESCE(opened_at, ${this.sql.proposed('opened_at')})`,
        ),
      [userId, lesson.id, lesson.courseId, now, now],
    );
  }

  /**
   * Seconds still to spend before the lesson may complete: its minimum study time, counted from
   * when it was opened or from the person's last completion of another lesson, whichever is later.
   * Infinite for a video of unknown length.
   */
  private async secondsLeft(
    manager: EntityManager,
    userId: number,
    lesson: Lesson,
    duration: number | null,
    openedAt: Date,
    now: Date,
  ): Promise<number> {
    const minimum = minimumStudySeconds(lesson.kind, { characters: lessonLength(lesson), durationSeconds: duration });
    if (minimum === null) return Number.POSITIVE_INFINITY;
    const [row] = await this.sql.query<Array<{ last: Date | string | null }>>(
      'SELECT MAX(completed_at) AS last FROM lesson_progress WHERE user_id = ? AND lesson_id <> ?',
      [userId, lesson.id],
      manager,
    );
    const last = row?.last ? toDate(row.last) : null;
    const from = last && last > openedAt ? last : openedAt;
    return minimum - (now.getTime() - from.getTime()) / 1000;
  }

  /** For the answer: 0 once completed, else how long until completion would be accepted. */
  private async remainingSeconds(userId: number, lesson: Lesson, progress: LessonProgress | null): Promise<number> {
    if (progress?.completedAt) return 0;
    const now = this.clock.date();
    const duration = lesson.durationSeconds ?? progress?.durationSeconds ?? null;
    const left = await this.secondsLeft(
      this.progressRows.manager,
      userId,
      lesson,
      duration,
      progress?.openedAt ?? now,
      now,
    );
    if (!Number.isFinite(left)) return 0;
    return Math.max(0, Math.ceil(left));
  }

  /**
   * A published course whose audience includes the caller. Course managers may also open drafts and
   * courses addressed to others to preview them ('view'), but only take ('take') their own.
   */
  private async reachableCourse(principal: Principal, courseId: number, purpose: 'view' | 'take'): Promise<Course> {
    const course = await this.courses.findOne({ where: { id: courseId } });
    const preview = purpose === 'view' && hasPermission(principal.role, Permission.CourseManage);
    if (!course || (course.status !== 'published' && !preview)) throw new NotFoundException('课程不存在或尚未发布');
    if (course.status !== 'published') return course;
    if (!preview && !inAudience(course.audience, await this.member(principal)))
      throw new ForbiddenException('这门课程不面向你');
    return course;
  }

  private async member(principal: Principal): Promise<AudienceMember> {
    return {
      collegeId: principal.collegeId,
      classId: principal.classId,
      enrollmentYear: await this.exams.enrollmentYear(principal.classId),
      role: principal.role,
    };
  }

  private async findLesson(id: number): Promise<Lesson> {
    const lesson = await this.lessons.findOne({ where: { id } });
    if (!lesson) throw new NotFoundException('课时不存在');
    return lesson;
  }

  /** Chapters in order, and every lesson of the course in reading order (chapter by chapter). */
  private async structure(courseId: number): Promise<{ chapters: CourseChapter[]; lessons: Lesson[] }> {
    const chapters = await this.chapters.find({ where: { courseId }, order: { position: 'ASC', id: 'ASC' } });
    const all = await this.lessons.find({
      where: { courseId },
      order: { position: 'ASC', id: 'ASC' },
      select: { id: true, chapterId: true, title: true, kind: true, position: true },
    });
    return { chapters, lessons: chapters.flatMap((ch) => all.filter((l) => l.chapterId === ch.id)) };
  }

  private video(lesson: Lesson): LessonDto['video'] {
    if (lesson.videoFile)
      return {
        url: this.media.signedVideoUrl(lesson.videoFile),
        external: false,
        durationSeconds: lesson.durationSeconds,
      };
    return { url: lesson.videoUrl ?? '', external: true, durationSeconds: lesson.durationSeconds };
  }

  private async countByCourse<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): Promise<Map<number, number>> {
    const rows = await qb
      .select('x.courseId', 'courseId')
      .addSelect('COUNT(*)', 'n')
      .groupBy('x.courseId')
      .getRawMany<{ courseId: number; n: number | string }>();
    return new Map(rows.map((r) => [Number(r.courseId), Number(r.n)]));
  }
}

function deadlineOrder(c: Course): number {
  return c.deadline?.getTime() ?? Number.MAX_SAFE_INTEGER;
}

/** Characters to read in an article or a case (a video has none). */
function lessonLength(lesson: Lesson): number {
  if (lesson.kind === 'article') return readableLength(lesson.html ?? '');
  if (lesson.kind === 'case' && lesson.caseStudy) return caseStudyLength(lesson.caseStudy);
  return 0;
}

/** better-sqlite3 answers MAX(datetime) as the UTC text it stored; mysql2 as a Date. */
function toDate(value: Date | string): Date {
  if (value instanceof Date) return value;
  return new Date(`${value.replace(' ', 'T')}Z`);
}

/** Why a completion was refused, and how long the student still has to study. */
function refusal(lesson: Lesson, duration: number | null, watched: number, left: number): string {
  if (lesson.kind === 'video') {
    const percent = VIDEO_COMPLETE_FRACTION * 100;
    if (duration === null) return `视频需观看到 ${percent}% 才算完成，请先播放视频`;
    const toWatch = Math.max(duration * VIDEO_COMPLETE_FRACTION - watched, left);
    return `视频需观看到 ${percent}% 才算完成，还需观看约 ${formatStudyWait(toWatch)}`;
  }
  const what = lesson.kind === 'case' ? '本案例' : '本课时';
  return `${what}还需学习约 ${formatStudyWait(left)} 才能标记完成（学习时间从打开课时算起，且不能与其他课时重叠）`;
}

function mapProgress(
  lesson: Lesson,
  p: LessonProgress | null,
  courseCompleted: boolean,
  remainingSeconds: number,
): LessonProgressDto {
  const duration = lesson.durationSeconds ?? p?.durationSeconds ?? null;
  return {
    lessonId: lesson.id,
    completed: p?.completedAt != null,
    completedAt: p?.completedAt?.toISOString() ?? null,
    watchedSeconds: p?.watchedSeconds ?? 0,
    position: p?.position ?? 0,
    durationSeconds: duration,
    courseCompleted,
    minimumSeconds: minimumStudySeconds(lesson.kind, { characters: lessonLength(lesson), durationSeconds: duration }),
    remainingSeconds,
  };
}
