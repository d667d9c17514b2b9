import * as oidc from 'openid-client';
import type { SsoSettings } from '../../../config/app-config';

type OidcSettings = Pick<SsoSettings, 'oidcIssuer' | 'oidcClientId' | 'oidcClientSecret' | 'oidcClaim' | 'oidcScope'>;

/** Seconds to wait for the portal (discovery, token, userinfo). */
const TIMEOUT_SECONDS = 10;

/** What a redeemed code says about the person. */
export interface OidcIdentity {
  /** The configured claim's value (学号/工号), or null when the portal did not release it. */
  account: string | null;
  subject: string;
}

/**
 * OpenID Connect through openid-client (certified): discovery, authorization code with PKCE (S256),
 * state and nonce, and the ID token's checks (signature, issuer, audience, expiry, nonce) done by the
 * library. The discovered metadata is cached; a Configuration is built per sign-in so that the
 * platform's clock (Clock) is the one ID-token times are judged by.
 */
export class OidcClient {
  private metadata: Promise<oidc.ServerMetadata> | null = null;

  constructor(private readonly settings: OidcSettings) {}

  private get insecure(): boolean {
    return this.settings.oidcIssuer?.startsWith('http:') ?? false;
  }

  private clientAuth(): oidc.ClientAuth {
    return this.settings.oidcClientSecret ? oidc.ClientSecretBasic(this.settings.oidcClientSecret) : oidc.None();
  }

  private discover(): Promise<oidc.ServerMetadata> {
    if (!this.metadata) {
      const { oidcIssuer, oidcClientId } = this.settings;
      if (!oidcIssuer || !oidcClientId) throw new Error('OIDC is not configured');
      this.metadata = oidc
        .discovery(new URL(oidcIssuer), oidcClientId, undefined, this.clientAuth(), {
          execute: this.insecure ? [oidc.allowInsecureRequests] : [],
          timeout: TIMEOUT_SECONDS,
        })
        .then((config) => ({ ...config.serverMetadata() }));
      // A portal that was down at the first sign-in is asked again at the next one.
      this.metadata.catch(() => (this.metadata = null));
    }
    return this.metadata;
  }

  /** `skewSeconds`: how far the platform's clock is from this machine's (0 outside tests). */
  private async configuration(skewSeconds: number): Promise<oidc.Configuration> {
    const config = new oidc.Configuration(
      await this.discover(),
      this.settings.oidcClientId ?? '',
      { [oidc.clockSkew]: skewSeconds },
      this.clientAuth(),
    );
    config.timeout = TIMEOUT_SECONDS;
    if (this.insecure) oidc.allowInsecureRequests(config);
    return config;
  }

  async authorizationUrl(
    redirectUri: string,
    checks: { state: string; nonce: string; verifier: string },
  ): Promise<string> {
    const config = await this.configuration(0);
    return oidc
      .buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: this.settings.oidcScope,
        response_type: 'code',
        state: checks.state,
        nonce: checks.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(checks.verifier),
        code_challenge_method: 'S256',
      })
      .toString();
  }

  /**
   * Redeems the code in `callbackUrl` (the redirect URI with the query the portal sent back).
   * Throws on any failed check: wrong state, an error answer, a bad token response, an ID token
   * that is expired, for another audience or with another nonce.
   */
  async redeem(
    callbackUrl: URL,
    checks: { state: string; nonce: string; verifier: string },
    skewSeconds: number,
  ): Promise<OidcIdentity> {
    const config = await this.configuration(skewSeconds);
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: checks.verifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new Error('no ID token');
    let account = claimText(claims[this.settings.oidcClaim]);
    if (account === null && config.serverMetadata().userinfo_endpoint) {
      // Many portals release the 学号 only at the userinfo endpoint.
      const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
      account = claimText(info[this.settings.oidcClaim]);
    }
    return { account, subject: claims.sub };
  }
}

function claimText(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (Array.isArray(value) && value.length === 1) return claimText(value[0]);
  return null;
}
