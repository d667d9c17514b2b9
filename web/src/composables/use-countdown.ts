import { computed, onScopeDispose, ref } from 'vue';

/** Whole seconds down to zero, e.g. a Retry-After wait. */
export function useCountdown() {
  const remaining = ref(0);
  let timer: ReturnType<typeof setInterval> | undefined;

  function stop(): void {
    clearInterval(timer);
    timer = undefined;
  }

  function start(seconds: number): void {
    stop();
    const endsAt = Date.now() + seconds * 1000;
    remaining.value = Math.max(0, Math.ceil(seconds));
    timer = setInterval(() => {
      remaining.value = Math.max(0, Math.ceil((endsAt - Date.now()) / 1000));
      if (remaining.value === 0) stop();
    }, 250);
  }

  onScopeDispose(stop);

  return { remaining, running: computed(() => remaining.value > 0), start, stop };
}
