import type { Component } from 'vue';
import type { RouteLocationNormalized } from 'vue-router';
import type { Permission } from '@campus/shared';

declare module 'vue-router' {
  interface RouteMeta {
    /** Page title; also the menu label. A record without one never shows in the menu. */
    title?: string;
    /** Required to open the route and to see its menu entry. Parents' permissions apply too. */
    permission?: Permission;
    /** Reachable without logging in. */
    public?: boolean;
    icon?: Component;
    /** Position among menu siblings, lowest first; default 50, ties keep declaration order. */
    menuOrder?: number;
    hideInMenu?: boolean;
    /**
     * Rendered on its own, without the header and side menu (taking an exam). Such a record lives in
     * a feature module like any other but must have an absolute path.
     */
    fullscreen?: boolean;
    /**
     * A page answered against a clock in front of others (课堂快问): the list of unread alerts waits
     * until the person leaves it, so it never covers the question. An urgent alert still shows.
     */
    live?: boolean;
    /**
     * Starts the page's first requests as the navigation begins (alongside the session check and
     * the download of the page's code) instead of after the page has mounted.
     */
    prefetch?: (to: RouteLocationNormalized) => void;
  }
}

export {};
