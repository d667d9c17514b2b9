import type { ChangePasswordRequest, LoginRequest, LoginResponse, SessionUser } from '@campus/shared';
import { challengeIn, solveChallenge } from '@/utils/proof-of-work';
import { ApiError, http } from './http';

/**
 * 401 here means wrong credentials, not an ended session. When the network the phone is on has had
 * many failed sign-ins, the server answers 428 with a challenge; it is solved here (≈ 0.5 s,
 * `onChallenge` tells the page) and the login sent again with the solution.
 */
export async function login(body: LoginRequest, options: { onChallenge?: () => void } = {}): Promise<LoginResponse> {
  let proof: Pick<LoginRequest, 'challenge' | 'nonce'> = {};
  for (let attempt = 1; ; attempt++) {
    try {
      return await http.post<LoginResponse>(
        '/auth/login',
        { ...body, ...proof },
        { handlesUnauthorized: true, anonymous: true },
      );
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
