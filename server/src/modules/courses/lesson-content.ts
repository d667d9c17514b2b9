import { BadRequestException } from '@nestjs/common';
import type { LessonInput } from '@campus/shared';
import { hasVisibleContent, sanitizeArticleHtml } from './article-html';
import type { Lesson } from './lesson.entity';

/** MySQL TEXT holds 65,535 bytes (about 21,000 Chinese characters). */
export const MAX_HTML_BYTES = 65_535;

export type LessonContent = Pick<
  Lesson,
  'title' | 'kind' | 'html' | 'videoFile' | 'videoUrl' | 'durationSeconds' | 'caseStudy'
>;

function invalid(field: string, message: string): BadRequestException {
  return new BadRequestException({ message, errors: [{ field, message }] });
}

/** Sanitised HTML that is neither empty nor too large for its column. */
export function articleHtml(html: string | undefined, field = 'html'): string {
  const clean = sanitizeArticleHtml(html ?? '');
  if (!hasVisibleContent(clean)) throw invalid(field, '正文不能为空');
  if (Buffer.byteLength(clean, 'utf8') > MAX_HTML_BYTES) throw invalid(field, '正文过长，请拆分为几个课时');
  return clean;
}

/**
 * What a lesson stores, from the editor's input: only the fields of its kind, each checked. The
 * video file must be one we stored (`videoExists`), an outside video an https address.
 */
export async function lessonContent(
  input: LessonInput,
  videoExists: (file: string) => Promise<boolean>,
): Promise<LessonContent> {
  const base: LessonContent = {
    title: input.title.trim(),
    kind: input.kind,
    html: null,
    videoFile: null,
    videoUrl: null,
    durationSeconds: null,
    caseStudy: null,
  };
  if (!base.title) throw invalid('title', '课时名称不能为空');
  switch (input.kind) {
    case 'article':
      return { ...base, html: articleHtml(input.html) };
    case 'video': {
      const file = input.videoFile?.trim() || null;
      const url = input.videoUrl?.trim() || null;
      if (!file && !url) throw invalid('videoFile', '请上传视频文件或填写视频地址');
      if (file && url) throw invalid('videoUrl', '视频文件和视频地址只能选一个');
      if (file && !(await videoExists(file))) throw invalid('videoFile', '视频文件不存在，请重新上传');
      if (url && !isHttpsUrl(url)) throw invalid('videoUrl', '视频地址必须是 https:// 开头的完整网址');
      return { ...base, videoFile: file, videoUrl: url, durationSeconds: input.durationSeconds ?? null };
    }
    case 'case': {
      const story = input.caseStudy?.story.trim() ?? '';
      const warningSigns = (input.caseStudy?.warningSigns ?? []).map((s) => s.trim()).filter(Boolean);
      const actions = (input.caseStudy?.actions ?? []).map((s) => s.trim()).filter(Boolean);
      if (!story) throw invalid('caseStudy.story', '案例经过不能为空');
      if (warningSigns.length === 0) throw invalid('caseStudy.warningSigns', '至少写一条识骗要点');
      if (actions.length === 0) throw invalid('caseStudy.actions', '至少写一条防范做法');
      return { ...base, caseStudy: { story, warningSigns, actions } };
    }
  }
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}
