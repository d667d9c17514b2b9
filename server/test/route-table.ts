import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { ACCESS_KEY, type AccessRule } from '../src/common/auth/access.decorators';

export interface RouteInfo {
  method: string;
  path: string;
  controller: string;
  handler: string;
  rule: AccessRule | undefined;
}

/** Every route the application serves, read from Nest's own controller metadata. */
export function routeTable(app: INestApplication): RouteInfo[] {
  const reflector = app.get(Reflector);
  const routes: RouteInfo[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      const proto = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        const sub = String(Reflect.getMetadata(PATH_METADATA, handler) ?? '');
        const path = `/api/${[base, sub].filter((p) => p && p !== '/').join('/')}`
          .replace(/\/+/g, '/')
          .replace(/\/$/, '');
        routes.push({
          method: RequestMethod[method],
          path,
          controller: controller.name,
          handler: name,
          rule: reflector.getAllAndOverride<AccessRule>(ACCESS_KEY, [handler as () => void, controller]),
        });
      }
    }
  }
  return routes;
}
