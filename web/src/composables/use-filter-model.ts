import { type Ref } from 'vue';

/**
 * Edits of a filter bar's model: a picked option searches at once, typing in the keyword box
 * searches once the user pauses (`delayMs`).
 */
export function useFilterModel<T extends { q: string }>(filters: Ref<T>, search: () => void, delayMs = 350) {
  function update(patch: Partial<T>): void {
    filters.value = { ...filters.value, ...patch };
    search();
  }

  let typing: ReturnType<typeof setTimeout> | undefined;
  function changeQuery(q: string): void {
    filters.value = { ...filters.value, q };
    clearTimeout(typing);
    typing = setTimeout(search, delayMs);
  }

  return { update, changeQuery };
}
