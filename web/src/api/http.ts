import type { ApiErrorItem } from '@campus/shared';

/** A non-2xx answer from the API, carrying the {@link ApiErrorBody} of API.md. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly statusCode: number;
  readonly errors: ApiErrorItem[];
  /** The whole parsed body: some errors carry more than the common fields (e.g. a roster's counts). */
  readonly body: unknown;
  /** From `Retry-After` (429, or 503 when the server sheds load), in seconds. */
  readonly retryAfterSeconds: number | null;

  constructor(
    statusCode: number,
    message: string,
    errors: ApiErrorItem[],
    body: unknown,
    retryAfterSeconds: number | null,
  ) {
    super(message);
    this.statusCode = statusCode;
    this.errors = errors;
    this.body = body;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The request never got an answer: offline, server down, connection reset. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
  constructor(cause?: unknown) {
    super('无法连接服务器，请检查网络后重试', { cause });
  }
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /**
   * The caller handles 401 itself (wrong password at login, checking a stored token) instead of it
   * meaning "your session has ended".
   */
  handlesUnauthorized?: boolean;
  /** Send no token (login: a stale token from an earlier session must not get in the way). */
  anonymous?: boolean;
  /** Let the request outlive the page (sent while the page is being hidden or closed). */
  keepalive?: boolean;
  /** Extra request headers (e.g. `Prefer`). */
  headers?: Record<string, string>;
}

export interface UploadOptions {
  query?: Query;
  signal?: AbortSignal;
  /** Fraction 0–1 of the request body sent so far. */
  onProgress?: (fraction: number) => void;
}

export interface DownloadedFile {
  blob: Blob;
  filename: string;
}

interface SessionHooks {
  token(): string | null;
  /** Called when an authenticated request answers 401: the session is over. */
  onUnauthorized(): void;
  /** Called with the machine `code` of a refusal (e.g. URGENT_ALERT_PENDING), whichever page sent the request. */
  onRefusalCode?(code: string): void;
}

let session: SessionHooks = { token: () => null, onUnauthorized: () => undefined };

/** Wired once in main.ts, so this module knows nothing of stores or the router. */
export function configureHttp(hooks: SessionHooks): void {
  session = hooks;
}

const BASE = '/api';

const FALLBACK_MESSAGES: Record<number, string> = {
  400: '提交的内容有误',
  401: '登录已失效，请重新登录',
  403: '没有权限执行此操作',
  404: '请求的内容不存在',
  409: '操作与当前状态冲突，请刷新后重试',
  413: '文件太大',
  422: '文件内容有误',
  429: '操作过于频繁，请稍后再试',
};

function fallbackMessage(status: number): string {
  return FALLBACK_MESSAGES[status] ?? (status >= 500 ? `服务器出错（${status}），请稍后再试` : `请求失败（${status}）`);
}

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.append(key, String(value));
  }
  const qs = params.toString();
  return `${BASE}${path}${qs ? `?${qs}` : ''}`;
}

function authHeader(): Record<string, string> {
  const token = session.token();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

function parseRetryAfter(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function messageOf(body: unknown, status: number): string {
  if (!isRecord(body)) return fallbackMessage(status);
  const { message } = body;
  if (typeof message === 'string' && message) return message;
  // NestJS validation answers an array of messages.
  if (Array.isArray(message) && message.length > 0) return message.map(String).join('；');
  return fallbackMessage(status);
}

function errorsOf(body: unknown): ApiErrorItem[] {
  if (!isRecord(body) || !Array.isArray(body.errors)) return [];
  return body.errors.filter((e): e is ApiErrorItem => isRecord(e) && typeof e.message === 'string');
}

function failure(
  status: number,
  text: string,
  retryAfter: string | null,
  options: { handlesUnauthorized?: boolean },
): ApiError {
  const body = parseJson(text);
  if (status === 401 && !options.handlesUnauthorized && session.token()) session.onUnauthorized();
  if (isRecord(body) && typeof body.code === 'string') session.onRefusalCode?.(body.code);
  return new ApiError(status, messageOf(body, status), errorsOf(body), body, parseRetryAfter(retryAfter));
}

function success<T>(status: number, text: string): T {
  if (status === 204 || text === '') return undefined as T;
  const body = parseJson(text);
  // A body that is not JSON means something other than the API answered (e.g. a proxy page).
  if (body === undefined) throw new ApiError(status, '服务器返回了无法识别的内容', [], text, null);
  return body as T;
}

async function send(method: string, path: string, options: RequestOptions, accept: string): Promise<Response> {
  const headers: Record<string, string> = {
    Accept: accept,
    ...options.headers,
    ...(options.anonymous ? {} : authHeader()),
  };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body,
      signal: options.signal,
      keepalive: options.keepalive,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError(error);
  }
  if (!response.ok) {
    throw failure(response.status, await response.text(), response.headers.get('Retry-After'), options);
  }
  return response;
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, options, 'application/json');
  return success<T>(response.status, await response.text());
}

/** `filename*=UTF-8''…` first (Chinese names), then plain `filename="…"`. */
function filenameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition);
  return plain?.[1]?.trim() || fallback;
}

async function download(
  path: string,
  fallbackName: string,
  options: Omit<RequestOptions, 'body'> = {},
): Promise<DownloadedFile> {
  const response = await send('GET', path, options, '*/*');
  const blob = await response.blob();
  return { blob, filename: filenameFrom(response.headers.get('Content-Disposition'), fallbackName) };
}

/** A file built from what the request sends (e.g. a table of rows the page already has). */
async function downloadPost(path: string, body: unknown, fallbackName: string): Promise<DownloadedFile> {
  const response = await send('POST', path, { body }, '*/*');
  const blob = await response.blob();
  return { blob, filename: filenameFrom(response.headers.get('Content-Disposition'), fallbackName) };
}

/** multipart/form-data POST. XMLHttpRequest because fetch cannot report upload progress. */
function upload<T>(path: string, form: FormData, options: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', buildUrl(path, options.query));
    xhr.setRequestHeader('Accept', 'application/json');
    for (const [name, value] of Object.entries(authHeader())) xhr.setRequestHeader(name, value);

    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(success<T>(xhr.status, xhr.responseText));
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
        return;
      }
      reject(failure(xhr.status, xhr.responseText, xhr.getResponseHeader('Retry-After'), {}));
    };
    xhr.onerror = () => reject(new NetworkError());
    xhr.ontimeout = () => reject(new NetworkError());
    xhr.onabort = () => reject(new DOMException('上传已取消', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });

    xhr.send(form);
  });
}

/** One event of a server-sent event stream. */
export interface StreamEvent {
  event: string;
  data: string;
}

/**
 * Reads a text/event-stream answer until the server ends it (resolves) or the connection fails
 * (rejects). fetch rather than EventSource: EventSource cannot send the Authorization header.
 * Reconnecting is the caller's (see composables/use-event-stream.ts).
 */
async function eventStream(
  path: string,
  onEvent: (event: StreamEvent) => void,
  options: { query?: Query; signal?: AbortSignal } = {},
): Promise<void> {
  const response = await send('GET', path, options, 'text/event-stream');
  if (!response.body) throw new NetworkError();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<string>;
      try {
        chunk = await reader.read();
      } catch (error) {
        if (error instanceof DOMException && error.name === 'AbortError') throw error;
        throw new NetworkError(error);
      }
      if (chunk.done) return;
      buffer += chunk.value.replace(/\r\n?/g, '\n');
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let event = 'message';
        const data: string[] = [];
        for (const line of frame.split('\n')) {
          if (line.startsWith('event:')) event = line.slice(6).trim();
          else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
        }
        // Comments (heartbeats) and the retry field carry no data.
        if (data.length > 0) onEvent({ event, data: data.join('\n') });
      }
    }
  } finally {
    reader.releaseLock();
  }
}

export const http = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('PATCH', path, { ...options, body }),
  delete: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('DELETE', path, options),
  upload,
  download,
  downloadPost,
  eventStream,
};
