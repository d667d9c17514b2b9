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
 */
export function useProgressSaver(onSaved: (progress: LessonProgressDto) => void) {
  const error = ref<string | null>(null);
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
      } catch (e) {
        // Kept for the next attempt, under anything newer, unless the server refused it for good
        // (4xx) or the student has moved on.
        const refused = e instanceof ApiError && e.statusCode < 500;
        if (lessonId === id && !refused) pending = { ...body, ...(pending as LessonProgressInput | null) };
        error.value = `学习进度暂未保存：${errorMessage(e)}`;
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

  return { setLesson, queue, flush, error };
}
