import type { RouteLocationNormalized, RouteLocationRaw, Router } from 'vue-router';
import { ApiError } from '@/api/http';
import { useSessionStore } from '@/stores/session';
import { PLATFORM_NAME } from '@/app-info';

function loginFor(to: RouteLocationNormalized): RouteLocationRaw {
  const redirect = to.fullPath === '/' ? undefined : to.fullPath;
  return { name: 'login', query: redirect ? { redirect } : {} };
}

/**
 * Starts downloading the screen's code, and its first data where the route says how, now. The
 * router would only ask for the code after the guard, and the guard waits for GET /auth/me: on a
 * phone network that is a round trip they can all share.
 */
function prefetch(to: RouteLocationNormalized): void {
  to.meta.prefetch?.(to);
  for (const record of to.matched) {
    for (const component of Object.values(record.components ?? {})) {
      if (typeof component === 'function') void (component as () => Promise<unknown>)();
    }
  }
}

export function installGuards(router: Router): void {
  router.beforeEach(async (to) => {
    const session = useSessionStore();
    if (session.isLoggedIn) prefetch(to);

    if (to.meta.public) {
      return to.name === 'login' && session.isLoggedIn ? { name: 'home' } : true;
    }
    if (!session.isLoggedIn) return loginFor(to);

    try {
      await session.verifyOnce();
    } catch (error) {
      if (error instanceof ApiError && error.statusCode === 401) {
        session.logout();
        return loginFor(to);
      }
      // Offline or server down: carry on with the stored user; the pages will show the failure.
    }
    const user = session.user;
    if (!user) return loginFor(to);

    if (user.mustChangePassword) {
      return to.name === 'change-password' ? true : { name: 'change-password', query: { redirect: to.fullPath } };
    }
    const denied = to.matched.some((record) => record.meta.permission && !session.can(record.meta.permission));
    if (denied) return { name: 'forbidden', query: { from: to.fullPath } };
    return true;
  });

  router.afterEach((to) => {
    document.title = to.meta.title ? `${to.meta.title} · ${PLATFORM_NAME}` : PLATFORM_NAME;
  });
}
