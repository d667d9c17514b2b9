import { computed, onScopeDispose, ref, type Ref } from 'vue';

/**
 * The local clock corrected by the server's: the phone's clock may be wrong by minutes, so the time
 * left is `deadline − (local now + offset)`, where the offset was measured when the attempt loaded
 * (server time minus the midpoint of the request, which halves the effect of a slow network).
 */
export function measureClockOffset(serverNowIso: string, sentAt: number, receivedAt: number): number {
  const server = Date.parse(serverNowIso);
  if (Number.isNaN(server)) return 0;
  return server - (sentAt + receivedAt) / 2;
}

/** Whole seconds left until `deadlineIso` on the server's clock, ticking while the scope lives. */
export function useServerCountdown(
  deadlineIso: string,
  offsetMs: number,
): { remaining: Readonly<Ref<number>>; sync: () => void } {
  const deadline = Date.parse(deadlineIso);
  const now = ref(Date.now() + offsetMs);

  function sync(): void {
    now.value = Date.now() + offsetMs;
  }

  const timer = setInterval(sync, 250);
  // Timers are throttled in background tabs; catch up at once when the page is shown again.
  document.addEventListener('visibilitychange', sync);
  onScopeDispose(() => {
    clearInterval(timer);
    document.removeEventListener('visibilitychange', sync);
  });

  const remaining = computed(() => Math.max(0, Math.ceil((deadline - now.value) / 1000)));
  return { remaining, sync };
}
