import { onScopeDispose, ref } from 'vue';
import type { LessonProgressDto, LessonProgressInput } from '@campus/shared';
import { saveLessonProgress } from '@/api/courses';
import { ApiError } from '@/api/http';
import { errorMessage } from '@/utils/error-message';

const SAVE_EVERY_MS = 8000;

/**
 * Reports a lesson's progress without a request per scroll or per second of video: changes are
 * merged and sent every few seconds, at once for a completion, and with keepalive when the page is
 * hidden or left. The server only moves values forward, so a retried or late report is harmless.
 * A completion the server finds implausible (too soon after opening) is refused with 409: that goes
 * to `onRefused` with the server's message, which says how long is left.
 */
export function useProgressSaver(
  onSaved: (progress: LessonProgressDto) => void,
  onRefused?: (message: string) => void,
) {
  const error = ref<string | null>(null);
  /** Whether `error` is the server refusing the report (4xx) rather than a save that failed. */
  const refused = ref(false);
  let lessonId: number | null = null;
  let pending: LessonProgressInput | null = null;
  let sending: Promise<void> | null = null;

  /** Moving to another lesson: what is pending for the one before is sent for it first. */
  async function setLesson(id: number): Promise<void> {
    if (id === lessonId) return;
    await flush();
    lessonId = id;
    pending = null;
    error.value = null;
  }

  function queue(patch: LessonProgressInput): void {
    pending = { ...pending, ...patch };
  }

  async function flush(options: { keepalive?: boolean } = {}): Promise<void> {
    if (sending) await sending;
    if (!pending || lessonId === null) return;
    const id = lessonId;
    const body = pending;
    pending = null;
    sending = (async () => {
      try {
        onSaved(await saveLessonProgress(id, body, options));
        error.value = null;
        refused.value = false;
      } catch (e) {
        // Kept for the next attempt, under anything newer, unless the server refused it for good
        // (4xx) or the student has moved on.
        refused.value = e instanceof ApiError && e.statusCode < 500;
        if (lessonId === id && !refused.value) pending = { ...body, ...(pending as LessonProgressInput | null) };
        // A refusal (e.g. 还需学习约 40 秒) is the server's sentence as it is; the rest is a save that failed.
        error.value = refused.value ? errorMessage(e) : `学习进度暂未保存：${errorMessage(e)}`;
        if (refused.value && lessonId === id) onRefused?.(error.value);
      } finally {
        sending = null;
      }
    })();
    await sending;
  }

  const timer = setInterval(() => void flush(), SAVE_EVERY_MS);
  const onHidden = () => {
    if (document.visibilityState === 'hidden') void flush({ keepalive: true });
  };
  const onPageHide = () => void flush({ keepalive: true });
  document.addEventListener('visibilitychange', onHidden);
  window.addEventListener('pagehide', onPageHide);
  onScopeDispose(() => {
    clearInterval(timer);
    document.removeEventListener('visibilitychange', onHidden);
    window.removeEventListener('pagehide', onPageHide);
    void flush({ keepalive: true });
  });

  return { setLesson, queue, flush, error, refused };
}
