import { onScopeDispose } from 'vue';
import type { LeaveEventResult } from '@campus/shared';
import { reportLeave } from '@/api/exams';

interface LeaveReportingOptions {
  attemptId: number;
  /** False once the attempt is over: leaving the result is not 切屏. */
  active: () => boolean;
  /** Runs first, e.g. to send unsaved answers before the page may be gone. */
  beforeReport: () => void;
  onReported: (result: LeaveEventResult) => void;
}

/**
 * 切屏: each time the page is hidden (another app, another tab, the phone locked) or closed during an
 * attempt, the server is told once; being hidden and then closed counts once. The requests use
 * keepalive so they still go out when the page is being closed.
 */
export function useLeaveReporting(options: LeaveReportingOptions): void {
  let away = false;

  function left(): void {
    if (away || !options.active()) return;
    away = true;
    options.beforeReport();
    reportLeave(options.attemptId, { keepalive: true })
      .then((result) => options.onReported(result))
      .catch(() => {
        // Offline: the event cannot be recorded; the attempt itself is unaffected.
      });
  }

  function onVisibility(): void {
    if (document.visibilityState === 'hidden') left();
    else away = false;
  }

  function onPageShow(): void {
    away = false;
  }

  document.addEventListener('visibilitychange', onVisibility);
  window.addEventListener('pagehide', left);
  window.addEventListener('pageshow', onPageShow);
  onScopeDispose(() => {
    document.removeEventListener('visibilitychange', onVisibility);
    window.removeEventListener('pagehide', left);
    window.removeEventListener('pageshow', onPageShow);
  });
}
