import { computed, onScopeDispose, ref } from 'vue';

/**
 * Counts down the time the server still asks a student to spend on a lesson before it accepts it
 * as completed (`remainingSeconds` of each progress answer). Counted from when the answer arrived,
 * so a slow clock on the phone does not matter; a late tap at worst waits a second longer.
 */
export function useStudyCountdown() {
  const readyAt = ref(Date.now());
  const now = ref(Date.now());
  const timer = setInterval(() => {
    now.value = Date.now();
  }, 1000);
  onScopeDispose(() => clearInterval(timer));

  const secondsLeft = computed(() => Math.max(0, Math.ceil((readyAt.value - now.value) / 1000)));

  function set(remainingSeconds: number): void {
    now.value = Date.now();
    readyAt.value = now.value + remainingSeconds * 1000;
  }

  return { readyAt, secondsLeft, set };
}
