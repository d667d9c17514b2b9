import type { Component } from 'vue';
import type { RouteRecordRaw } from 'vue-router';
import type { Permission } from '@campus/shared';

export interface MenuItem {
  path: string;
  title: string;
  icon?: Component;
  children: MenuItem[];
}

function joinPath(parent: string, child: string): string {
  if (child.startsWith('/')) return child;
  const base = parent.endsWith('/') ? parent.slice(0, -1) : parent;
  return child ? `${base}/${child}` : parent;
}

/**
 * The menu is the route tree itself, filtered by permission: a record with a title becomes an
 * entry, a record with children a group, and a group with no visible child is dropped.
 */
export function buildMenu(
  routes: readonly RouteRecordRaw[],
  can: (p: Permission) => boolean,
  parentPath = '/',
): MenuItem[] {
  return routes
    .filter((route) => route.meta?.title && !route.meta.hideInMenu)
    .filter((route) => !route.meta?.permission || can(route.meta.permission))
    .sort((a, b) => (a.meta?.menuOrder ?? 50) - (b.meta?.menuOrder ?? 50))
    .flatMap((route): MenuItem[] => {
      const path = joinPath(parentPath, route.path);
      const children = route.children ? buildMenu(route.children, can, path) : [];
      if (route.children && children.length === 0) return [];
      return [{ path, title: route.meta?.title ?? '', icon: route.meta?.icon, children }];
    });
}
