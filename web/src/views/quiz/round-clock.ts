import { onBeforeUnmount, ref, type Ref } from 'vue';

/**
 * Seconds left in a 快问 countdown by the server's clock: each update carries the server's time, so a
 * projector or phone whose own clock is off still counts down to the same instant.
 */
export function useRoundClock(): { remaining: Ref<number>; sync: (closesAt: string, serverNow: string) => void } {
  const remaining = ref(0);
  let deadline = 0;
  let offset = 0;
  const tick = () => {
    remaining.value = Math.max(0, Math.ceil((deadline - (Date.now() + offset)) / 1000));
  };
  const timer = setInterval(tick, 250);
  onBeforeUnmount(() => clearInterval(timer));
  return {
    remaining,
    sync: (closesAt, serverNow) => {
      deadline = Date.parse(closesAt);
      offset = Date.parse(serverNow) - Date.now();
      tick();
    },
  };
}
