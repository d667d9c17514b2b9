import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * helmet's headers, computed once instead of on every request. Pages of the web app get the full
 * set (CSP and all); JSON answers of the API get the few that matter for them. On the answer-save
 * route, helmet per request (parsing its CSP, writing ~1 KB of headers onto a 204) was a measurable
 * share of the cost (pnpm bench:exam).
 */
function helmetHeaders(options: Parameters<typeof helmet>[0]): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number | string[]) => {
      headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: (name: string) => delete headers[name],
  };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, () => undefined);
  return headers;
}

const PAGE_HEADERS = helmetHeaders({
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // Element Plus positions popups with inline styles.
      styleSrc: ["'self'", "'unsafe-inline'"],
      // Article images: our own uploads, or https addresses (the sanitiser allows no other).
      imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
      mediaSrc: ["'self'", 'blob:', 'https:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'self'"],
      // helmet adds upgrade-insecure-requests by default. A college that serves the platform over
      // plain HTTP on its intranet (http://10.x.x.x) would then get a blank page: the browser asks
      // for every script over https, which is not there. Where TLS is set up, HSTS does the job.
      upgradeInsecureRequests: null,
    },
  },
  crossOriginEmbedderPolicy: false,
});

/** Every API answer: personal data must not be kept by the browser or a shared proxy. */
const API_HEADERS: Record<string, string> = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'SAMEORIGIN',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Strict-Transport-Security': PAGE_HEADERS['Strict-Transport-Security'] ?? 'max-age=31536000; includeSubDomains',
};

/**
 * Hashed scripts and styles of the web app. CSP, framing and referrer rules act on documents, not
 * on the files a document loads, so only the two that guard a subresource are sent: on the exam
 * page's first load over a phone network the full set was ≈ 0.8 KB on each of 40 files.
 */
const ASSET_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * The headers of an answer to `url`. Routes that may be cached say so themselves (course media,
 * static assets), replacing the API's no-store.
 */
export function securityHeadersFor(url: string): Record<string, string> {
  if (url.startsWith('/assets/')) return ASSET_HEADERS;
  return url.startsWith('/api/') && !url.startsWith('/api/docs') ? API_HEADERS : PAGE_HEADERS;
}

export function registerSecurityHeaders(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.headers(securityHeadersFor(request.url));
    done();
  });
}
