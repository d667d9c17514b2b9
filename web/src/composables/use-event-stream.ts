import { getCurrentScope, onScopeDispose, readonly, ref } from 'vue';
import { ApiError, http, type Query } from '@/api/http';
import { errorMessage } from '@/utils/error-message';

/** connecting: opening; live: events arriving; retrying: lost, reconnecting by itself; stopped: refused for good. */
export type StreamState = 'connecting' | 'live' | 'retrying' | 'stopped';

const RETRY_MS = [1000, 2000, 5000, 10_000];

/**
 * Follows a server-sent event stream of the API for as long as the calling component lives: each
 * `event` is parsed and handed to `onData`; when the server ends the stream (it does every few
 * minutes) or the network drops, it reconnects by itself, backing off; a refusal (403, 404) stops it
 * with the server's message. `restart()` reconnects with a new query (e.g. another college chosen).
 */
export function useEventStream<T>(path: () => string, query: () => Query, event: string, onData: (data: T) => void) {
  const state = ref<StreamState>('connecting');
  const problem = ref<string | null>(null);
  let controller: AbortController | null = null;
  let generation = 0;

  async function run(mine: number): Promise<void> {
    let failures = 0;
    while (mine === generation) {
      controller = new AbortController();
      state.value = failures === 0 ? 'connecting' : 'retrying';
      try {
        await http.eventStream(
          path(),
          (e) => {
            if (e.event === event) {
              failures = 0;
              state.value = 'live';
              problem.value = null;
              onData(JSON.parse(e.data) as T);
            } else if (e.event === 'problem') {
              problem.value = (JSON.parse(e.data) as { message?: string }).message ?? '实时数据暂时无法刷新';
            }
          },
          { query: query(), signal: controller.signal },
        );
      } catch (error) {
        if (mine !== generation) return;
        const refused =
          error instanceof ApiError &&
          error.statusCode >= 400 &&
          error.statusCode < 500 &&
          error.statusCode !== 429 &&
          error.statusCode !== 408;
        problem.value = errorMessage(error);
        if (refused) {
          state.value = 'stopped';
          return;
        }
        failures += 1;
      }
      if (mine !== generation) return;
      state.value = 'retrying';
      const wait = RETRY_MS[Math.min(failures, RETRY_MS.length - 1)]!;
      await new Promise((resolve) => setTimeout(resolve, failures === 0 ? 500 : wait));
    }
  }

  function stop(): void {
    generation += 1;
    controller?.abort();
    controller = null;
  }

  function restart(): void {
    stop();
    void run(generation);
  }

  // Called from a component's setup, it ends with the component; otherwise the caller stops it.
  if (getCurrentScope()) onScopeDispose(stop);
  restart();
  return { state: readonly(state), problem: readonly(problem), restart, stop };
}
