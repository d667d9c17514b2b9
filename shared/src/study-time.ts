import { VIDEO_COMPLETE_FRACTION, type CaseStudy, type LessonKind } from './api/courses';

/**
 * How long a lesson must plausibly take before the server accepts it as completed, so that the
 * 学习完成率 counts people who studied, not people who sent `{"completed":true}`.
 *
 * Text is judged by its length at a quick reader's pace (about 600 Chinese characters a minute;
 * a careful reader takes two or three times that), never less than the floor. A video needs the
 * 90 % of its length that completes it to have actually played, which cannot take less wall-clock
 * time than that.
 */
export const READING_CHARS_PER_SECOND = 10;
export const MIN_READING_SECONDS = 15;
/** A very long text does not hold a student for more than this. */
export const MAX_READING_SECONDS = 20 * 60;

/** Characters a reader reads: text without markup or white space (an entity counts as one). */
export function readableLength(html: string): number {
  let length = 0;
  let inTag = false;
  let inEntity = false;
  for (const ch of html) {
    if (inTag) {
      if (ch === '>') inTag = false;
    } else if (ch === '<') {
      inTag = true;
    } else if (inEntity) {
      if (ch === ';' || /\s/u.test(ch)) inEntity = false;
    } else if (ch === '&') {
      inEntity = true;
      length += 1;
    } else if (!/\s/u.test(ch)) {
      length += 1;
    }
  }
  return length;
}

/** A case study is plain text: every character but white space counts. */
export function caseStudyLength(study: CaseStudy): number {
  return [study.story, ...study.warningSigns, ...study.actions].reduce(
    (sum, text) => sum + [...text].filter((ch) => !/\s/u.test(ch)).length,
    0,
  );
}

export function readingSeconds(characters: number): number {
  return Math.min(MAX_READING_SECONDS, Math.max(MIN_READING_SECONDS, Math.ceil(characters / READING_CHARS_PER_SECOND)));
}

/** The least time (seconds) a lesson takes: null for a video whose length is not known yet. */
export function minimumStudySeconds(
  kind: LessonKind,
  measure: { characters: number; durationSeconds: number | null },
): number | null {
  if (kind !== 'video') return readingSeconds(measure.characters);
  if (measure.durationSeconds === null) return null;
  return measure.durationSeconds * VIDEO_COMPLETE_FRACTION;
}

/** "1 分 05 秒" / "40 秒": how long is left, as a student reads it. */
export function formatStudyWait(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return `${s} 秒`;
  const rest = s % 60;
  return rest === 0 ? `${s / 60} 分钟` : `${Math.floor(s / 60)} 分 ${String(rest).padStart(2, '0')} 秒`;
}
