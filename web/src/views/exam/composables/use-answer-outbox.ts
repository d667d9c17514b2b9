import { computed, onScopeDispose, reactive, ref } from 'vue';
import type { AttemptQuestion } from '@campus/shared';
import { saveAnswer } from '@/api/exams';
import { ApiError, NetworkError } from '@/api/http';
import { normaliseChoice } from '../option-labels';

/** What each navigator cell shows. */
export type AnswerState = 'answered' | 'unanswered' | 'saving' | 'error';

export type SaveProblem =
  /** No connection: answers wait on this device and are resent when it returns. */
  | { kind: 'offline' }
  /** The server is failing (5xx, 429): likewise kept and resent. */
  | { kind: 'server' }
  /** 409: the attempt no longer takes answers (submitted, or past its deadline). Saving stops. */
  | { kind: 'closed'; message: string }
  /** Refused for another reason (400/403/404): not retried on its own. */
  | { kind: 'rejected'; message: string };

const STORAGE_PREFIX = 'campus-antifraud.exam-outbox.';
/** Every choice is saved this long after the last tap on the question (a multiple choice takes several). */
const DEBOUNCE_MS = 250;
const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 30_000;
/** A save that has not answered by then is treated as lost and retried (slow 4G can hang). */
const REQUEST_TIMEOUT_MS = 15_000;
/** Outboxes of attempts left this long ago are of no use any more (the attempt is long over). */
const STALE_MS = 3 * 24 * 3600 * 1000;

interface StoredOutbox {
  savedAt: number;
  answers: Record<string, string[]>;
}

function storageKey(attemptId: number): string {
  return `${STORAGE_PREFIX}${attemptId}`;
}

function isStoredOutbox(value: unknown): value is StoredOutbox {
  if (typeof value !== 'object' || value === null) return false;
  const { savedAt, answers } = value as Partial<Record<keyof StoredOutbox, unknown>>;
  if (typeof savedAt !== 'number' || typeof answers !== 'object' || answers === null) return false;
  return Object.values(answers).every((keys) => Array.isArray(keys) && keys.every((k) => typeof k === 'string'));
}

function readStored(key: string): StoredOutbox | null {
  try {
    const raw = localStorage.getItem(key);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    return isStoredOutbox(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

function pruneStale(keep: string): void {
  try {
    for (let i = localStorage.length - 1; i >= 0; i--) {
      const key = localStorage.key(i);
      if (!key?.startsWith(STORAGE_PREFIX) || key === keep) continue;
      const stored = readStored(key);
      if (!stored || Date.now() - stored.savedAt > STALE_MS) localStorage.removeItem(key);
    }
  } catch {
    // Storage unavailable (private mode): nothing to prune.
  }
}

/** Forgets the local copy of an attempt's answers (after it was submitted). */
export function discardOutbox(attemptId: number): void {
  try {
    localStorage.removeItem(storageKey(attemptId));
  } catch {
    // Storage unavailable.
  }
}

function isTransient(error: unknown): boolean {
  if (error instanceof NetworkError) return true;
  return error instanceof ApiError && (error.statusCode >= 500 || error.statusCode === 429 || error.statusCode === 408);
}

/**
 * The answers of one attempt and their way to the server. Every change is written at once to an
 * outbox kept in memory and in localStorage (keyed by attempt), then PUT after a short debounce; an
 * answer leaves the outbox only when the server has acknowledged that very choice. So a reload, a
 * closed browser or a dropped network never loses a choice: what is still in the outbox is merged
 * over the server's answers on resume (the local, unsent choice is newer) and sent again, with
 * backoff, until it gets through or the attempt closes (409).
 */
export function useAnswerOutbox(
  attemptId: number,
  questions: readonly AttemptQuestion[],
  serverAnswers: Record<string, string[]>,
) {
  const key = storageKey(attemptId);
  const byId = new Map(questions.map((q) => [q.id, q]));

  /** What the student has chosen, as shown. */
  const answers = reactive<Record<number, string[]>>({});
  /** Chosen but not yet acknowledged by the server. */
  const unsent = reactive<Record<number, string[]>>({});
  const failed = reactive(new Set<number>());
  const problem = ref<SaveProblem | null>(null);
  const closed = computed(() => problem.value?.kind === 'closed');

  const revisions = new Map<number, number>();
  const debounceTimers = new Map<number, ReturnType<typeof setTimeout>>();
  const requests = new Map<number, Promise<void>>();
  const rejected = new Set<number>();
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let retryStep = 0;

  function persist(): void {
    try {
      const entries = Object.entries(unsent);
      if (entries.length === 0) localStorage.removeItem(key);
      else
        localStorage.setItem(
          key,
          JSON.stringify({ savedAt: Date.now(), answers: Object.fromEntries(entries) } satisfies StoredOutbox),
        );
    } catch {
      // Storage full or unavailable: the outbox still lives in memory.
    }
  }

  function unsentIds(): number[] {
    return Object.keys(unsent).map(Number);
  }

  function clearDebounce(questionId: number): void {
    clearTimeout(debounceTimers.get(questionId));
    debounceTimers.delete(questionId);
  }

  function stopEverything(): void {
    for (const id of debounceTimers.keys()) clearDebounce(id);
    clearTimeout(retryTimer);
    retryTimer = undefined;
  }

  function scheduleRetry(afterSeconds: number | null): void {
    if (retryTimer !== undefined || closed.value) return;
    const backoff = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** retryStep);
    const delay = afterSeconds !== null ? afterSeconds * 1000 : backoff * (0.8 + Math.random() * 0.4);
    retryStep += 1;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      sendAll();
    }, delay);
  }

  function onSaved(): void {
    retryStep = 0;
    if (problem.value?.kind === 'offline' || problem.value?.kind === 'server') {
      problem.value = null;
      // The connection is back: resend the others now rather than at their backoff.
      clearTimeout(retryTimer);
      retryTimer = undefined;
      sendAll();
    }
  }

  function onFailed(questionId: number, error: unknown): void {
    if (error instanceof ApiError && error.statusCode === 409) {
      problem.value = { kind: 'closed', message: error.message };
      for (const id of unsentIds()) failed.add(id);
      stopEverything();
      return;
    }
    failed.add(questionId);
    // 401: the session is over; the client is already taking the student to the login page and
    // the outbox waits in localStorage for the resume.
    if (error instanceof ApiError && error.statusCode === 401) return;
    if (isTransient(error)) {
      problem.value = error instanceof NetworkError ? { kind: 'offline' } : { kind: 'server' };
      scheduleRetry(error instanceof ApiError ? error.retryAfterSeconds : null);
      return;
    }
    rejected.add(questionId);
    problem.value = { kind: 'rejected', message: error instanceof Error ? error.message : '答案未能保存' };
  }

  function send(questionId: number, keepalive = false): Promise<void> {
    clearDebounce(questionId);
    const pending = requests.get(questionId);
    // One request per question at a time, so they cannot arrive out of order; a newer choice
    // made meanwhile is sent when this one answers.
    if (pending) return pending;
    const choice = unsent[questionId];
    if (!choice || closed.value) return Promise.resolve();
    const revision = revisions.get(questionId) ?? 0;
    const signal = keepalive ? undefined : AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    const request = saveAnswer(attemptId, questionId, [...choice], { keepalive, signal })
      .then(
        () => {
          failed.delete(questionId);
          rejected.delete(questionId);
          if (problem.value?.kind === 'rejected' && rejected.size === 0) problem.value = null;
          if (revisions.get(questionId) === revision) {
            delete unsent[questionId];
            persist();
          }
          onSaved();
        },
        (error: unknown) => onFailed(questionId, error),
      )
      .finally(() => {
        requests.delete(questionId);
        const changedMeanwhile = unsent[questionId] !== undefined && revisions.get(questionId) !== revision;
        if (changedMeanwhile && !failed.has(questionId) && !debounceTimers.has(questionId)) void send(questionId);
      });
    requests.set(questionId, request);
    return request;
  }

  function sendAll(keepalive = false): void {
    for (const id of unsentIds()) {
      if (!rejected.has(id)) void send(id, keepalive);
    }
  }

  /** The student chose `keys` for a question. */
  function choose(questionId: number, keys: string[]): void {
    const question = byId.get(questionId);
    if (!question || closed.value) return;
    const choice = normaliseChoice(question.options, keys);
    answers[questionId] = choice;
    unsent[questionId] = choice;
    revisions.set(questionId, (revisions.get(questionId) ?? 0) + 1);
    failed.delete(questionId);
    rejected.delete(questionId);
    persist();
    clearDebounce(questionId);
    // Offline, a tap does not wait for the backoff: it may be the moment the network is back.
    debounceTimers.set(
      questionId,
      setTimeout(() => void send(questionId), DEBOUNCE_MS),
    );
  }

  /**
   * Sends everything now and waits; true when the outbox is empty. Stops at the first failure
   * (the retries carry on in the background) or after `timeoutMs`.
   */
  async function flush(timeoutMs: number): Promise<boolean> {
    const end = Date.now() + timeoutMs;
    retryStep = 0;
    for (;;) {
      if (closed.value) return false;
      const ids = unsentIds().filter((id) => !rejected.has(id));
      if (ids.length === 0) return unsentIds().length === 0;
      const left = end - Date.now();
      if (left <= 0) return false;
      const round = ids.map((id) => send(id));
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, left);
      });
      await Promise.race([Promise.allSettled(round), timeout]);
      clearTimeout(timer);
      if (ids.some((id) => failed.has(id))) return false;
    }
  }

  /** The page is being hidden or closed: send what is waiting with requests that outlive it. */
  function sendBeforeLeaving(): void {
    if (!closed.value) sendAll(true);
  }

  function stateOf(questionId: number): AnswerState {
    if (failed.has(questionId)) return 'error';
    if (unsent[questionId] !== undefined) return 'saving';
    return (answers[questionId]?.length ?? 0) > 0 ? 'answered' : 'unanswered';
  }

  /** The attempt is over: no more saving, and the local copy is of no further use. */
  function dispose(): void {
    stopEverything();
    for (const id of unsentIds()) delete unsent[id];
    discardOutbox(attemptId);
  }

  function onOnline(): void {
    if (closed.value) return;
    clearTimeout(retryTimer);
    retryTimer = undefined;
    retryStep = 0;
    sendAll();
  }

  function onOffline(): void {
    if (!closed.value) problem.value = { kind: 'offline' };
  }

  // Resume: the server's answers, then whatever this device chose but could not send.
  for (const question of questions) {
    answers[question.id] = normaliseChoice(question.options, serverAnswers[String(question.id)] ?? []);
  }
  const stored = readStored(key);
  for (const [id, keys] of Object.entries(stored?.answers ?? {})) {
    const question = byId.get(Number(id));
    if (!question) continue;
    const choice = normaliseChoice(question.options, keys);
    answers[question.id] = choice;
    unsent[question.id] = choice;
    revisions.set(question.id, 1);
  }
  pruneStale(key);
  sendAll();

  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);
  onScopeDispose(() => {
    stopEverything();
    window.removeEventListener('online', onOnline);
    window.removeEventListener('offline', onOffline);
  });

  const unsentCount = computed(() => Object.keys(unsent).length);

  return { answers, problem, closed, unsentCount, choose, flush, sendBeforeLeaving, stateOf, dispose };
}
