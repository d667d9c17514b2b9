import { BadRequestException, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  passwordProblem,
  Role,
  SSO_REQUIRED,
  usernameKey,
  type LoginMethod,
  type LoginRequest,
  type LoginResponse,
  type SessionUser,
} from '@campus/shared';
import type { DataSource } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { LoginThrottle } from '../../common/auth/login-throttle';
import { PasswordHasher } from '../../common/auth/password-hasher';
import type { Principal } from '../../common/auth/principal';
import { PrincipalCache, toPrincipal } from '../../common/auth/principal-cache';
import { TokenService } from '../../common/auth/token.service';
import { AppConfig } from '../../config/app-config';
import { User } from '../users/user.entity';
import { mapSessionUser } from '../users/user.mapper';
import { LoginAudit } from './login-audit';
import { PasswordUpgrader } from './password-upgrader';

const BAD_CREDENTIALS = '学号/工号或密码错误';

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
    private readonly principals: PrincipalCache,
    private readonly upgrader: PasswordUpgrader,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly loginAudit: LoginAudit,
  ) {}

  /**
   * With SSO_PASSWORD_LOGIN=admins only administrators keep their local passwords (for when the
   * portal is down); students and teachers use 统一身份认证.
   */
  private passwordAllowed(role: Role): boolean {
    if (this.config.sso.passwordLogin === 'all') return true;
    return role === Role.CollegeAdmin || role === Role.SchoolAdmin || role === Role.Sysadmin;
  }

  async login(request: LoginRequest, address: string): Promise<LoginResponse> {
    const name = usernameKey(request.username);
    await this.throttle.assertAccountAllowed(name, address);
    await this.throttle.assertAddressCleared(address, request);
    const user = await this.dataSource.getRepository(User).findOne({ where: { usernameKey: name } });
    // One check per account at a time, and the counts read again once it is ours: a burst of
    // concurrent guesses gets exactly as many checks as the pause allows.
    const ok = await this.throttle.oneCheckAtATime(name, async () => {
      await this.throttle.assertAccountAllowed(name, address);
      // An unknown name takes as long as a known one (PasswordHasher.verify), so timing does not tell.
      return this.hasher.verify(request.password, user?.passwordHash ?? null);
    });
    const subject = { user, account: request.username };
    if (!user || !ok) {
      await this.throttle.recordFailure(name, address);
      await this.loginAudit.failed(subject, 'password', user ? '密码错误' : '账号不存在', address);
      throw new UnauthorizedException(BAD_CREDENTIALS);
    }
    await this.throttle.recordSuccess(name, address);
    if (user.disabled) {
      await this.loginAudit.failed(subject, 'password', '账号已停用', address);
      throw new ForbiddenException('账号已停用，请联系管理员');
    }
    // Checked after the password, so the answer does not tell who exists without knowing a password.
    if (!this.passwordAllowed(user.role)) {
      await this.loginAudit.failed(subject, 'password', '本校要求使用统一身份认证', address);
      throw new ForbiddenException({ message: '本校已启用统一身份认证，请点击“统一身份认证登录”', code: SSO_REQUIRED });
    }
    if (this.hasher.isDeferred(user.passwordHash)) {
      this.upgrader.schedule(user.id, request.password, user.passwordHash);
    }
    await this.recordLogin(user.id, 'password');
    await this.loginAudit.succeeded(user, 'password', address);
    return this.session(user);
  }

  /**
   * A successful sign-in, by password or single sign-on (which passes its method): the person's
   * detail page shows when and how they last signed in. One UPDATE by primary key.
   */
  async recordLogin(userId: number, method: LoginMethod): Promise<void> {
    await this.dataSource
      .getRepository(User)
      .update({ id: userId }, { lastLoginAt: this.clock.date(), lastLoginMethod: method });
  }

  private session(user: User): LoginResponse {
    this.principals.remember(toPrincipal(user));
    return { token: this.tokens.issue(user.id, user.tokenVersion), user: mapSessionUser(user) };
  }

  async me(principal: Principal): Promise<SessionUser> {
    return mapSessionUser(principal);
  }

  /**
   * Changing the password ends every session of the account: tokens carry the old version. The
   * caller gets a new session at once, so a freshman's forced change costs one slow hash (or none,
   * see PasswordHasher.hashNow), not a second login.
   */
  async changePassword(
    principal: Principal,
    oldPassword: string,
    newPassword: string,
    address: string,
  ): Promise<LoginResponse> {
    const repo = this.dataSource.getRepository(User);
    const user = await repo.findOneByOrFail({ id: principal.id });
    // A wrong old password counts like a failed login (a session left open on a lab computer must
    // not become a way to guess the password), and one check per account runs at a time.
    await this.throttle.assertAccountAllowed(user.usernameKey, address);
    const ok = await this.throttle.oneCheckAtATime(user.usernameKey, async () => {
      await this.throttle.assertAccountAllowed(user.usernameKey, address);
      return this.hasher.verify(oldPassword, user.passwordHash);
    });
    if (!ok) {
      await this.throttle.recordFailure(user.usernameKey, address);
      throw new BadRequestException({
        message: '原密码不正确',
        errors: [{ field: 'oldPassword', message: '原密码不正确' }],
      });
    }
    await this.throttle.recordSuccess(user.usernameKey, address);
    const problem = passwordProblem(newPassword, user.username);
    if (problem)
      throw new BadRequestException({ message: problem, errors: [{ field: 'newPassword', message: problem }] });
    if (newPassword === oldPassword) {
      throw new BadRequestException({
        message: '新密码不能与原密码相同',
        errors: [{ field: 'newPassword', message: '新密码不能与原密码相同' }],
      });
    }
    if (newPassword.includes(user.username)) {
      throw new BadRequestException({
        message: '新密码不能包含学号/工号',
        errors: [{ field: 'newPassword', message: '新密码不能包含学号/工号' }],
      });
    }
    const first = await this.hasher.hashNow(newPassword);
    const passwordHash =
      first.deferred && !this.upgrader.hasRoom
        ? await this.hasher.hash(newPassword) // the upgrade queue is full: hash now after all
        : first.stored;
    const changes = { passwordHash, mustChangePassword: false, tokenVersion: user.tokenVersion + 1 };
    await repo.update({ id: user.id }, changes);
    // After the write: the upgrade replaces exactly what is stored.
    if (this.hasher.isDeferred(passwordHash)) this.upgrader.schedule(user.id, newPassword, passwordHash);
    this.principals.evict(user.id);
    return this.session(Object.assign(user, changes));
  }
}
