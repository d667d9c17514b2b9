import type { ChangePasswordRequest, LoginRequest, LoginResponse, SessionUser } from '@campus/shared';
import { http } from './http';

/** 401 here means wrong credentials, not an ended session. */
export function login(body: LoginRequest): Promise<LoginResponse> {
  return http.post<LoginResponse>('/auth/login', body, { handlesUnauthorized: true, anonymous: true });
}

export function fetchMe(options: { handlesUnauthorized?: boolean } = {}): Promise<SessionUser> {
  return http.get<SessionUser>('/auth/me', options);
}

/**
 * The server ends every session of the account and, as asked with `Prefer`, answers with the new
 * one: a freshman's first sign-in costs one password hash on the server, not two.
 */
export function changePassword(body: ChangePasswordRequest): Promise<LoginResponse> {
  return http.post<LoginResponse>('/auth/password', body, {
    handlesUnauthorized: true,
    headers: { Prefer: 'return=representation' },
  });
}
