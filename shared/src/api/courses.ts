import type { PageQuery, PersonRef } from './common';

/** Courses (入校第一课, 反电诈课程) and the letter to freshmen (致新生一封信): API.md "Courses". */

export type CourseStatus = 'draft' | 'published';
export type LessonKind = 'article' | 'video' | 'case';

export const LESSON_KIND_LABELS: Record<LessonKind, string> = { article: '图文', video: '视频', case: '案例' };

/** A video lesson counts as complete once this share of it has been watched. */
export const VIDEO_COMPLETE_FRACTION = 0.9;

/** Who must take a course; an empty or missing list does not restrict (whole school). */
export interface CourseAudience {
  collegeIds?: number[];
  enrollmentYears?: number[];
  /**
   * Students only: teachers and admins (who may belong to a college too) neither see the course nor
   * are reminded of it. Absent or false: staff of the colleges addressed see it as well.
   */
  studentsOnly?: boolean;
}

/** A case study (案例): the story, its warning signs (识骗要点) and what to do (防范做法). Plain text. */
export interface CaseStudy {
  story: string;
  warningSigns: string[];
  actions: string[];
}

// ------------------------------------------------------------------ admin: building courses

/** Body of POST /api/courses and PUT /api/courses/:id. */
export interface CourseInput {
  title: string;
  description?: string;
  required: boolean;
  /** ISO-8601 with offset, or null for none. */
  deadline: string | null;
  audience: CourseAudience;
  /** Optional end-of-course quiz: an exam the learner must pass, after the lessons, to complete. */
  quizExamId?: number | null;
}

/** The end-of-course quiz as a learner sees it. */
export interface CourseQuiz {
  examId: number;
  title: string;
  passed: boolean;
}

export interface CourseDto {
  id: number;
  title: string;
  description: string;
  status: CourseStatus;
  required: boolean;
  deadline: string | null;
  audience: CourseAudience;
  quizExamId: number | null;
  chapterCount: number;
  lessonCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface CourseListQuery extends PageQuery {
  status?: CourseStatus;
  q?: string;
}

/**
 * A lesson's video: an uploaded file (`file`, served through a short-lived signed `url`) or an
 * external https address (`externalUrl`).
 */
export interface LessonVideo {
  file: string | null;
  externalUrl: string | null;
  /** Known length in seconds (read from the file by the editor), or null. */
  durationSeconds: number | null;
  /** Where to play it now: a short-lived signed address for a file, else the external address. */
  url: string | null;
}

/** Body of POST /api/chapters/:id/lessons and PUT /api/lessons/:id. Fields of other kinds are ignored. */
export interface LessonInput {
  title: string;
  kind: LessonKind;
  /** article: rich text; sanitised on the server. */
  html?: string;
  /** video: a file name answered by POST /api/course-media/videos … */
  videoFile?: string | null;
  /** … or an https address. */
  videoUrl?: string | null;
  durationSeconds?: number | null;
  /** case */
  caseStudy?: CaseStudy;
}

export interface AdminLessonDto {
  id: number;
  chapterId: number;
  title: string;
  kind: LessonKind;
  html: string | null;
  video: LessonVideo | null;
  caseStudy: CaseStudy | null;
}

export interface AdminChapterDto {
  id: number;
  title: string;
  lessons: AdminLessonDto[];
}

/** GET /api/courses/:id/outline: a course with everything in it, for the editor. */
export interface CourseOutlineDto extends CourseDto {
  chapters: AdminChapterDto[];
}

export interface ChapterInput {
  title: string;
}

/** PUT /api/courses/:id/order: every chapter in its new order, each with all its lessons in order. */
export interface CourseOrderInput {
  chapters: { id: number; lessonIds: number[] }[];
}

/** POST /api/course-media/videos */
export interface UploadedVideo {
  file: string;
  size: number;
  mimeType: string;
  /** A signed address to preview it right away. */
  url: string;
}

/** POST /api/course-media/images: `url` goes straight into an article's <img src>. */
export interface UploadedImage {
  url: string;
}

// ------------------------------------------------------------------ taking courses

/** GET /api/my/courses */
export interface MyCourseDto {
  id: number;
  title: string;
  description: string;
  required: boolean;
  deadline: string | null;
  lessons: number;
  completedLessons: number;
  completed: boolean;
  completedAt: string | null;
}

export interface CourseLessonItem {
  id: number;
  title: string;
  kind: LessonKind;
  completed: boolean;
}

/** GET /api/courses/:id */
export interface CourseDetailDto {
  id: number;
  title: string;
  description: string;
  required: boolean;
  deadline: string | null;
  status: CourseStatus;
  lessons: number;
  completedLessons: number;
  completed: boolean;
  completedAt: string | null;
  /** The lesson to open for 继续学习: the first not yet completed (or the first). */
  resumeLessonId: number | null;
  /** With a quiz, the course completes when every lesson is done and the quiz is passed. */
  quiz: CourseQuiz | null;
  chapters: { id: number; title: string; lessons: CourseLessonItem[] }[];
}

/** Body of POST /api/lessons/:id/progress. */
export interface LessonProgressInput {
  /** An article read to the end or marked, a case marked; a video completes by watching instead. */
  completed?: true;
  /** Seconds of the video actually played so far (never counting skips). */
  watchedSeconds?: number;
  /** Where to resume: seconds into a video, or the share (0–1) of an article scrolled. */
  position?: number;
  /** The video's length as the player found it, used when the lesson does not record one. */
  durationSeconds?: number;
}

export interface LessonProgressDto {
  lessonId: number;
  completed: boolean;
  completedAt: string | null;
  watchedSeconds: number;
  position: number;
  /** The length that counts for the 90 % rule, when known. */
  durationSeconds: number | null;
  /** Whether the whole course is now complete for the caller. */
  courseCompleted: boolean;
  /**
   * The least time the lesson takes (reading time of its text, or 90 % of the video's length),
   * null for a video of unknown length; see study-time.ts.
   */
  minimumSeconds: number | null;
  /**
   * Seconds, as of this answer, before the server will accept the lesson as completed: time still
   * to spend on it since it was opened (0 once completed or when that time has passed).
   */
  remainingSeconds: number;
}

/** GET /api/lessons/:id: one lesson to read or watch, with the caller's progress. */
export interface LessonDto {
  id: number;
  courseId: number;
  courseTitle: string;
  chapterTitle: string;
  title: string;
  kind: LessonKind;
  html: string | null;
  /** `url` is signed and short-lived for an uploaded file; fetch the lesson again when it has expired. */
  video: { url: string; external: boolean; durationSeconds: number | null } | null;
  caseStudy: CaseStudy | null;
  progress: LessonProgressDto;
  prevLessonId: number | null;
  nextLessonId: number | null;
}

// ------------------------------------------------------------------ completion (学习进度)

export type ReachGroupBy = 'college' | 'class';

export interface ReachQuery {
  groupBy?: ReachGroupBy;
  collegeId?: number;
}

/** One college or class: of `people` students addressed, `done` completed (or confirmed). */
export interface ReachRow {
  id: number;
  name: string;
  collegeName: string;
  people: number;
  done: number;
  /** done ÷ people, 0–1. */
  rate: number;
}

export interface ReachReport {
  rows: ReachRow[];
  total: { people: number; done: number; rate: number };
}

export interface NotDoneQuery extends PageQuery {
  collegeId?: number;
  classId?: number;
  q?: string;
}

/** A student addressed who has not completed the course (or confirmed the letter). */
export interface NotDoneRow extends PersonRef {
  /** For courses: how far they got. */
  completedLessons: number;
  lessons: number;
}

// ------------------------------------------------------------------ the letter to freshmen

/** Body of POST /api/letters and PUT /api/letters/:id. */
export interface LetterInput {
  enrollmentYear: number;
  title: string;
  html: string;
}

export interface LetterDto {
  id: number;
  enrollmentYear: number;
  title: string;
  /** As written, school placeholders ({{学校名称}} …) kept, for editing. */
  html: string;
  /** As freshmen see it: the placeholders filled from 学校信息设置. */
  previewHtml: string;
  updatedAt: string;
}

/** GET /api/my/letter (404 when none is addressed to the caller); the school's details filled in. */
export interface MyLetterDto {
  id: number;
  enrollmentYear: number;
  title: string;
  html: string;
  /** The first confirmation; null until confirmed. */
  confirmedAt: string | null;
  /** The letter's reading time (see study-time.ts); confirming is accepted once it has passed since the first open. */
  minimumSeconds: number;
  /** Seconds, as of this answer, before a confirmation is accepted (0 once confirmed or when ready). */
  remainingSeconds: number;
}

/** POST /api/my/letter/confirm */
export interface LetterConfirmResult {
  confirmedAt: string;
}
