import { onMounted, onUnmounted } from 'vue';

export interface ClickerActions {
  next(): void;
  previous(): void;
  first(): void;
  last(): void;
  toggleFullscreen(): void;
  /** Black out the screen (presenter remotes send B or .). */
  toggleBlank(): void;
  /** Show or hide the 互动提问's reference answer (A or Enter). */
  toggleAnswer(): void;
  /** Show or hide the teacher's 讲解要点 (N, as in presenter notes). */
  toggleNotes(): void;
}

/**
 * Keyboard and presenter-remote navigation. Remotes send PageDown/PageUp (some the arrow keys), and a
 * keyboard user expects space, arrows, Home/End, F for full screen and B for a black screen; A (or
 * Enter) shows the answer of the 互动提问, N the teacher's 讲解要点.
 */
const KEYS: Record<string, keyof ClickerActions> = {
  ArrowRight: 'next',
  ArrowDown: 'next',
  PageDown: 'next',
  ' ': 'next',
  ArrowLeft: 'previous',
  ArrowUp: 'previous',
  PageUp: 'previous',
  Backspace: 'previous',
  Home: 'first',
  End: 'last',
  f: 'toggleFullscreen',
  F: 'toggleFullscreen',
  b: 'toggleBlank',
  B: 'toggleBlank',
  '.': 'toggleBlank',
  a: 'toggleAnswer',
  A: 'toggleAnswer',
  Enter: 'toggleAnswer',
  n: 'toggleNotes',
  N: 'toggleNotes',
};

export function useClickerKeys(actions: ClickerActions): void {
  function onKey(event: KeyboardEvent): void {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const action = KEYS[event.key];
    if (!action) return;
    // Space would also press a focused button; the slide moves once.
    event.preventDefault();
    actions[action]();
  }
  onMounted(() => window.addEventListener('keydown', onKey));
  onUnmounted(() => window.removeEventListener('keydown', onKey));
}
