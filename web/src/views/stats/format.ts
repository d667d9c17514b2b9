/** 0.8333 → "83.3%"; null → "—". */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '—';
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/** A change in fraction points: +0.05 → "+5.0"; the unit (百分点) is shown beside it. */
export function formatChange(change: number): string {
  const points = Math.round(change * 1000) / 10;
  if (points === 0) return '0.0';
  return `${points > 0 ? '+' : ''}${points.toFixed(1)}`;
}

export function changeClass(change: number): string {
  if (Math.round(change * 1000) === 0) return 'is-flat';
  return change > 0 ? 'is-up' : 'is-down';
}

export function formatScore(score: number | null | undefined): string {
  return score === null || score === undefined ? '—' : String(score);
}

/** Percent for a chart axis, one decimal. */
export function toPercent(rate: number | null): number | null {
  return rate === null ? null : Math.round(rate * 1000) / 10;
}
