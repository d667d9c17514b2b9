import { ref } from 'vue';

/** The longest step between two timeupdate events that still counts as playing, not a skip. */
const MAX_STEP_SECONDS = 2;

/**
 * Seconds of a video actually played: the sum of small forward steps of currentTime while playing.
 * Dragging the slider forward (a seek) adds nothing, so skipping to the end does not count as
 * watching it. `base` is what the server already recorded.
 */
export function useWatchTime(base: number) {
  const watched = ref(base);
  let last: number | null = null;

  function onTimeUpdate(video: HTMLVideoElement): void {
    const now = video.currentTime;
    if (last !== null && !video.paused && !video.seeking) {
      const step = now - last;
      if (step > 0 && step <= MAX_STEP_SECONDS * Math.max(1, video.playbackRate)) watched.value += step;
    }
    last = now;
  }

  /** After a seek or a reload of the source, start counting from where the player now is. */
  function resetFrom(video: HTMLVideoElement): void {
    last = video.currentTime;
  }

  return { watched, onTimeUpdate, resetFrom };
}
