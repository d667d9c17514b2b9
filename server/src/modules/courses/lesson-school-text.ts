import type { LessonDto } from '@campus/shared';
import type { SchoolSettingsService } from '../school/school-settings.service';

/**
 * A lesson as learners read it: the school placeholders of its article and case study
 * ({{学校名称}}, {{保卫处电话}} …) filled from 学校信息设置. The stored lesson keeps them.
 */
export async function withSchoolDetails(lesson: LessonDto, school: SchoolSettingsService): Promise<LessonDto> {
  const caseStudy = lesson.caseStudy && {
    story: await school.renderText(lesson.caseStudy.story),
    warningSigns: await Promise.all(lesson.caseStudy.warningSigns.map((s) => school.renderText(s))),
    actions: await Promise.all(lesson.caseStudy.actions.map((s) => school.renderText(s))),
  };
  return {
    ...lesson,
    html: lesson.html === null ? null : await school.renderHtml(lesson.html),
    caseStudy,
  };
}
