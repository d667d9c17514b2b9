const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-09-01 08:00` in the browser's time zone; `—` for a missing or unreadable time. */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '—';
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return '—';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** ISO-8601 with the local offset (`2026-09-01T08:00:00+08:00`), as API.md asks for times. */
export function toIsoWithOffset(date: Date): string {
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** `2026-09-01`; `—` for a missing or unreadable time. */
export function formatDate(value: string | Date | null | undefined): string {
  return formatDateTime(value).slice(0, 10);
}
