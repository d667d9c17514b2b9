import type { FastifyInstance } from 'fastify';

interface RoutePattern {
  pattern: RegExp;
  methods: Set<string>;
}

/** Which methods each registered path answers, so a known path asked with another method gets 405. */
const registries = new WeakMap<FastifyInstance, Map<string, RoutePattern>>();

/** `/api/exams/:id/results` → a pattern matching one segment per parameter (linear, no backtracking). */
function compile(url: string): RegExp {
  const segments = url
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  return new RegExp(`^${segments.join('/')}$`);
}

/** Records every route as it is registered (call before app.init()). */
export function trackRouteMethods(fastify: FastifyInstance): void {
  const routes = new Map<string, RoutePattern>();
  registries.set(fastify, routes);
  fastify.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.includes('*')) return;
    const entry = routes.get(route.url) ?? { pattern: compile(route.url), methods: new Set<string>() };
    for (const method of [route.method].flat()) if (method !== 'HEAD') entry.methods.add(method);
    routes.set(route.url, entry);
  });
}

/** The methods a path is served with, or none when no route has that path. */
export function allowedMethods(fastify: FastifyInstance, url: string): string[] {
  const path = url.split('?')[0] ?? url;
  const methods = new Set<string>();
  for (const { pattern, methods: own } of registries.get(fastify)?.values() ?? []) {
    if (pattern.test(path)) for (const method of own) methods.add(method);
  }
  return [...methods].sort();
}
