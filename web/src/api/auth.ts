import type { ChangePasswordRequest, LoginRequest, LoginResponse, SessionUser } from '@campus/shared';
import { http } from './http';

/** 401 here means wrong credentials, not an ended session. */
export function login(body: LoginRequest): Promise<LoginResponse> {
  return http.post<LoginResponse>('/auth/login', body, { handlesUnauthorized: true, anonymous: true });
}

export function fetchMe(options: { handlesUnauthorized?: boolean } = {}): Promise<SessionUser> {
  return http.get<SessionUser>('/auth/me', options);
}

/** 204; the server then no longer accepts the current token. A wrong old password may answer 401. */
export function changePassword(body: ChangePasswordRequest): Promise<void> {
  return http.post<void>('/auth/password', body, { handlesUnauthorized: true });
}
