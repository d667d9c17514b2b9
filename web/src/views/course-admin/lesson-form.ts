import type { AdminLessonDto, LessonInput, LessonKind } from '@campus/shared';
import type { FieldProblem } from '@/composables/use-field-errors';

/** The lesson editor's state: every kind's fields at once, so switching kind loses nothing typed. */
export interface LessonForm {
  title: string;
  kind: LessonKind;
  html: string;
  videoSource: 'upload' | 'url';
  videoFile: string | null;
  videoUrl: string;
  durationSeconds: number | null;
  /** A playable address for the preview. */
  previewUrl: string | null;
  story: string;
  /** One item per line. */
  warningSigns: string;
  actions: string;
}

export function emptyLessonForm(kind: LessonKind = 'article'): LessonForm {
  return {
    title: '',
    kind,
    html: '',
    videoSource: 'upload',
    videoFile: null,
    videoUrl: '',
    durationSeconds: null,
    previewUrl: null,
    story: '',
    warningSigns: '',
    actions: '',
  };
}

export function lessonFormFrom(lesson: AdminLessonDto): LessonForm {
  const form = emptyLessonForm(lesson.kind);
  form.title = lesson.title;
  form.html = lesson.html ?? '';
  if (lesson.video) {
    form.videoSource = lesson.video.file ? 'upload' : 'url';
    form.videoFile = lesson.video.file;
    form.videoUrl = lesson.video.externalUrl ?? '';
    form.durationSeconds = lesson.video.durationSeconds;
    form.previewUrl = lesson.video.url;
  }
  if (lesson.caseStudy) {
    form.story = lesson.caseStudy.story;
    form.warningSigns = lesson.caseStudy.warningSigns.join('\n');
    form.actions = lesson.caseStudy.actions.join('\n');
  }
  return form;
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** What the server takes for the form's kind (the server checks it again). */
export function lessonInput(form: LessonForm): LessonInput {
  const base = { title: form.title.trim(), kind: form.kind };
  switch (form.kind) {
    case 'article':
      return { ...base, html: form.html };
    case 'video':
      return form.videoSource === 'upload'
        ? { ...base, videoFile: form.videoFile, videoUrl: null, durationSeconds: form.durationSeconds }
        : { ...base, videoFile: null, videoUrl: form.videoUrl.trim(), durationSeconds: form.durationSeconds };
    case 'case':
      return {
        ...base,
        caseStudy: { story: form.story.trim(), warningSigns: lines(form.warningSigns), actions: lines(form.actions) },
      };
  }
}

/** The lesson form's items, named as the server names its fields. */
export const LESSON_FIELDS = [
  'title',
  'kind',
  'html',
  'videoFile',
  'videoUrl',
  'durationSeconds',
  'caseStudy.story',
  'caseStudy.warningSigns',
  'caseStudy.actions',
] as const;

/** The problems to show before sending, each on its field, in the words the server would use. */
export function lessonFormProblems(form: LessonForm): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!form.title.trim()) problems.push({ field: 'title', message: '课时名称不能为空' });
  switch (form.kind) {
    case 'article':
      if (!form.html.trim()) problems.push({ field: 'html', message: '正文不能为空' });
      break;
    case 'video':
      if (form.videoSource === 'upload' && !form.videoFile)
        problems.push({ field: 'videoFile', message: '请先上传视频文件' });
      if (form.videoSource === 'url' && !/^https:\/\/\S+$/.test(form.videoUrl.trim()))
        problems.push({ field: 'videoUrl', message: '视频地址必须是 https:// 开头的完整网址' });
      break;
    case 'case':
      if (!form.story.trim()) problems.push({ field: 'caseStudy.story', message: '案例经过不能为空' });
      if (lines(form.warningSigns).length === 0)
        problems.push({ field: 'caseStudy.warningSigns', message: '至少写一条识骗要点' });
      if (lines(form.actions).length === 0)
        problems.push({ field: 'caseStudy.actions', message: '至少写一条防范做法' });
      break;
  }
  return problems;
}
