import { onScopeDispose, ref } from 'vue';

/**
 * The browser's full-screen mode for the projector. Browsers allow entering it only from a tap or a
 * key press, so callers call enter() from an event handler; a refusal is ignored (the page still fills
 * the window).
 */
export function useFullscreen() {
  const active = ref(document.fullscreenElement !== null);
  const sync = () => {
    active.value = document.fullscreenElement !== null;
  };
  document.addEventListener('fullscreenchange', sync);
  onScopeDispose(() => document.removeEventListener('fullscreenchange', sync));

  async function enter(): Promise<void> {
    if (document.fullscreenElement || !canRequestFullscreen()) return;
    await document.documentElement.requestFullscreen().catch(() => undefined);
  }

  async function exit(): Promise<void> {
    if (document.fullscreenElement) await document.exitFullscreen().catch(() => undefined);
  }

  function toggle(): Promise<void> {
    return active.value ? exit() : enter();
  }

  return { active, enter, exit, toggle };
}

/** For a page that opens the presentation from a tap: full screen must be asked for in that tap. */
export function enterFullscreenFromTap(): void {
  if (!document.fullscreenElement && canRequestFullscreen()) {
    document.documentElement.requestFullscreen().catch(() => undefined);
  }
}

/** iPhone Safari has no element full screen at all, whatever the DOM typings say. */
function canRequestFullscreen(): boolean {
  const root: { requestFullscreen?: unknown } = document.documentElement;
  return typeof root.requestFullscreen === 'function';
}
