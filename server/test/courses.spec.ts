import {
  freshmanEnrollmentYear,
  type CollegeDto,
  type CourseDetailDto,
  type CourseOutlineDto,
  type LessonDto,
  type LessonProgressDto,
  type LetterConfirmResult,
  type LetterDto,
  type MyCourseDto,
  type MyLetterDto,
  type NotDoneRow,
  type Page,
  type ReachReport,
  type UploadedImage,
  type UploadedVideo,
} from '@campus/shared';
import ExcelJS from 'exceljs';
import { CourseCompletion } from '../src/modules/courses/course-completion.entity';
import { CourseMediaService } from '../src/modules/courses/media/course-media.service';
import { LetterConfirmation } from '../src/modules/letters/letter-confirmation.entity';
import { TestApp } from './harness';
import {
  articleLesson,
  buildCourse,
  caseLesson,
  courseInput,
  fakeMp4,
  lessonIds,
  studyLesson,
  videoLesson,
} from './factories/course.factory';
import { testClock, type TestClock } from './support/test-clock';
import {
  createQuestion,
  enrolStudents,
  examInput,
  publishedExam,
  singleQuestion,
  student,
} from './factories/exam.factory';
import { collegeAdmin, teacher } from './factories/roster.factory';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);

describe('courses and the letter to freshmen', () => {
  let t: TestApp;
  let admin: string;
  let tokens: Record<string, string>;
  let infoCollege: CollegeDto;
  let businessCollege: CollegeDto;
  let clock: TestClock;

  beforeAll(async () => {
    t = await TestApp.start();
    clock = testClock(t);
    admin = await t.adminToken();
    tokens = await enrolStudents(t, admin, [
      student('2026500101', '新生甲', '信息学院', '信息2026-1班', '2026'),
      student('2026500102', '新生乙', '信息学院', '信息2026-1班', '2026'),
      student('2026500201', '新生丙', '信息学院', '信息2026-2班', '2026'),
      student('2026510101', '商院丁', '商学院', '商务2026-1班', '2026'),
      student('2025500101', '老生戊', '信息学院', '信息2025-1班', '2025'),
      teacher('T5001', '赵老师', '信息学院'),
      collegeAdmin('XY5001', '信息学院管理员', '信息学院'),
    ]);
    const colleges = (await t.request<CollegeDto[]>('GET', '/api/colleges', { token: admin })).body;
    infoCollege = colleges.find((c) => c.name === '信息学院')!;
    businessCollege = colleges.find((c) => c.name === '商学院')!;
  });
  afterAll(() => t.close());

  const as = <T>(username: string, method: string, url: string, body?: unknown) =>
    t.request<T>(method, url, { token: tokens[username], body });
  const myCourseIds = async (username: string) =>
    (await as<MyCourseDto[]>(username, 'GET', '/api/my/courses')).body.map((c) => c.id);
  const progress = (username: string, lessonId: number, body: object) =>
    as<LessonProgressDto>(username, 'POST', `/api/lessons/${lessonId}/progress`, body);
  const open = async (username: string, lessonId: number) =>
    (await as<LessonDto>(username, 'GET', `/api/lessons/${lessonId}`)).body;
  const study = (username: string, lessonId: number) => studyLesson(t, clock, tokens[username]!, lessonId);

  async function uploadVideo(size = 4096): Promise<UploadedVideo> {
    const res = await t.upload<UploadedVideo>('/api/course-media/videos', fakeMp4(size), '讲座.mp4', admin);
    expect(res.status).toBe(201);
    return res.body;
  }

  describe('audience', () => {
    it('shows a published course only to the enrolment years and colleges it addresses, and to everyone when it names none', async () => {
      const freshmen = await buildCourse(
        t,
        admin,
        courseInput({ title: '2026级新生课', audience: { enrollmentYears: [2026] } }),
        [[articleLesson()]],
      );
      const business = await buildCourse(
        t,
        admin,
        courseInput({ title: '商学院专题', audience: { collegeIds: [businessCollege.id] } }),
        [[articleLesson()]],
      );
      const everyone = await buildCourse(t, admin, courseInput({ title: '全校必修' }), [[articleLesson()]]);
      const draft = await buildCourse(t, admin, courseInput({ title: '还没发布' }), [[articleLesson()]], {
        publish: false,
      });

      const seen = (ids: number[]) =>
        ids.filter((id) => [freshmen.id, business.id, everyone.id, draft.id].includes(id)).sort((a, b) => a - b);
      expect(seen(await myCourseIds('2026500101'))).toEqual([freshmen.id, everyone.id]);
      expect(seen(await myCourseIds('2026510101'))).toEqual([freshmen.id, business.id, everyone.id]);
      expect(seen(await myCourseIds('2025500101'))).toEqual([everyone.id]);
      // A teacher has no class, so no enrolment year: only whole-school courses reach them.
      expect(seen(await myCourseIds('T5001'))).toEqual([everyone.id]);
    });

    it('refuses a course, its lessons and progress to people outside its audience, and hides drafts', async () => {
      const freshmen = await buildCourse(t, admin, courseInput({ audience: { enrollmentYears: [2026] } }), [
        [articleLesson()],
      ]);
      const draft = await buildCourse(t, admin, courseInput(), [[articleLesson()]], { publish: false });
      const [lesson] = lessonIds(freshmen);
      expect((await as('2025500101', 'GET', `/api/courses/${freshmen.id}`)).status).toBe(403);
      expect((await as('2025500101', 'GET', `/api/lessons/${lesson}`)).status).toBe(403);
      expect((await progress('2025500101', lesson!, { completed: true })).status).toBe(403);
      expect((await as('2026500101', 'GET', `/api/courses/${draft.id}`)).status).toBe(404);
      expect((await progress('2026500101', lessonIds(draft)[0]!, { completed: true })).status).toBe(404);
      // The course manager may preview the draft.
      expect((await t.request<CourseDetailDto>('GET', `/api/courses/${draft.id}`, { token: admin })).body.status).toBe(
        'draft',
      );
    });
  });

  describe('progress and completion', () => {
    it('completes an article and a case when marked, and a video only once 90 % of it has been watched', async () => {
      const video = await uploadVideo();
      const course = await buildCourse(t, admin, courseInput(), [
        [articleLesson(), caseLesson(), videoLesson(video.file, 100)],
      ]);
      const [article, story, film] = lessonIds(course) as [number, number, number];

      await open('2026500101', article);
      expect((await progress('2026500101', article, { position: 0.4 })).body).toMatchObject({
        completed: false,
        position: 0.4,
      });
      clock.advance(15);
      expect((await progress('2026500101', article, { completed: true, position: 1 })).body).toMatchObject({
        completed: true,
        courseCompleted: false,
      });
      expect((await study('2026500101', story)).body.completed).toBe(true);

      await open('2026500101', film);
      const refused = await progress('2026500101', film, { completed: true });
      expect(refused.status).toBe(409);
      expect((refused.body as unknown as { message: string }).message).toMatch(/90%/);
      clock.advance(89);
      expect((await progress('2026500101', film, { watchedSeconds: 89, position: 89 })).body).toMatchObject({
        completed: false,
        watchedSeconds: 89,
        durationSeconds: 100,
      });
      clock.advance(1);
      const done = (await progress('2026500101', film, { watchedSeconds: 90, position: 90 })).body;
      expect(done).toMatchObject({ completed: true, watchedSeconds: 90, courseCompleted: true });

      const lesson = (await as<LessonDto>('2026500101', 'GET', `/api/lessons/${film}`)).body;
      expect(lesson.progress).toMatchObject({ completed: true, position: 90 });
      expect(lesson.prevLessonId).toBe(story);
    });

    it('completes a course with an end-of-course quiz only once the lessons are done and the quiz is passed', async () => {
      const question = await createQuestion(t, admin, singleQuestion());
      const quiz = await publishedExam(
        t,
        admin,
        examInput({ title: '结课测验', kind: 'regular', passScore: 100, paper: { questionIds: [question.id] } }),
      );
      const course = await buildCourse(t, admin, { ...courseInput(), quizExamId: quiz.id }, [[articleLesson()]]);
      const [article] = lessonIds(course) as [number];
      const detail = async () => (await as<CourseDetailDto>('2026500201', 'GET', `/api/courses/${course.id}`)).body;
      expect((await detail()).quiz).toEqual({ examId: quiz.id, title: '结课测验', passed: false });

      expect((await study('2026500201', article)).body).toMatchObject({
        completed: true,
        courseCompleted: false,
      });
      const sit = async (answer: string[]) => {
        const session = (await as<{ attemptId: number }>('2026500201', 'POST', `/api/exams/${quiz.id}/attempts`)).body;
        await as('2026500201', 'PUT', `/api/attempts/${session.attemptId}/answers/${question.id}`, { answer });
        return (await as<{ passed: boolean }>('2026500201', 'POST', `/api/attempts/${session.attemptId}/submit`)).body
          .passed;
      };
      expect(await sit(['A'])).toBe(false);
      expect((await detail()).completed).toBe(false);
      expect(await sit(['B'])).toBe(true);
      expect(await detail()).toMatchObject({ completed: true, quiz: { passed: true } });
      expect(await t.dataSource.getRepository(CourseCompletion).countBy({ courseId: course.id })).toBe(1);

      const missing = await t.request<{ message: string }>('POST', '/api/courses', {
        token: admin,
        body: { ...courseInput(), quizExamId: 999999 },
      });
      expect(missing.status).toBe(400);
      expect(missing.body.message).toMatch(/考试不存在/);
    });

    it('keeps watched seconds and the first completion from going back, and caps watching at the length', async () => {
      const video = await uploadVideo();
      const course = await buildCourse(t, admin, courseInput(), [[videoLesson(video.file, 60)]]);
      const [film] = lessonIds(course) as [number];
      await open('2026500102', film);
      clock.advance(500);
      expect((await progress('2026500102', film, { watchedSeconds: 500 })).body).toMatchObject({
        watchedSeconds: 60,
        completed: true,
      });
      const first = (await as<LessonDto>('2026500102', 'GET', `/api/lessons/${film}`)).body.progress.completedAt;
      // A late, stale report (from another tab) changes nothing that was already reached.
      const stale = (await progress('2026500102', film, { watchedSeconds: 10, position: 10 })).body;
      expect(stale).toMatchObject({ watchedSeconds: 60, completed: true, completedAt: first, position: 10 });
    });

    it('judges the 90 % on fractions of a second, so a short clip watched to its end completes', async () => {
      const video = await uploadVideo();
      const course = await buildCourse(t, admin, courseInput(), [[videoLesson(video.file, 4)]]);
      const [clip] = lessonIds(course) as [number];
      await open('2026500201', clip);
      clock.advance(4);
      expect((await progress('2026500201', clip, { watchedSeconds: 3.5 })).body.completed).toBe(false);
      expect((await progress('2026500201', clip, { watchedSeconds: 3.7 })).body).toMatchObject({
        completed: true,
        watchedSeconds: 4,
      });
    });

    it('uses the length the player reports when the lesson records none, keeping the first one', async () => {
      const course = await buildCourse(t, admin, courseInput(), [
        [{ title: '外部视频', kind: 'video', videoUrl: 'https://video.example.cn/anti-fraud.mp4' }],
      ]);
      const [film] = lessonIds(course) as [number];
      await open('2026500201', film);
      clock.advance(50);
      expect((await progress('2026500201', film, { watchedSeconds: 50, durationSeconds: 200 })).body).toMatchObject({
        completed: false,
        durationSeconds: 200,
      });
      // A later, shorter claim of the length does not make 50 seconds enough.
      expect((await progress('2026500201', film, { watchedSeconds: 50, durationSeconds: 50 })).body).toMatchObject({
        completed: false,
        durationSeconds: 200,
      });
      clock.advance(130);
      expect((await progress('2026500201', film, { watchedSeconds: 180 })).body.completed).toBe(true);
    });

    it('records one course completion when every lesson is complete, shown in my courses, keeping the first time', async () => {
      const course = await buildCourse(t, admin, courseInput({ title: '两章课程' }), [
        [articleLesson(), caseLesson()],
        [articleLesson('第二章文章')],
      ]);
      const ids = lessonIds(course);
      for (const id of ids.slice(0, 2)) await study('2026510101', id);
      let mine = (await as<MyCourseDto[]>('2026510101', 'GET', '/api/my/courses')).body.find(
        (c) => c.id === course.id,
      )!;
      expect(mine).toMatchObject({ lessons: 3, completedLessons: 2, completed: false, completedAt: null });
      expect(await t.dataSource.getRepository(CourseCompletion).countBy({ courseId: course.id })).toBe(0);

      await study('2026510101', ids[2]!);
      mine = (await as<MyCourseDto[]>('2026510101', 'GET', '/api/my/courses')).body.find((c) => c.id === course.id)!;
      expect(mine).toMatchObject({ lessons: 3, completedLessons: 3, completed: true });
      await progress('2026510101', ids[0]!, { completed: true });
      const rows = await t.dataSource.getRepository(CourseCompletion).findBy({ courseId: course.id });
      expect(rows).toHaveLength(1);
      expect(rows[0]!.completedAt.toISOString()).toBe(mine.completedAt);

      const detail = (await as<CourseDetailDto>('2026510101', 'GET', `/api/courses/${course.id}`)).body;
      expect(detail).toMatchObject({ completed: true, completedLessons: 3, lessons: 3 });
      expect(detail.chapters.map((c) => c.lessons.map((l) => l.completed))).toEqual([[true, true], [true]]);
    });

    it('completes the course for those who had done every other lesson when a lesson is removed', async () => {
      const course = await buildCourse(t, admin, courseInput(), [[articleLesson(), articleLesson('将被删除')]]);
      const [kept, removed] = lessonIds(course) as [number, number];
      await study('2026500101', kept);
      expect((await t.request('DELETE', `/api/lessons/${removed}`, { token: admin })).status).toBe(200);
      expect(await t.dataSource.getRepository(CourseCompletion).countBy({ courseId: course.id })).toBe(1);
    });

    it('sends students to the first lesson they have not completed', async () => {
      const course = await buildCourse(t, admin, courseInput(), [
        [articleLesson('一'), articleLesson('二')],
        [articleLesson('三')],
      ]);
      const [first, second] = lessonIds(course) as [number, number];
      await study('2026500102', first);
      expect((await as<CourseDetailDto>('2026500102', 'GET', `/api/courses/${course.id}`)).body.resumeLessonId).toBe(
        second,
      );
    });
  });

  describe('plausible completion', () => {
    const twelveLessons = () =>
      buildCourse(t, admin, courseInput({ title: '十二课时' }), [
        Array.from({ length: 6 }, (_, i) => articleLesson(`文章${i + 1}`)),
        Array.from({ length: 6 }, (_, i) => caseLesson(`案例${i + 1}`)),
      ]);
    const message = (res: { body: unknown }) => (res.body as { message: string }).message;

    it('refuses twelve instant {"completed":true} calls, saying how long is left, and the course stays unfinished', async () => {
      const course = await twelveLessons();
      const results = [];
      for (const id of lessonIds(course)) {
        await open('2026500102', id);
        results.push(await progress('2026500102', id, { completed: true }));
      }
      expect(results.map((r) => r.status)).toEqual(Array(12).fill(409));
      expect(message(results[0]!)).toMatch(/本课时还需学习约 15 秒 才能标记完成/);
      expect(message(results[11]!)).toMatch(/本案例还需学习约 \d+ 秒/);
      // Without opening the lesson first it is no better.
      const [unopened] = lessonIds(await twelveLessons());
      expect((await progress('2026500102', unopened!, { completed: true })).status).toBe(409);

      const mine = (await as<MyCourseDto[]>('2026500102', 'GET', '/api/my/courses')).body.find(
        (c) => c.id === course.id,
      )!;
      expect(mine).toMatchObject({ completedLessons: 0, completed: false });
      expect(await t.dataSource.getRepository(CourseCompletion).countBy({ courseId: course.id })).toBe(0);
    });

    it('asks for reading time in proportion to the text, counted from the first open on the server clock', async () => {
      const long = '<p>' + '骗子冒充客服要求转账'.repeat(120) + '</p>'; // 1,200 characters: 2 minutes
      const course = await buildCourse(t, admin, courseInput(), [[articleLesson('长文', long)]]);
      const [article] = lessonIds(course) as [number];
      expect((await open('2026500201', article)).progress).toMatchObject({
        minimumSeconds: 120,
        remainingSeconds: 120,
      });
      clock.advance(50);
      // Opening it again does not restart (or shorten) the time.
      expect((await open('2026500201', article)).progress.remainingSeconds).toBe(70);
      const early = await progress('2026500201', article, { completed: true });
      expect(early.status).toBe(409);
      expect(message(early)).toMatch(/还需学习约 1 分 10 秒/);
      clock.advance(70);
      expect((await progress('2026500201', article, { completed: true })).body).toMatchObject({
        completed: true,
        remainingSeconds: 0,
      });
    });

    it('does not let the same minutes count for lessons opened side by side', async () => {
      const course = await twelveLessons();
      const ids = lessonIds(course);
      for (const id of ids) await open('2026510101', id);
      clock.advance(15);
      const first = await Promise.all(
        ids.map((id) => progress('2026510101', id, { completed: true }).then((r) => r.status)),
      );
      expect(first.filter((status) => status === 200)).toHaveLength(1);
      expect(first.filter((status) => status === 409)).toHaveLength(11);
      // Each further lesson needs its own reading time after the last one completed.
      const next = ids[first.indexOf(409)]!;
      clock.advance(10);
      const refused = await progress('2026510101', next, { completed: true });
      expect(message(refused)).toMatch(/还需学习约 5 秒/);
      clock.advance(5);
      expect((await progress('2026510101', next, { completed: true })).body.completed).toBe(true);
    });

    it('counts no more video seconds than the lesson has been open, and says how much is left to watch', async () => {
      const video = await uploadVideo();
      const course = await buildCourse(t, admin, courseInput(), [[videoLesson(video.file, 100)]]);
      const [film] = lessonIds(course) as [number];
      expect((await open('2025500101', film)).progress).toMatchObject({ minimumSeconds: 90 });
      clock.advance(30);
      expect((await progress('2025500101', film, { watchedSeconds: 100, position: 100 })).body).toMatchObject({
        completed: false,
        watchedSeconds: 30,
      });
      const refused = await progress('2025500101', film, { completed: true, watchedSeconds: 100 });
      expect(refused.status).toBe(409);
      expect(message(refused)).toMatch(/还需观看约 1 分钟/);
      clock.advance(60);
      expect((await progress('2025500101', film, { watchedSeconds: 90 })).body).toMatchObject({
        completed: true,
        watchedSeconds: 90,
      });
    });
  });

  describe('building courses', () => {
    it('reorders chapters and lessons, moving a lesson to another chapter, and refuses a stale order', async () => {
      const course = await buildCourse(
        t,
        admin,
        courseInput(),
        [[articleLesson('甲'), articleLesson('乙')], [articleLesson('丙')]],
        { publish: false },
      );
      const [one, two] = course.chapters as [CourseOutlineDto['chapters'][0], CourseOutlineDto['chapters'][0]];
      const [a, b] = one.lessons.map((l) => l.id) as [number, number];
      const c = two.lessons[0]!.id;
      const res = await t.request<CourseOutlineDto>('PUT', `/api/courses/${course.id}/order`, {
        token: admin,
        body: {
          chapters: [
            { id: two.id, lessonIds: [c, a] },
            { id: one.id, lessonIds: [b] },
          ],
        },
      });
      expect(res.status).toBe(200);
      expect(res.body.chapters.map((ch) => [ch.id, ch.lessons.map((l) => l.title)])).toEqual([
        [two.id, ['丙', '甲']],
        [one.id, ['乙']],
      ]);
      const stale = await t.request('PUT', `/api/courses/${course.id}/order`, {
        token: admin,
        body: {
          chapters: [
            { id: two.id, lessonIds: [c, a] },
            { id: one.id, lessonIds: [] },
          ],
        },
      });
      expect(stale.status).toBe(400);
    });

    it('refuses to publish a course without lessons and to delete a published one', async () => {
      const empty = await buildCourse(t, admin, courseInput(), [], { publish: false });
      expect((await t.request('POST', `/api/courses/${empty.id}/publish`, { token: admin })).status).toBe(409);
      const live = await buildCourse(t, admin, courseInput(), [[articleLesson()]]);
      expect((await t.request('DELETE', `/api/courses/${live.id}`, { token: admin })).status).toBe(409);
      expect((await t.request('POST', `/api/courses/${live.id}/unpublish`, { token: admin })).status).toBe(200);
      expect((await t.request('DELETE', `/api/courses/${live.id}`, { token: admin })).status).toBe(204);
    });

    it('removes scripts, event handlers, styles and javascript: links from articles while keeping the formatting', async () => {
      const dirty =
        '<h2 onclick="steal()">识别刷单</h2><p style="color:red">正文<script>alert(document.cookie)</script><strong>不垫钱</strong>、<em>不转账</em></p>' +
        '<ul><li>挂断电话</li><li>拨打 96110</li></ul><blockquote>刷单就是诈骗</blockquote>' +
        '<p><a href="javascript:alert(1)">点我领奖</a> <a href="https://www.gov.cn/">国家反诈中心</a></p>' +
        '<img src="x" onerror="alert(1)"><img src="https://img.example.cn/a.png" alt="示意图"><iframe src="https://evil.example"></iframe>';
      const course = await buildCourse(t, admin, courseInput(), [[articleLesson('清洗测试', dirty)]]);
      const html = (await as<LessonDto>('2026500101', 'GET', `/api/lessons/${lessonIds(course)[0]}`)).body.html!;
      expect(html).not.toMatch(/script|onclick|onerror|style=|javascript:|iframe|alert/i);
      expect(html).toContain('<h2>识别刷单</h2>');
      expect(html).toContain('<strong>不垫钱</strong>、<em>不转账</em>');
      expect(html).toContain('<ul><li>挂断电话</li><li>拨打 96110</li></ul><blockquote>刷单就是诈骗</blockquote>');
      expect(html).toContain(
        '<a href="https://www.gov.cn/" target="_blank" rel="noopener noreferrer">国家反诈中心</a>',
      );
      expect(html).toContain('<img src="https://img.example.cn/a.png" alt="示意图" />');
      expect(html).toContain('<a>点我领奖</a>');

      const empty = await t.request<{ errors: { field: string }[] }>(
        'POST',
        `/api/chapters/${course.chapters[0]!.id}/lessons`,
        { token: admin, body: articleLesson('空', '<script>x</script>') },
      );
      expect(empty.status).toBe(400);
      expect(empty.body.errors[0]!.field).toBe('html');
    });

    it('keeps images uploaded through the editor and serves them', async () => {
      const image = await t.upload<UploadedImage>('/api/course-media/images', PNG, '插图.png', admin);
      expect(image.status).toBe(201);
      const course = await buildCourse(t, admin, courseInput(), [
        [articleLesson('带图', `<p>看图</p><img src="${image.body.url}" alt="图">`)],
      ]);
      expect((await as<LessonDto>('2026500101', 'GET', `/api/lessons/${lessonIds(course)[0]}`)).body.html).toContain(
        `<img src="${image.body.url}" alt="图" />`,
      );
      const served = await t.request('GET', image.body.url);
      expect(served.status).toBe(200);
      expect(served.headers['content-type']).toBe('image/png');
      expect(served.raw.equals(PNG)).toBe(true);
    });

    it('accepts an https video address and refuses any other', async () => {
      const course = await buildCourse(t, admin, courseInput(), [[]], { publish: false });
      const chapter = course.chapters[0]!.id;
      const add = (videoUrl: string) =>
        t.request('POST', `/api/chapters/${chapter}/lessons`, {
          token: admin,
          body: { title: '外链', kind: 'video', videoUrl },
        });
      expect((await add('http://video.example.cn/a.mp4')).status).toBe(400);
      expect((await add('javascript:alert(1)')).status).toBe(400);
      expect((await add('https://video.example.cn/a.mp4')).status).toBe(201);
      const missing = await t.request('POST', `/api/chapters/${chapter}/lessons`, {
        token: admin,
        body: videoLesson('0123456789abcdef0123456789abcdef.mp4'),
      });
      expect(missing.status).toBe(400);
    });
  });

  describe('video files', () => {
    it('serves an uploaded video with range requests: 206 with exactly the bytes asked for', async () => {
      const video = await uploadVideo(100_000);
      const original = fakeMp4(100_000);
      const course = await buildCourse(t, admin, courseInput(), [[videoLesson(video.file)]]);
      const url = (await as<LessonDto>('2026500101', 'GET', `/api/lessons/${lessonIds(course)[0]}`)).body.video!.url;
      expect(url).toMatch(/^\/api\/course-media\/videos\/[a-f0-9]{32}\.mp4\?exp=\d+&sig=/);

      const whole = await t.request('GET', url);
      expect(whole.status).toBe(200);
      expect(whole.headers['accept-ranges']).toBe('bytes');
      expect(whole.headers['content-type']).toBe('video/mp4');
      expect(whole.raw.equals(original)).toBe(true);

      const middle = await t.request('GET', url, { headers: { range: 'bytes=1000-1999' } });
      expect(middle.status).toBe(206);
      expect(middle.headers['content-range']).toBe('bytes 1000-1999/100000');
      expect(Number(middle.headers['content-length'])).toBe(1000);
      expect(middle.raw.equals(original.subarray(1000, 2000))).toBe(true);

      const open = await t.request('GET', url, { headers: { range: 'bytes=99990-' } });
      expect(open.headers['content-range']).toBe('bytes 99990-99999/100000');
      expect(open.raw.equals(original.subarray(99990))).toBe(true);
      const tail = await t.request('GET', url, { headers: { range: 'bytes=-16' } });
      expect(tail.raw.equals(original.subarray(-16))).toBe(true);

      for (const range of ['bytes=100000-', 'bytes=500-100', 'bytes=abc']) {
        const bad = await t.request('GET', url, { headers: { range } });
        expect(bad.status).toBe(416);
        expect(bad.headers['content-range']).toBe('bytes */100000');
      }
    });

    it('refuses a video address whose signature is wrong or has expired', async () => {
      const video = await uploadVideo();
      const media = t.get(CourseMediaService);
      const good = media.signedVideoUrl(video.file);
      expect((await t.request('GET', good)).status).toBe(200);
      expect((await t.request('GET', good.replace(/sig=.../, 'sig=AAA'))).status).toBe(403);
      expect((await t.request('GET', `/api/course-media/videos/${video.file}`)).status).toBe(403);
      const expired = media.signedVideoUrl(video.file, Date.now() - 4 * 3600_000);
      const res = await t.request<{ message: string }>('GET', expired);
      expect(res.status).toBe(403);
      expect(res.body.message).toMatch(/过期/);
    });

    it('refuses an oversize video with 413 and a file that is not a video with 422, saying why', async () => {
      const media = t.get(CourseMediaService);
      const limit = media.limits.videoBytes;
      media.limits.videoBytes = 10_000;
      try {
        const big = await t.upload<{ message: string }>('/api/course-media/videos', fakeMp4(20_000), '太大.mp4', admin);
        expect(big.status).toBe(413);
        expect(big.body.message).toMatch(/上限/);
      } finally {
        media.limits.videoBytes = limit;
      }
      const text = await t.upload<{ message: string; errors: { field: string }[] }>(
        '/api/course-media/videos',
        Buffer.from('这不是视频，只是改了扩展名'),
        '伪装.mp4',
        admin,
      );
      expect(text.status).toBe(422);
      expect(text.body.message).toMatch(/不是 MP4 或 WebM 视频/);
      expect(text.body.errors[0]!.field).toBe('file');
      const image = await t.upload<{ message: string }>('/api/course-media/images', fakeMp4(100), '图.png', admin);
      expect(image.status).toBe(422);
      const webm = await t.upload<UploadedVideo>(
        '/api/course-media/videos',
        Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 1, 2, 3, 4]),
        'clip.webm',
        admin,
      );
      expect(webm.body).toMatchObject({ mimeType: 'video/webm', file: expect.stringMatching(/\.webm$/) });
      // Students take courses; they do not upload to them.
      expect((await t.upload('/api/course-media/videos', fakeMp4(100), 'a.mp4', tokens['2026500101']!)).status).toBe(
        403,
      );
    });
  });

  describe('the letter to freshmen', () => {
    let letter: LetterDto;

    beforeAll(async () => {
      const res = await t.request<LetterDto>('POST', '/api/letters', {
        token: admin,
        body: {
          enrollmentYear: 2026,
          title: '致2026级新生的一封信',
          html: '<p>亲爱的新同学：</p><p onmouseover="x()">接到 96110 来电请务必接听。</p><script>alert(1)</script>',
        },
      });
      expect(res.status).toBe(201);
      letter = res.body;
    });

    it("gives each freshman their own year's letter, sanitised, and 404 to those it is not addressed to", async () => {
      const mine = await as<MyLetterDto>('2026500101', 'GET', '/api/my/letter');
      expect(mine.body).toMatchObject({
        id: letter.id,
        enrollmentYear: 2026,
        confirmedAt: null,
        html: '<p>亲爱的新同学：</p><p>接到 96110 来电请务必接听。</p>',
      });
      expect((await as('2025500101', 'GET', '/api/my/letter')).status).toBe(404);
      expect((await as('T5001', 'GET', '/api/my/letter')).status).toBe(403);
      const again = await t.request('POST', '/api/letters', {
        token: admin,
        body: { enrollmentYear: 2026, title: '第二封', html: '<p>重复</p>' },
      });
      expect(again.status).toBe(409);
    });

    it('refuses 我已阅读并知晓 before the letter could have been read, saying how long is left', async () => {
      // Never opened: the confirmation itself starts the reading time, and is refused.
      const unopened = await as<{ message: string }>('2026500201', 'POST', '/api/my/letter/confirm');
      expect(unopened.status).toBe(409);
      expect(unopened.body.message).toBe('请先读完这封信：还需阅读约 15 秒再确认（阅读时间从打开信件算起）');

      expect((await as<MyLetterDto>('2026500101', 'GET', '/api/my/letter')).body).toMatchObject({
        minimumSeconds: 15,
        remainingSeconds: 15,
      });
      clock.advance(10);
      // Opening it again does not restart the time.
      expect((await as<MyLetterDto>('2026500101', 'GET', '/api/my/letter')).body.remainingSeconds).toBe(5);
      const early = await as<{ message: string }>('2026500101', 'POST', '/api/my/letter/confirm');
      expect(early.status).toBe(409);
      expect(early.body.message).toMatch(/还需阅读约 5 秒/);
      expect(await t.dataSource.getRepository(LetterConfirmation).countBy({ letterId: letter.id })).toBe(0);
    });

    it('keeps the first confirmation time however often, and however simultaneously, a student confirms', async () => {
      await as<MyLetterDto>('2026500102', 'GET', '/api/my/letter');
      clock.advance(15);
      const [a, b] = await Promise.all([
        as<LetterConfirmResult>('2026500102', 'POST', '/api/my/letter/confirm'),
        as<LetterConfirmResult>('2026500102', 'POST', '/api/my/letter/confirm'),
      ]);
      expect(a.status).toBe(200);
      expect(a.body.confirmedAt).toBe(b.body.confirmedAt);
      clock.advance(60);
      const later = await as<LetterConfirmResult>('2026500102', 'POST', '/api/my/letter/confirm');
      expect(later.body.confirmedAt).toBe(a.body.confirmedAt);
      expect((await as<MyLetterDto>('2026500102', 'GET', '/api/my/letter')).body.confirmedAt).toBe(a.body.confirmedAt);
      expect(await t.dataSource.getRepository(LetterConfirmation).countBy({ letterId: letter.id })).toBe(1);
      expect((await t.request('DELETE', `/api/letters/${letter.id}`, { token: admin })).status).toBe(409);
    });

    it('counts confirmations per college among the freshmen of its year', async () => {
      const report = (
        await t.request<ReachReport>('GET', `/api/letters/${letter.id}/confirmation?groupBy=college`, { token: admin })
      ).body;
      expect(report.rows.map((r) => [r.name, r.people, r.done])).toEqual([
        ['信息学院', 3, 1],
        ['商学院', 1, 0],
      ]);
      const unconfirmed = (
        await t.request<Page<NotDoneRow>>('GET', `/api/letters/${letter.id}/unconfirmed?collegeId=${infoCollege.id}`, {
          token: admin,
        })
      ).body;
      expect(unconfirmed.items.map((r) => r.username)).toEqual(['2026500101', '2026500201']);
    });
  });

  describe('completion rates', () => {
    let courseId: number;

    beforeAll(async () => {
      const course = await buildCourse(
        t,
        admin,
        courseInput({ title: '2026级入校第一课', audience: { enrollmentYears: [2026] } }),
        [[articleLesson(), caseLesson()]],
      );
      courseId = course.id;
      const [first, second] = lessonIds(course) as [number, number];
      for (const username of ['2026500101', '2026510101']) {
        await study(username, first);
        await study(username, second);
      }
      await study('2026500201', first);
    });

    it('counts completion per college and per class among the students the course addresses', async () => {
      const byCollege = (await t.request<ReachReport>('GET', `/api/courses/${courseId}/completion`, { token: admin }))
        .body;
      expect(byCollege.rows.map((r) => [r.name, r.people, r.done, r.rate])).toEqual([
        ['信息学院', 3, 1, 1 / 3],
        ['商学院', 1, 1, 1],
      ]);
      expect(byCollege.total).toEqual({ people: 4, done: 2, rate: 0.5 });

      const byClass = (
        await t.request<ReachReport>(
          'GET',
          `/api/courses/${courseId}/completion?groupBy=class&collegeId=${infoCollege.id}`,
          { token: admin },
        )
      ).body;
      expect(byClass.rows.map((r) => [r.name, r.collegeName, r.people, r.done])).toEqual([
        ['信息2026-1班', '信息学院', 2, 1],
        ['信息2026-2班', '信息学院', 1, 0],
      ]);
    });

    it('names those not finished, with how far each got', async () => {
      const list = (
        await t.request<Page<NotDoneRow>>('GET', `/api/courses/${courseId}/not-completed`, { token: admin })
      ).body;
      expect(list.total).toBe(2);
      expect(list.items.map((r) => [r.username, r.name, r.className, r.completedLessons, r.lessons])).toEqual([
        ['2026500102', '新生乙', '信息2026-1班', 0, 2],
        ['2026500201', '新生丙', '信息2026-2班', 1, 2],
      ]);
      const searched = (
        await t.request<Page<NotDoneRow>>('GET', `/api/courses/${courseId}/not-completed?q=新生丙`, { token: admin })
      ).body;
      expect(searched.items.map((r) => r.username)).toEqual(['2026500201']);
    });

    it('keeps a college admin to their own college', async () => {
      const own = (await as<ReachReport>('XY5001', 'GET', `/api/courses/${courseId}/completion`)).body;
      expect(own.rows.map((r) => r.name)).toEqual(['信息学院']);
      expect(
        (await as('XY5001', 'GET', `/api/courses/${courseId}/completion?collegeId=${businessCollege.id}`)).status,
      ).toBe(403);
      expect(
        (await as('XY5001', 'GET', `/api/courses/${courseId}/not-completed?collegeId=${businessCollege.id}`)).status,
      ).toBe(403);
      expect((await as('2026500101', 'GET', `/api/courses/${courseId}/completion`)).status).toBe(403);
    });

    it('exports the tables per college and class and the named list of those not finished to Excel', async () => {
      const res = await t.request('GET', `/api/courses/${courseId}/completion/export`, { token: admin });
      expect(res.status).toBe(200);
      expect(String(res.headers['content-disposition'])).toContain(
        encodeURIComponent('2026级入校第一课-完成情况.xlsx'),
      );
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.raw as unknown as ArrayBuffer);
      expect(workbook.worksheets.map((s) => s.name)).toEqual(['按学院', '按班级', '未完成名单']);
      const values = (name: string) =>
        workbook
          .getWorksheet(name)!
          .getSheetValues()
          .slice(2)
          .map((row) => (row as unknown[]).slice(1));
      expect(values('按学院')).toEqual([
        ['信息学院', 3, 1, 2, '33.3%'],
        ['商学院', 1, 1, 0, '100.0%'],
        ['合计', 4, 2, 2, '50.0%'],
      ]);
      expect(values('未完成名单')).toEqual([
        ['2026500102', '新生乙', '信息学院', '信息2026-1班', '0/2'],
        ['2026500201', '新生丙', '信息学院', '信息2026-2班', '1/2'],
      ]);
    });
  });
});

describe('shipped course content', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ SEED_CONTENT: 'true' });
  });
  afterAll(() => t.close());

  it("loads the 入校第一课 course, published and required for everyone, and this year's letter into an empty database", async () => {
    const admin = await t.adminToken();
    const courses = (
      await t.request<
        Page<{ id: number; title: string; status: string; required: boolean; lessonCount: number; audience: object }>
      >('GET', '/api/courses', { token: admin })
    ).body;
    expect(courses.items).toEqual([
      expect.objectContaining({
        title: '入校第一课：守护你的钱袋子',
        status: 'published',
        required: true,
        audience: { collegeIds: [], enrollmentYears: [], studentsOnly: true },
      }),
    ]);
    expect(courses.items[0]!.lessonCount).toBeGreaterThanOrEqual(6);
    const outline = (
      await t.request<CourseOutlineDto>('GET', `/api/courses/${courses.items[0]!.id}/outline`, { token: admin })
    ).body;
    const kinds = new Set(outline.chapters.flatMap((c) => c.lessons.map((l) => l.kind)));
    expect(kinds).toEqual(new Set(['article', 'case']));
    const letters = (await t.request<LetterDto[]>('GET', '/api/letters', { token: admin })).body;
    expect(letters).toEqual([
      expect.objectContaining({ enrollmentYear: freshmanEnrollmentYear(), title: '致新生的一封信' }),
    ]);
    expect(letters[0]!.html).toContain('我已阅读并知晓');
  });
});
