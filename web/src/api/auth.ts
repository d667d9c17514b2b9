import type {
  CasLoginRequest,
  ChangePasswordRequest,
  LoginRequest,
  LoginResponse,
  OidcLoginRequest,
  SessionUser,
  SsoLoginResponse,
  SsoOptions,
} from '@campus/shared';
import { challengeIn, solveChallenge } from '@/utils/proof-of-work';
import { ApiError, http } from './http';

/**
 * 401 here means wrong credentials, not an ended session. When the network the phone is on has had
 * many failed sign-ins, the server answers 428 with a challenge; it is solved here (≈ 0.5 s,
 * `onChallenge` tells the page) and the login sent again with the solution.
 */
export function login(body: LoginRequest, options: { onChallenge?: () => void } = {}): Promise<LoginResponse> {
  return withChallenge<LoginResponse>('/auth/login', body, options);
}

/** Posts a sign-in body, solving the network's challenge when the server asks for one (428). */
async function withChallenge<T>(path: string, body: object, options: { onChallenge?: () => void }): Promise<T> {
  let proof: Pick<LoginRequest, 'challenge' | 'nonce'> = {};
  for (let attempt = 1; ; attempt++) {
    try {
      return await http.post<T>(path, { ...body, ...proof }, { handlesUnauthorized: true, anonymous: true });
    } catch (e) {
      const challenge = e instanceof ApiError && e.statusCode === 428 ? challengeIn(e.body) : null;
      if (!challenge || attempt === 3) throw e;
      options.onChallenge?.();
      proof = { challenge: challenge.challenge, nonce: await solveChallenge(challenge) };
    }
  }
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

/** What the login page offers besides passwords (统一身份认证). */
export function fetchSsoOptions(): Promise<SsoOptions> {
  return http.get<SsoOptions>('/auth/sso', { anonymous: true, handlesUnauthorized: true });
}

/** Where the browser goes to sign in at the school's portal (a full page navigation, not a call). */
export function ssoStartUrl(protocol: 'cas' | 'oidc', redirect: string): string {
  return `/api/auth/sso/${protocol}/start?redirect=${encodeURIComponent(redirect)}`;
}

/**
 * Back from the portal: the ticket (CAS) or the portal's answer (OIDC) is posted to the server,
 * which checks it with the portal and answers with the platform's session. The browser's state
 * cookie goes along by itself (same origin).
 */
export function ssoLogin(
  protocol: 'cas',
  body: CasLoginRequest,
  options?: { onChallenge?: () => void },
): Promise<SsoLoginResponse>;
export function ssoLogin(
  protocol: 'oidc',
  body: OidcLoginRequest,
  options?: { onChallenge?: () => void },
): Promise<SsoLoginResponse>;
export function ssoLogin(
  protocol: 'cas' | 'oidc',
  body: CasLoginRequest | OidcLoginRequest,
  options: { onChallenge?: () => void } = {},
): Promise<SsoLoginResponse> {
  return withChallenge<SsoLoginResponse>(`/auth/sso/${protocol}/login`, body, options);
}
