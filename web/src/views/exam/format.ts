function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** "6月1日 08:00", with the year when it is not this year. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const year = date.getFullYear() === new Date().getFullYear() ? '' : `${date.getFullYear()}年`;
  return `${year}${date.getMonth() + 1}月${date.getDate()}日 ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** "09:05" today, else as {@link formatDateTime}. */
export function formatDeadline(iso: string): string {
  const date = new Date(iso);
  if (date.toDateString() !== new Date().toDateString()) return formatDateTime(iso);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function formatWindow(opensAt: string, closesAt: string): string {
  return `${formatDateTime(opensAt)} – ${formatDateTime(closesAt)}`;
}

/** "12:05" or "1:02:05" for a countdown. */
export function formatClock(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}

/** Scores may be fractional (100 ÷ 30 questions): at most one decimal, no trailing zero. */
export function formatScore(score: number | null): string {
  if (score === null) return '—';
  return String(Math.round(score * 10) / 10);
}
