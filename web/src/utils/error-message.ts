import { ApiError, NetworkError } from '@/api/http';

/** A sentence in Chinese for any failure, for ElMessage or an inline alert. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError || error instanceof NetworkError) return error.message;
  return '操作失败，请稍后重试';
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
