import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Permission } from '@campus/shared';
import type { Principal } from './principal';

export const ACCESS_KEY = 'campus:access';
export const PENDING_PASSWORD_OK_KEY = 'campus:pending-password-ok';
export const PENDING_ALERT_OK_KEY = 'campus:pending-alert-ok';

/** What a route demands. Every route declares one; the guard refuses a route that does not. */
export type AccessRule =
  | { kind: 'public' }
  | { kind: 'signed-in' }
  | { kind: 'permissions'; permissions: Permission[] }
  | { kind: 'any-permission'; permissions: Permission[] };

/** The caller's role must grant every listed permission. */
export const Permissions = (...permissions: Permission[]) =>
  SetMetadata<string, AccessRule>(ACCESS_KEY, { kind: 'permissions', permissions });

/**
 * The caller's role must grant at least one listed permission: routes serving two audiences, e.g. an
 * attempt's result for its student (exam:take) and for admins (exam:results). The service still
 * scopes the record (AccessService).
 */
export const AnyPermission = (...permissions: Permission[]) =>
  SetMetadata<string, AccessRule>(ACCESS_KEY, { kind: 'any-permission', permissions });

/** No token needed (login, health). */
export const Public = () => SetMetadata<string, AccessRule>(ACCESS_KEY, { kind: 'public' });

/** Any signed-in person, whatever the role: routes about the caller's own account. */
export const SignedIn = () => SetMetadata<string, AccessRule>(ACCESS_KEY, { kind: 'signed-in' });

/** Reachable before the forced first-login password change (me, change password). */
export const AllowPendingPasswordChange = () => SetMetadata(PENDING_PASSWORD_OK_KEY, true);

/**
 * Reachable while an urgent alert waits to be acknowledged: what it takes to read and acknowledge it
 * (me, change password, my alerts, mark read), and the writes of an exam attempt already running,
 * whose clock would otherwise run down behind the dialog.
 */
export const AllowWithPendingAlert = () => SetMetadata(PENDING_ALERT_OK_KEY, true);

export interface RequestWithPrincipal {
  principal?: Principal;
}

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<RequestWithPrincipal>().principal;
  if (!principal) throw new Error('CurrentUser used on a route without a signed-in caller');
  return principal;
});
