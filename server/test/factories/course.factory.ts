import {
  MAX_READING_SECONDS,
  type CourseDto,
  type CourseInput,
  type CourseOutlineDto,
  type LessonInput,
  type LessonProgressDto,
} from '@campus/shared';
import type { TestApp, TestResponse } from '../harness';
import type { TestClock } from '../support/test-clock';

export function courseInput(overrides: Partial<CourseInput> = {}): CourseInput {
  return {
    title: '反电诈课程',
    description: '认识常见骗局',
    required: true,
    deadline: null,
    audience: {},
    ...overrides,
  };
}

export const articleLesson = (
  title = '刷单返利就是诈骗',
  html = '<h2>刷单返利</h2><p>凡是要求<strong>先垫钱</strong>的兼职都是骗局。</p>',
): LessonInput => ({ title, kind: 'article', html });

export const caseLesson = (title = '案例：冒充客服退款'): LessonInput => ({
  title,
  kind: 'case',
  caseStudy: {
    story: '小王接到自称客服的电话，说要双倍理赔……',
    warningSigns: ['主动联系你理赔'],
    actions: ['挂断电话，在官方 APP 内核实', '拨打 96110 咨询'],
  },
});

export const videoLesson = (
  videoFile: string,
  durationSeconds: number | null = 100,
  title = '视频：识破冒充公检法',
): LessonInput => ({ title, kind: 'video', videoFile, durationSeconds });

/** Bytes that begin like an MP4 file (an `ftyp` box), then a known pattern to check ranges against. */
export function fakeMp4(size: number): Buffer {
  const body = Buffer.alloc(size);
  Buffer.from([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d]).copy(body, 0);
  for (let i = 12; i < size; i++) body[i] = i % 251;
  return body;
}

async function ok<T>(res: Promise<{ status: number; body: T }>, what: string): Promise<T> {
  const done = await res;
  if (done.status >= 300) throw new Error(`${what}: ${done.status} ${JSON.stringify(done.body)}`);
  return done.body;
}

/** A course with the given chapters of lessons, published unless asked not to. */
export async function buildCourse(
  t: TestApp,
  token: string,
  input: CourseInput,
  chapters: LessonInput[][],
  options: { publish?: boolean } = {},
): Promise<CourseOutlineDto> {
  const course = await ok(t.request<CourseDto>('POST', '/api/courses', { token, body: input }), 'create course');
  for (const [i, lessons] of chapters.entries()) {
    const outline = await ok(
      t.request<CourseOutlineDto>('POST', `/api/courses/${course.id}/chapters`, {
        token,
        body: { title: `第${i + 1}章` },
      }),
      'add chapter',
    );
    const chapterId = outline.chapters.at(-1)!.id;
    for (const lesson of lessons)
      await ok(
        t.request<CourseOutlineDto>('POST', `/api/chapters/${chapterId}/lessons`, { token, body: lesson }),
        'add lesson',
      );
  }
  if (options.publish !== false) await ok(t.request('POST', `/api/courses/${course.id}/publish`, { token }), 'publish');
  return ok(t.request<CourseOutlineDto>('GET', `/api/courses/${course.id}/outline`, { token }), 'outline');
}

export const lessonIds = (outline: CourseOutlineDto): number[] =>
  outline.chapters.flatMap((c) => c.lessons.map((l) => l.id));

/**
 * Studies a text lesson as a student would: opens it, lets its reading time pass on the test clock,
 * then marks it read. Answers the progress call's response.
 */
export async function studyLesson(
  t: TestApp,
  clock: TestClock,
  token: string,
  lessonId: number,
): Promise<TestResponse<LessonProgressDto>> {
  await t.request('GET', `/api/lessons/${lessonId}`, { token });
  clock.advance(MAX_READING_SECONDS);
  return t.request<LessonProgressDto>('POST', `/api/lessons/${lessonId}/progress`, {
    token,
    body: { completed: true, position: 1 },
  });
}
