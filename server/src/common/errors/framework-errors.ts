import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { securityHeadersFor } from '../http/security-headers';
import { newRequestId } from '../logging/request-context';
import { mapError } from './error-body';

/**
 * The router refuses a URL it cannot decode (`/api/exams/%E4`) before any hook or Nest filter
 * runs; this answers it in API.md's shape, in Chinese, with the headers every API answer has.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const { status, body } = mapError(error);
  void reply
    .headers(securityHeadersFor(request.url))
    .status(status)
    .header('Content-Type', 'application/json; charset=utf-8')
    .header('X-Request-Id', request.id)
    .send(JSON.stringify({ ...body, requestId: request.id }));
}

/**
 * Node's HTTP parser refuses some requests before Fastify sees them (raw UTF-8 or spaces in the
 * URL, malformed or oversized headers); Fastify's default answer is `{"message":"Client Error"}`.
 * This writes the same statuses in Chinese, then closes the connection as Node requires.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, '请求超时']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, '请求头过大']
        : [400, '请求格式不合法：地址或请求头含有不允许的字符（地址中的中文等须经 URL 编码）'];
  // Node refused the request before it had headers to read an id from: the answer gets a new one.
  const requestId = newRequestId();
  const body = JSON.stringify({ statusCode: status, message, requestId });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        'Cache-Control: no-store\r\n' +
        `X-Request-Id: ${requestId}\r\n` +
        'X-Content-Type-Options: nosniff\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  }
  socket.destroy(error);
}
