import type { AdminLessonDto, LessonInput, LessonKind } from '@campus/shared';

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

/** A first problem to show before sending, in the words the server would use. */
export function lessonFormProblem(form: LessonForm): string | null {
  if (!form.title.trim()) return '课时名称不能为空';
  if (form.kind === 'article' && !form.html.trim()) return '正文不能为空';
  if (form.kind === 'video' && form.videoSource === 'upload' && !form.videoFile) return '请先上传视频文件';
  if (form.kind === 'video' && form.videoSource === 'url' && !/^https:\/\/\S+$/.test(form.videoUrl.trim()))
    return '视频地址必须是 https:// 开头的完整网址';
  if (form.kind === 'case' && !form.story.trim()) return '案例经过不能为空';
  if (form.kind === 'case' && lines(form.warningSigns).length === 0) return '至少写一条识骗要点';
  if (form.kind === 'case' && lines(form.actions).length === 0) return '至少写一条防范做法';
  return null;
}
