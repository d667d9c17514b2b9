import type { Role } from '../roles';

export interface LoginRequest {
  username: string;
  password: string;
  /** With a retried login after a 428: the challenge it carried and its solution (proof-of-work.ts). */
  challenge?: string;
  nonce?: string;
}

export interface SessionUser {
  id: number;
  username: string;
  name: string;
  role: Role;
  collegeId: number | null;
  classId: number | null;
  mustChangePassword: boolean;
  /** Present (true) when the session was begun through 统一身份认证 rather than a password. */
  sso?: boolean;
}

export interface LoginResponse {
  token: string;
  user: SessionUser;
}

export interface ChangePasswordRequest {
  oldPassword: string;
  newPassword: string;
}

/** Who may sign in with a password while 统一身份认证 is on: everyone, or administrators only. */
export type PasswordLoginPolicy = 'all' | 'admins';

/** GET /api/auth/sso: what the login page offers. */
export interface SsoOptions {
  cas: boolean;
  oidc: boolean;
  passwordLogin: PasswordLoginPolicy;
}

/** POST /api/auth/sso/cas/login: the ticket the CAS server sent back, and the state it was sent with. */
export interface CasLoginRequest {
  ticket: string;
  state: string;
  challenge?: string;
  nonce?: string;
}

/** POST /api/auth/sso/oidc/login: the query string the portal sent the browser back with. */
export interface OidcLoginRequest {
  query: string;
  challenge?: string;
  nonce?: string;
}

/** A 统一身份认证 sign-in: the session, and the page of the web app the person set out for. */
export interface SsoLoginResponse extends LoginResponse {
  redirect: string;
}

/** `code` of a refused 统一身份认证 sign-in (403/401 bodies), for the page that explains it. */
export const SSO_UNKNOWN_USER = 'SSO_UNKNOWN_USER';
/** `code` of a 统一身份认证 sign-in into a 系统管理员 account: those sign in with their password only. */
export const SSO_SYSADMIN_REFUSED = 'SSO_SYSADMIN_REFUSED';
/** `code` of a password login refused because this role must use 统一身份认证. */
export const SSO_REQUIRED = 'SSO_REQUIRED';
