import { readonly, ref, type Ref } from 'vue';

/** Phones and narrow tablets; above this the desktop layout (side menu, tables) is used. */
export const MOBILE_QUERY = '(max-width: 768px)';

let shared: Ref<boolean> | null = null;

/** One media-query listener for the whole app, however many components ask. */
export function useIsMobile(): Readonly<Ref<boolean>> {
  if (!shared) {
    const query = window.matchMedia(MOBILE_QUERY);
    const state = ref(query.matches);
    query.addEventListener('change', (event) => {
      state.value = event.matches;
    });
    shared = state;
  }
  return readonly(shared);
}
