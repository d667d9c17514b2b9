import { HttpException, HttpStatus } from '@nestjs/common';
import type { ApiErrorBody, ApiErrorItem } from '@campus/shared';
import { POOL_BUSY_CODES } from '../../database/pool-guard';

const DEFAULT_MESSAGES: Record<number, string> = {
  400: '请求参数有误',
  401: '请先登录',
  403: '没有权限执行此操作',
  404: '请求的资源不存在',
  405: '不支持该请求方法',
  406: '不支持该请求格式',
  408: '请求超时',
  409: '操作与当前状态冲突',
  413: '上传内容过大',
  415: '不支持的内容类型',
  422: '文件内容无法处理',
  429: '请求过于频繁，请稍后再试',
  500: '服务器内部错误，请稍后重试',
  503: '服务暂时不可用，请稍后重试',
};

const CJK = /[\u4e00-\u9fff]/;

/**
 * Errors Fastify and its plugins raise before a handler runs, by code: their own messages are
 * English (and sometimes echo the request), so the answer says it in Chinese instead.
 */
const FRAMEWORK_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: '请求体不是合法的 JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: '请求体为空：声明了 JSON 格式却没有内容',
  FST_ERR_CTP_BODY_TOO_LARGE: '请求内容超过此接口的大小上限',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: '不支持的内容类型：请以 application/json 提交（上传文件用 multipart/form-data）',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: '请求长度与实际内容不符',
  FST_ERR_CTP_INVALID_TYPE: '请求的 Content-Type 不合法',
  FST_ERR_BAD_URL: '请求地址不合法：含有无法解码的字符',
  FST_ERR_ASYNC_CONSTRAINT: '请求地址不合法',
  FST_REQ_FILE_TOO_LARGE: '上传内容过大',
  FST_PARTS_LIMIT: '上传的表单项过多',
  FST_FILES_LIMIT: '一次只能上传一个文件',
  FST_FIELDS_LIMIT: '上传的表单字段过多',
  FST_PROTO_VIOLATION: '上传的表单含有不允许的字段名',
  FST_INVALID_MULTIPART_CONTENT_TYPE: '请以 multipart/form-data 上传文件',
};

export interface MappedError {
  status: number;
  body: ApiErrorBody;
  retryAfterSeconds?: number;
  /** Unexpected: log it with its stack. */
  unexpected: boolean;
  /** The database could not be reached: worth a warning in the log. */
  databaseDown?: boolean;
}

/** Driver error codes that mean "the database is not reachable right now", not "your input is bad". */
const DB_UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_LOCK_WAIT_TIMEOUT',
  'POOL_CLOSED',
  'SQLITE_BUSY',
]);

function chinese(message: unknown, status: number): string {
  if (typeof message === 'string' && CJK.test(message)) return message;
  if (Array.isArray(message) && typeof message[0] === 'string' && CJK.test(message[0])) return message.join('；');
  return DEFAULT_MESSAGES[status] ?? (status >= 500 ? DEFAULT_MESSAGES[500]! : DEFAULT_MESSAGES[400]!);
}

/** The Chinese message for an error Fastify raised itself, found on it or on its cause. */
function frameworkMessage(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | null;
  for (const code of [e?.code, e?.cause?.code]) {
    if (typeof code === 'string' && FRAMEWORK_MESSAGES[code]) return FRAMEWORK_MESSAGES[code];
  }
  if (error instanceof SyntaxError || e?.cause instanceof SyntaxError)
    return FRAMEWORK_MESSAGES.FST_ERR_CTP_INVALID_JSON_BODY;
  return undefined;
}

function errorCode(error: unknown): string | undefined {
  const e = error as
    { code?: unknown; driverError?: { code?: unknown }; cause?: { code?: unknown } } | null | undefined;
  const code = e?.driverError?.code ?? e?.code ?? e?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Turns anything thrown while serving a request into API.md's error body. Only the unexpected
 * becomes 500, and its details stay in the log, never in the answer.
 */
export function mapError(error: unknown): MappedError {
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const r = (typeof response === 'object' ? response : { message: response }) as {
      message?: unknown;
      errors?: ApiErrorItem[];
      retryAfterSeconds?: number;
      [k: string]: unknown;
    };
    const { message, errors, retryAfterSeconds, statusCode: _s, error: _e, ...extra } = r;
    const ownMessage = typeof message === 'string' && CJK.test(message) ? message : frameworkMessage(error);
    const body: ApiErrorBody & Record<string, unknown> = {
      statusCode: status,
      message: ownMessage ?? chinese(message, status),
      ...extra,
    };
    if (errors) body.errors = errors;
    return { status, body, retryAfterSeconds, unexpected: false };
  }

  const code = errorCode(error);
  // A transaction that kept losing to others (a deadlock, or a Galera certification conflict after
  // the save path's own retries): nothing is wrong with the request, it may simply be sent again.
  if (code === 'ER_LOCK_DEADLOCK') {
    return {
      status: 503,
      body: { statusCode: 503, message: '当前访问人数较多，请稍后重试' },
      retryAfterSeconds: 1,
      unexpected: false,
    };
  }
  if (code && POOL_BUSY_CODES.has(code)) {
    return {
      status: 503,
      body: { statusCode: 503, message: '当前访问人数较多，请稍后重试' },
      retryAfterSeconds: 2,
      unexpected: false,
    };
  }
  if (code && DB_UNAVAILABLE_CODES.has(code)) {
    return {
      status: 503,
      body: { statusCode: 503, message: '数据库暂时不可用，请稍后重试' },
      retryAfterSeconds: 5,
      unexpected: false,
      databaseDown: true,
    };
  }

  // Errors fastify raises itself (body parsing, multipart limits) carry a statusCode.
  const fastifyStatus = (error as { statusCode?: unknown } | null | undefined)?.statusCode;
  if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
    const message = frameworkMessage(error) ?? DEFAULT_MESSAGES[fastifyStatus] ?? DEFAULT_MESSAGES[400]!;
    return { status: fastifyStatus, body: { statusCode: fastifyStatus, message }, unexpected: false };
  }

  return {
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    body: { statusCode: 500, message: DEFAULT_MESSAGES[500]! },
    unexpected: true,
  };
}
