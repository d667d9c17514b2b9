import type { AttemptSession } from '@campus/shared';
import { getAttempt, startAttempt } from '@/api/exams';

export type OpenedAttempt =
  | { kind: 'submitted'; attemptId: number }
  /** The attempt in progress, and when the start request left and its answer came (for the clock offset). */
  | { kind: 'session'; session: AttemptSession; sentAt: number; receivedAt: number };

export interface AttemptTarget {
  examId?: number;
  attemptId?: number;
}

/**
 * Starts or resumes: with `attemptId` (a reload), first asks whether it was submitted meanwhile;
 * then POST start, which answers the attempt in progress with its saved answers and the server's clock.
 */
export async function openAttempt(target: AttemptTarget): Promise<OpenedAttempt> {
  let examId = target.examId;
  if (target.attemptId !== undefined) {
    const detail = await getAttempt(target.attemptId);
    if (detail.status === 'submitted') return { kind: 'submitted', attemptId: detail.attemptId };
    examId = detail.examId;
  }
  if (examId === undefined) throw new Error('missing exam');
  const sentAt = Date.now();
  const session = await startAttempt(examId);
  return { kind: 'session', session, sentAt, receivedAt: Date.now() };
}

/** How long a prefetched answer waits for its page before it is considered stale. */
const PREFETCH_TTL_MS = 15_000;
let prefetched: { key: string; at: number; promise: Promise<OpenedAttempt> } | null = null;

function keyOf(target: AttemptTarget): string {
  return `${target.examId ?? ''}/${target.attemptId ?? ''}`;
}

/**
 * Called by the router as the navigation begins, so the attempt's requests travel while the
 * screen's code downloads (on a phone network, two round trips the first question no longer waits
 * for). Opening the exam screen is the intent to start: the server checks everything a start needs.
 */
export function prefetchAttempt(target: AttemptTarget): void {
  const promise = openAttempt(target);
  promise.catch(() => undefined); // the page reports failures when it takes the answer
  prefetched = { key: keyOf(target), at: Date.now(), promise };
}

/** The prefetched answer for this page, once; null when there is none (or it is stale). */
export function takePrefetchedAttempt(target: AttemptTarget): Promise<OpenedAttempt> | null {
  const taken = prefetched;
  prefetched = null;
  if (!taken || taken.key !== keyOf(target) || Date.now() - taken.at > PREFETCH_TTL_MS) return null;
  return taken.promise;
}
