import type { AdminLessonDto, CourseDto } from '@campus/shared';
import type { Course } from './course.entity';
import type { Lesson } from './lesson.entity';

export function mapCourse(c: Course, counts: { chapters: number; lessons: number }): CourseDto {
  return {
    id: c.id,
    title: c.title,
    description: c.description,
    status: c.status,
    required: c.required,
    deadline: c.deadline?.toISOString() ?? null,
    quizExamId: c.quizExamId,
    audience: {
      collegeIds: c.audience.collegeIds ?? [],
      enrollmentYears: c.audience.enrollmentYears ?? [],
      studentsOnly: c.audience.studentsOnly ?? false,
    },
    chapterCount: counts.chapters,
    lessonCount: counts.lessons,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** `signVideo` turns a stored file name into a playable (signed) address for the editor's preview. */
export function mapAdminLesson(l: Lesson, signVideo: (file: string) => string): AdminLessonDto {
  return {
    id: l.id,
    chapterId: l.chapterId,
    title: l.title,
    kind: l.kind,
    html: l.kind === 'article' ? l.html : null,
    video:
      l.kind === 'video'
        ? {
            file: l.videoFile,
            externalUrl: l.videoUrl,
            durationSeconds: l.durationSeconds,
            url: l.videoFile ? signVideo(l.videoFile) : l.videoUrl,
          }
        : null,
    caseStudy: l.kind === 'case' ? l.caseStudy : null,
  };
}
