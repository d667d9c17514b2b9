import { vi } from 'vitest';

/** A request the code under test made, answered when the test decides. */
export interface PendingRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  keepalive: boolean;
  respond(status: number, body?: unknown, headers?: Record<string, string>): void;
  /** Answers with a body that is not JSON (e.g. a proxy's HTML page). */
  respondText(status: number, text: string): void;
  /** The connection drops: fetch rejects as it does offline. */
  fail(): void;
}

/**
 * Replaces `fetch` with one whose every request waits in `requests` until the test answers it, so
 * a test controls exactly what is in flight and in which order answers arrive.
 */
export function installFakeFetch() {
  const requests: PendingRequest[] = [];
  const fetchMock = vi.fn((input: string, init: RequestInit = {}) => {
    return new Promise<Response>((resolve, reject) => {
      const headers = { ...(init.headers as Record<string, string> | undefined) };
      const pending: PendingRequest = {
        method: init.method ?? 'GET',
        url: input,
        headers,
        body: typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
        keepalive: init.keepalive ?? false,
        respond(status, body, responseHeaders = {}) {
          const text = body === undefined ? null : JSON.stringify(body);
          resolve(new Response(status === 204 ? null : text, { status, headers: responseHeaders }));
        },
        respondText(status, text) {
          resolve(new Response(text, { status, headers: { 'Content-Type': 'text/html' } }));
        },
        fail() {
          reject(new TypeError('Failed to fetch'));
        },
      };
      init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      requests.push(pending);
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return {
    requests,
    /** Takes the oldest unanswered request, failing the test if there is none. */
    next(): PendingRequest {
      const request = requests.shift();
      if (!request) throw new Error('expected a request, none was made');
      return request;
    },
  };
}
