import type { Directive, DirectiveBinding } from 'vue';
import type { Permission } from '@campus/shared';
import { useSessionStore } from '@/stores/session';

/** One permission, or several of which any one suffices. */
export type AccessValue = Permission | readonly Permission[];

function allowed(value: AccessValue): boolean {
  const session = useSessionStore();
  const required: readonly Permission[] = typeof value === 'string' ? [value] : value;
  return required.some((permission) => session.can(permission));
}

const hiddenByAccess = new WeakSet<HTMLElement>();

// Hidden rather than removed, so the element comes back if the session changes in place.
function apply(el: HTMLElement, binding: DirectiveBinding<AccessValue>): void {
  if (!allowed(binding.value)) {
    el.style.display = 'none';
    hiddenByAccess.add(el);
  } else if (hiddenByAccess.delete(el)) {
    el.style.display = '';
  }
}

/**
 * `v-access="Permission.RosterImport"`: shows the element only to users holding the permission.
 * This is for tidiness only; the server checks every request.
 */
export const vAccess: Directive<HTMLElement, AccessValue> = {
  mounted: apply,
  updated: apply,
};

declare module 'vue' {
  interface GlobalDirectives {
    vAccess: typeof vAccess;
  }
}
