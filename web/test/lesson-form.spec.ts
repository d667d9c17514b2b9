import { describe, expect, it } from 'vitest';
import { useFieldErrors } from '@/composables/use-field-errors';
import { emptyLessonForm, LESSON_FIELDS, lessonFormProblems } from '@/views/course-admin/lesson-form';

describe('the lesson form before sending', () => {
  it('puts each problem of a case lesson on its own field, as the server names them', () => {
    const form = { ...emptyLessonForm('case'), title: ' ' };
    expect(lessonFormProblems(form)).toEqual([
      { field: 'title', message: '课时名称不能为空' },
      { field: 'caseStudy.story', message: '案例经过不能为空' },
      { field: 'caseStudy.warningSigns', message: '至少写一条识骗要点' },
      { field: 'caseStudy.actions', message: '至少写一条防范做法' },
    ]);
  });

  it('checks only the fields of the chosen kind and video source', () => {
    const video = { ...emptyLessonForm('video'), title: '识破刷单', videoSource: 'url' as const, videoUrl: 'http://x' };
    expect(lessonFormProblems(video).map((p) => p.field)).toEqual(['videoUrl']);
    expect(lessonFormProblems({ ...video, videoUrl: 'https://video.example.edu.cn/a.mp4' })).toEqual([]);
    expect(lessonFormProblems({ ...emptyLessonForm('article'), title: '导语', html: '<p>正文</p>' })).toEqual([]);
  });

  it('shows every problem on an item of the form, none only in the summary', () => {
    const errors = useFieldErrors(LESSON_FIELDS);
    errors.set(lessonFormProblems(emptyLessonForm('case')));
    expect(errors.unplaced.value).toEqual([]);
    expect(errors.at('caseStudy.actions')).toBe('至少写一条防范做法');
    expect(errors.summary.value).toBeNull();
  });
});
