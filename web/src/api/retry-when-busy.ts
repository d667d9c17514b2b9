import { ApiError } from './http';

/**
 * Runs `call`; while the server answers 503 or 429 with Retry-After (it is shedding load: a whole
 * school's phones at one 课堂快问 bell), waits as long as it asked and tries again, for as long as
 * the answer can still arrive before `deadline` (ms since the epoch). `onWait` hears each pause, so
 * the page can say it is queueing rather than failing. Anything else is thrown at once.
 */
export async function retryWhenBusy<T>(
  call: () => Promise<T>,
  deadline: () => number,
  onWait: (seconds: number) => void = () => undefined,
): Promise<T> {
  for (;;) {
    try {
      return await call();
    } catch (error) {
      const busy = error instanceof ApiError && (error.statusCode === 503 || error.statusCode === 429);
      const seconds = busy ? error.retryAfterSeconds : null;
      if (seconds === null || Date.now() + seconds * 1000 >= deadline()) throw error;
      onWait(seconds);
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    }
  }
}
