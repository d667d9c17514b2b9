import type { LocationQueryValue } from 'vue-router';

/** The `redirect` query of the login pages, accepted only as a path inside this app. */
export function safeRedirect(value: LocationQueryValue | LocationQueryValue[] | undefined, fallback = '/'): string {
  const path = Array.isArray(value) ? value[0] : value;
  if (typeof path !== 'string' || !path.startsWith('/') || path.startsWith('//')) return fallback;
  return path;
}
