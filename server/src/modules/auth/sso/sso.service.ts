import {
  BadGatewayException,
  BadRequestException,
  ForbiddenException,
  Injectable,
  Logger,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  Role,
  SSO_SYSADMIN_REFUSED,
  SSO_UNKNOWN_USER,
  usernameKey,
  type CasLoginRequest,
  type OidcLoginRequest,
  type SsoLoginResponse,
  type SsoOptions,
} from '@campus/shared';
import { createHash, randomBytes } from 'node:crypto';
import { IsNull, LessThan, type DataSource } from 'typeorm';
import { AuthSecret } from '../../../common/auth/auth-secret';
import { LoginThrottle } from '../../../common/auth/login-throttle';
import { PrincipalCache, toPrincipal } from '../../../common/auth/principal-cache';
import { TokenService } from '../../../common/auth/token.service';
import { Clock } from '../../../common/clock/clock';
import { AppConfig } from '../../../config/app-config';
import { isDuplicateKeyError } from '../../../database/db-errors';
import { User } from '../../users/user.entity';
import { mapSessionUser } from '../../users/user.mapper';
import { AuthService } from '../auth.service';
import { LoginAudit } from '../login-audit';
import { CasClient, isServiceTicket, logoutSessionIndex, type CasValidation } from './cas-client';
import { OidcClient } from './oidc-client';
import { SsoTicket } from './sso-ticket.entity';
import {
  openState,
  randomState,
  readCookie,
  safeRedirectPath,
  sameSecret,
  sealState,
  SSO_STATE_TTL_SECONDS,
  STATE_COOKIE_NAMES,
  stateCookie,
  type SsoState,
} from './sso-state';

/** Where the web app finishes each protocol (a page that posts the ticket or code back). */
export const CAS_APP_PATH = '/sso/cas';
export const OIDC_APP_PATH = '/sso/oidc';
/** The CAS service URL's path: the browser comes back here, and single-logout requests arrive here. */
export const CAS_CALLBACK_PATH = '/api/auth/sso/cas/callback';

/** A redirect for the browser and the state cookie that goes with it. */
export interface SsoStart {
  location: string;
  cookie: string;
}

const STATE_REFUSED = '登录请求已过期，或不是从本浏览器发起的。请回到登录页，重新点击“统一身份认证登录”';

/** Chinese explanations of the CAS 3.0 failure codes (§2.5.3 of the protocol). */
function casFailureMessage(code: string): string {
  switch (code) {
    case 'INVALID_TICKET':
    case 'INVALID_TICKET_SPEC':
      return '统一身份认证的登录票据无效、已过期或已使用，请重新登录';
    case 'INVALID_SERVICE':
      return '统一身份认证不认可本平台的服务地址（INVALID_SERVICE），请联系信息化中心核对本平台在统一身份认证中的服务登记';
    case 'INVALID_REQUEST':
      return '统一身份认证认为登录请求不完整（INVALID_REQUEST），请重新登录';
    default:
      return `统一身份认证拒绝了本次登录（${code}），请重新登录`;
  }
}

/**
 * 统一身份认证 beside passwords. The portal proves who someone is; the roster decides whether they
 * may come in: the CAS user (or a configured attribute) or OIDC claim must be a 学号/工号 already on
 * the roster, and nobody is ever created here. The web app receives the ticket or code on a page of
 * its own and posts it back, so the platform's session token travels only in a response body, and
 * the throttling of password sign-ins (the network's challenge) applies unchanged. No password is
 * hashed on this path.
 */
@Injectable()
export class SsoService {
  private readonly logger = new Logger(SsoService.name);
  private readonly cas: CasClient | null;
  private readonly oidc: OidcClient | null;

  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly secret: AuthSecret,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
    private readonly principals: PrincipalCache,
    private readonly clock: Clock,
    private readonly auth: AuthService,
    private readonly loginAudit: LoginAudit,
  ) {
    const sso = config.sso;
    this.cas = sso.casUrl ? new CasClient(sso) : null;
    this.oidc = sso.oidcIssuer ? new OidcClient(sso) : null;
  }

  options(): SsoOptions {
    return { cas: this.cas !== null, oidc: this.oidc !== null, passwordLogin: this.config.sso.passwordLogin };
  }

  /**
   * The origin the person is using, if it is one of SSO_PUBLIC_URL; otherwise the first of them.
   * The Host header alone never decides where a ticket is sent.
   */
  private origin(requestOrigin: string | null): string {
    const allowed = this.config.sso.publicUrls;
    return requestOrigin && allowed.includes(requestOrigin) ? requestOrigin : (allowed[0] ?? '');
  }

  private seal(state: Omit<SsoState, 'exp'>): string {
    const exp = Math.floor(this.clock.now() / 1000) + SSO_STATE_TTL_SECONDS;
    return stateCookie(state.origin, sealState({ ...state, exp }, this.secret.key), SSO_STATE_TTL_SECONDS);
  }

  startCas(requestOrigin: string | null, redirect: unknown): SsoStart {
    const cas = this.requireCas();
    const origin = this.origin(requestOrigin);
    const state = randomState();
    const renew = this.config.sso.casRenew;
    return {
      location: cas.loginUrl(casService(origin, state), renew),
      cookie: this.seal({ protocol: 'cas', state, origin, redirect: safeRedirectPath(redirect), renew }),
    };
  }

  async startOidc(requestOrigin: string | null, redirect: unknown): Promise<SsoStart> {
    const oidc = this.requireOidc();
    const origin = this.origin(requestOrigin);
    const checks = {
      state: randomState(),
      nonce: randomBytes(24).toString('base64url'),
      verifier: randomBytes(48).toString('base64url'),
    };
    let location: string;
    try {
      location = await oidc.authorizationUrl(`${origin}${OIDC_APP_PATH}`, checks);
    } catch (error) {
      this.logger.warn(`OIDC discovery failed: ${(error as Error).message}`);
      throw new BadGatewayException('暂时无法连接统一身份认证服务，请稍后再试');
    }
    return {
      location,
      cookie: this.seal({ protocol: 'oidc', origin, redirect: safeRedirectPath(redirect), renew: false, ...checks }),
    };
  }

  /**
   * The browser's return from the CAS server: the ticket and state move on to the web app's page,
   * which posts them back (loginCas). Only the web app's own path is ever the target.
   */
  casReturnLocation(query: { ticket?: unknown; state?: unknown }): string {
    const params = new URLSearchParams();
    if (typeof query.ticket === 'string' && query.ticket.length <= 256) params.set('ticket', query.ticket);
    if (typeof query.state === 'string' && query.state.length <= 64) params.set('state', query.state);
    return `${CAS_APP_PATH}?${params.toString()}`;
  }

  async loginCas(body: CasLoginRequest, cookies: string | undefined, address: string): Promise<SsoLoginResponse> {
    const cas = this.requireCas();
    await this.throttle.assertAddressCleared(address, body);
    const state = await this.acceptState('cas', body.state, cookies, address);
    if (!isServiceTicket(body.ticket)) {
      await this.throttle.recordAddressFailure(address);
      throw new BadRequestException({
        message: '统一身份认证的登录票据格式不正确',
        errors: [{ field: 'ticket', message: '票据格式不正确' }],
      });
    }
    const key = ticketKey('cas', body.ticket);
    if (await this.dataSource.getRepository(SsoTicket).existsBy({ ticketKey: key })) {
      await this.throttle.recordAddressFailure(address);
      throw new UnauthorizedException({ message: '该登录票据已经使用过，请重新登录', code: 'SSO_TICKET_USED' });
    }
    let result: CasValidation;
    try {
      result = await cas.validate(casService(state.origin, state.state), body.ticket, state.renew);
    } catch (error) {
      this.logger.warn(`CAS validation failed: ${(error as Error).message}`);
      throw new BadGatewayException('暂时无法连接统一身份认证服务，或其答复无法识别，请稍后再试');
    }
    if (!result.ok) {
      this.logger.warn(`CAS refused a ticket: ${result.code} ${result.description.slice(0, 200)}`);
      if (result.code === 'INTERNAL_ERROR') throw new BadGatewayException('统一身份认证服务内部出错，请稍后再试');
      await this.throttle.recordAddressFailure(address);
      await this.loginAudit.failed(
        { user: null, account: '（未知）' },
        'cas',
        `票据未通过校验（${result.code}）`,
        address,
      );
      throw new UnauthorizedException({ message: casFailureMessage(result.code), code: `CAS_${result.code}` });
    }
    const attribute = this.config.sso.casUserAttribute;
    const account = attribute ? (result.attributes[attribute]?.[0] ?? null) : result.user;
    if (account === null) {
      this.logger.warn(`CAS user ${result.user} has no attribute ${attribute ?? ''}`);
      throw new ForbiddenException({
        message: `统一身份认证没有提供您的学号/工号（属性 ${attribute ?? ''}），无法登录。请联系${this.config.sso.contact}`,
        code: SSO_UNKNOWN_USER,
      });
    }
    return this.signIn('cas', key, account, state, address);
  }

  async loginOidc(body: OidcLoginRequest, cookies: string | undefined, address: string): Promise<SsoLoginResponse> {
    const oidc = this.requireOidc();
    await this.throttle.assertAddressCleared(address, body);
    const params = new URLSearchParams(body.query.startsWith('?') ? body.query.slice(1) : body.query);
    const state = await this.acceptState('oidc', params.get('state') ?? '', cookies, address);
    const error = params.get('error');
    if (error) {
      throw new UnauthorizedException({
        message:
          error === 'access_denied'
            ? '您在统一身份认证页面取消了授权'
            : `统一身份认证未完成登录（${error.slice(0, 64)}）`,
        code: 'OIDC_ERROR',
      });
    }
    const code = params.get('code');
    if (!code || code.length > 2048) {
      await this.throttle.recordAddressFailure(address);
      throw new BadRequestException('统一身份认证没有返回授权码，请重新登录');
    }
    const key = ticketKey('oidc', code);
    if (await this.dataSource.getRepository(SsoTicket).existsBy({ ticketKey: key })) {
      await this.throttle.recordAddressFailure(address);
      throw new UnauthorizedException({ message: '该授权码已经使用过，请重新登录', code: 'SSO_TICKET_USED' });
    }
    const callback = new URL(`${state.origin}${OIDC_APP_PATH}?${params.toString()}`);
    let identity;
    try {
      identity = await oidc.redeem(
        callback,
        { state: state.state, nonce: state.nonce ?? '', verifier: state.verifier ?? '' },
        Math.round((this.clock.now() - Date.now()) / 1000),
      );
    } catch (e) {
      // openid-client's ClientError wraps the failed check (e.g. 'unexpected ID Token "nonce" claim value').
      const cause = (e as { cause?: unknown } | null)?.cause;
      const detail = cause instanceof Error ? ` — ${cause.message}` : '';
      const reason = e instanceof Error ? `${e.name}: ${e.message}${detail}` : String(e);
      this.logger.warn(`OIDC sign-in refused: ${reason}`);
      if (isNetworkError(e)) throw new BadGatewayException('暂时无法连接统一身份认证服务，请稍后再试');
      await this.throttle.recordAddressFailure(address);
      await this.loginAudit.failed({ user: null, account: '（未知）' }, 'oidc', '登录结果未通过校验', address);
      throw new UnauthorizedException({
        message: '统一身份认证的登录结果未通过校验，请重新登录',
        code: 'OIDC_INVALID',
      });
    }
    if (identity.account === null) {
      throw new ForbiddenException({
        message: `统一身份认证没有提供您的学号/工号（${this.config.sso.oidcClaim}），无法登录。请联系${this.config.sso.contact}`,
        code: SSO_UNKNOWN_USER,
      });
    }
    return this.signIn('oidc', key, identity.account, state, address);
  }

  /**
   * CAS single logout (back-channel POST from the CAS server): the request names the service ticket
   * of the session that ended at the portal. Only a ticket this platform redeemed ends anything, so
   * a forged request must know a ticket it never saw; the person's sessions here end at once, on
   * every instance (their token version moves on, as after a password change).
   */
  async logoutCas(logoutRequest: unknown): Promise<void> {
    if (!this.cas || typeof logoutRequest !== 'string') return;
    const ticket = logoutSessionIndex(logoutRequest);
    if (!ticket) return;
    const repo = this.dataSource.getRepository(SsoTicket);
    const row = await repo.findOneBy({ ticketKey: ticketKey('cas', ticket) });
    if (!row || row.userId === null || row.loggedOutAt) return;
    await this.dataSource.transaction(async (em) => {
      const claimed = await em
        .getRepository(SsoTicket)
        .update({ id: row.id, loggedOutAt: IsNull() }, { loggedOutAt: this.clock.date() });
      if (!claimed.affected) return;
      await em.getRepository(User).increment({ id: row.userId ?? 0 }, 'tokenVersion', 1);
    });
    this.principals.evict(row.userId);
  }

  private requireCas(): CasClient {
    if (!this.cas) throw new NotFoundException('本平台未启用 CAS 统一身份认证');
    return this.cas;
  }

  private requireOidc(): OidcClient {
    if (!this.oidc) throw new NotFoundException('本平台未启用 OIDC 统一身份认证');
    return this.oidc;
  }

  /** The state cookie this browser got at the start, matching the state that came back. */
  private async acceptState(
    protocol: SsoState['protocol'],
    returned: string,
    cookies: string | undefined,
    address: string,
  ): Promise<SsoState> {
    const now = this.clock.now();
    for (const name of STATE_COOKIE_NAMES) {
      const state = openState(readCookie(cookies, name), this.secret.key, now);
      if (state && state.protocol === protocol && returned && sameSecret(state.state, returned)) return state;
    }
    await this.throttle.recordAddressFailure(address);
    throw new BadRequestException({ message: STATE_REFUSED, code: 'SSO_STATE' });
  }

  /**
   * Records the ticket (once only, even when two requests race), maps the account to the roster
   * and issues the session. Unknown accounts are refused, never created.
   */
  private async signIn(
    protocol: 'cas' | 'oidc',
    key: string,
    account: string,
    state: SsoState,
    address: string,
  ): Promise<SsoLoginResponse> {
    const user = await this.dataSource.getRepository(User).findOne({ where: { usernameKey: usernameKey(account) } });
    try {
      await this.dataSource.getRepository(SsoTicket).insert({ ticketKey: key, protocol, userId: user?.id ?? null });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      throw new UnauthorizedException({ message: '该登录票据已经使用过，请重新登录', code: 'SSO_TICKET_USED' });
    }
    void this.prune();
    if (!user) {
      this.logger.warn(`SSO account ${account.slice(0, 64)} is not on the roster`);
      await this.loginAudit.failed({ user: null, account }, protocol, '未在本平台登记', address);
      throw new ForbiddenException({
        message: `统一身份认证账号「${account.slice(0, 64)}」未在本平台登记，不能登录。请联系${this.config.sso.contact}，核对花名册中的学号/工号。`,
        code: SSO_UNKNOWN_USER,
        account: account.slice(0, 64),
      });
    }
    if (user.disabled) {
      await this.loginAudit.failed({ user, account }, protocol, '账号已停用', address);
      throw new ForbiddenException('账号已停用，请联系管理员');
    }
    // 系统管理员 accounts are the platform's own (the seeded `admin`), not people on the school's
    // roster: a portal account that happens to share the name must not become the platform's sysadmin.
    if (user.role === Role.Sysadmin) {
      await this.loginAudit.failed({ user, account }, protocol, '系统管理员不能通过统一身份认证登录', address);
      throw new ForbiddenException({
        message: '系统管理员账号不能通过统一身份认证登录，请在登录页用密码登录',
        code: SSO_SYSADMIN_REFUSED,
      });
    }
    await this.auth.recordLogin(user.id, protocol);
    await this.loginAudit.succeeded(user, protocol, address);
    const principal = toPrincipal(user);
    this.principals.remember(principal);
    return {
      token: this.tokens.issue(user.id, user.tokenVersion, this.clock.now(), { sso: true }),
      user: mapSessionUser({ ...user, mustChangePassword: false, sso: true }),
      redirect: state.redirect,
    };
  }

  /** Tickets older than the longest session can no longer be logged out or replayed into anything. */
  private lastPrune = 0;
  private async prune(): Promise<void> {
    const now = this.clock.now();
    if (now - this.lastPrune < 3600_000) return;
    this.lastPrune = now;
    const before = new Date(now - 2 * this.config.tokenTtlSeconds * 1000);
    await this.dataSource
      .getRepository(SsoTicket)
      .delete({ createdAt: LessThan(before) })
      .catch((error: Error) => this.logger.warn(`pruning SSO tickets failed: ${error.message}`));
  }
}

function casService(origin: string, state: string): string {
  return `${origin}${CAS_CALLBACK_PATH}?state=${encodeURIComponent(state)}`;
}

function ticketKey(protocol: 'cas' | 'oidc', ticket: string): string {
  return createHash('sha256').update(`${protocol}:${ticket}`).digest('hex');
}

function isNetworkError(error: unknown): boolean {
  const e = error as { name?: string; cause?: unknown } | null;
  return (
    e?.name === 'TimeoutError' || e?.name === 'AbortError' || (e instanceof TypeError && e.message === 'fetch failed')
  );
}
