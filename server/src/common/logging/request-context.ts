import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * An incoming id is taken when it is short and made of characters that cannot forge a log line
 * or a header (a proxy's UUID, a trace id); anything else is replaced by our own.
 */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export interface RequestContext {
  requestId: string;
  /** Database statements sent while serving this request (see countStatement). */
  statements: number;
}

const storage = new AsyncLocalStorage<RequestContext>();
const CONTEXT = Symbol('requestContext');
type RequestWithContext = FastifyRequest & { [CONTEXT]?: RequestContext };

/** The context of a request, also after its async work is done (onResponse hooks). */
export function requestContextOf(request: FastifyRequest): RequestContext | undefined {
  return (request as RequestWithContext)[CONTEXT];
}

/** One database statement sent on behalf of the current request, if any (metrics, pnpm bench:examday). */
export function countStatement(): void {
  const context = storage.getStore();
  if (context) context.statements += 1;
}

/** The id of the request being served, wherever in its work the caller is (undefined outside one). */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/**
 * `callback`, to be called back later from wherever (a pool handing out a connection another request
 * released), run as part of the request that is current now. Costs nothing outside a request.
 */
export function bindToCurrentRequest<A extends unknown[]>(callback: (...args: A) => void): (...args: A) => void {
  const context = storage.getStore();
  if (!context) return callback;
  return (...args: A) => (storage.getStore() === context ? callback(...args) : storage.run(context, callback, ...args));
}

/** Runs `work` as part of the request `requestId` (jobs and tests). */
export function runWithRequestId<T>(requestId: string, work: () => T): T {
  return storage.run({ requestId, statements: 0 }, work);
}

export function newRequestId(): string {
  return randomUUID();
}

/** Fastify's `genReqId`: the caller's X-Request-Id when it is safe, otherwise a new UUID. */
export function requestIdFor(request: IncomingMessage): string {
  const header = request.headers[REQUEST_ID_HEADER];
  const given = Array.isArray(header) ? header[0] : header;
  return given !== undefined && SAFE_REQUEST_ID.test(given) ? given : newRequestId();
}

/**
 * Answers every request with its id and makes the id visible to every log line written while it
 * is served. The context is entered again before the handler because body parsing may run the
 * rest of the chain from another async context.
 */
export function registerRequestContext(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request: RequestWithContext, reply: FastifyReply, done: () => void) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    const context: RequestContext = { requestId: request.id, statements: 0 };
    request[CONTEXT] = context;
    storage.run(context, done);
  });
  fastify.addHook('preHandler', (request: RequestWithContext, _reply: FastifyReply, done: () => void) => {
    const context = request[CONTEXT];
    if (!context || storage.getStore() === context) return done();
    storage.run(context, done);
  });
}
