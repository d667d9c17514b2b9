import { onScopeDispose, ref, shallowRef, watch } from 'vue';
import type { Page } from '@campus/shared';
import { errorMessage, isAbort } from '@/utils/error-message';

export interface PageRequest {
  page: number;
  pageSize: number;
}

/**
 * State of one paged list endpoint (`page`, `pageSize` → `{ items, total }`). A newer load cancels
 * the one in flight, so a slow answer to an old filter never overwrites a newer one.
 */
export function usePagedList<T>(
  fetchPage: (request: PageRequest, signal: AbortSignal) => Promise<Page<T>>,
  initialPageSize = 20,
) {
  const items = shallowRef<T[]>([]);
  const total = ref(0);
  const page = ref(1);
  const pageSize = ref(initialPageSize);
  const loading = ref(false);
  const error = ref<string | null>(null);
  let inFlight: AbortController | null = null;

  async function load(): Promise<void> {
    inFlight?.abort();
    const controller = new AbortController();
    inFlight = controller;
    loading.value = true;
    error.value = null;
    try {
      const result = await fetchPage({ page: page.value, pageSize: pageSize.value }, controller.signal);
      items.value = result.items;
      total.value = result.total;
    } catch (e) {
      if (!isAbort(e)) error.value = errorMessage(e);
    } finally {
      if (inFlight === controller) {
        loading.value = false;
        inFlight = null;
      }
    }
  }

  /** After the filters changed: back to page 1 and load. */
  function search(): Promise<void> {
    if (page.value === 1) return load();
    page.value = 1; // the watcher loads
    return Promise.resolve();
  }

  watch([page, pageSize], () => void load());
  onScopeDispose(() => inFlight?.abort());

  return { items, total, page, pageSize, loading, error, load, search };
}
