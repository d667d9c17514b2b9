import {
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  Optional,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { hasPermission, URGENT_ALERT_PENDING, type Role } from '@campus/shared';
import {
  ACCESS_KEY,
  PENDING_ALERT_OK_KEY,
  PENDING_PASSWORD_OK_KEY,
  type AccessRule,
  type RequestWithPrincipal,
} from './access.decorators';
import { PENDING_ALERT_CHECK, type PendingAlertCheck } from './pending-alert-check';
import { PrincipalCache } from './principal-cache';
import { TokenService } from './token.service';

/** Whether a role passes a route's rule (authentication aside). */
export function ruleAllows(rule: AccessRule, role: Role): boolean {
  switch (rule.kind) {
    case 'public':
    case 'signed-in':
      return true;
    case 'permissions':
      return rule.permissions.every((p) => hasPermission(role, p));
    case 'any-permission':
      return rule.permissions.some((p) => hasPermission(role, p));
  }
}

interface RouteRule {
  rule: AccessRule | undefined;
  /** Reachable before the forced password change. */
  pendingOk: boolean;
  /** Reachable while an urgent alert waits to be acknowledged. */
  alertOk: boolean;
}

interface GuardedRequest extends RequestWithPrincipal {
  headers: Record<string, string | string[] | undefined>;
  url: string;
}

/**
 * The one gate every request passes. A route must declare who may call it (@Public, @SignedIn or
 * @Permissions); a route that declares nothing is refused, so forgetting is never an open door.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);
  /** Route metadata never changes at run time: read it once per handler. */
  private readonly rules = new WeakMap<object, RouteRule>();

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly principals: PrincipalCache,
    @Optional() @Inject(PENDING_ALERT_CHECK) private readonly pendingAlerts?: PendingAlertCheck,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { rule, pendingOk, alertOk } = this.routeRule(context);
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    if (!rule) {
      this.logger.error(`Route ${request.url} declares no access rule; refusing it`);
      throw new ForbiddenException('该接口未声明访问权限');
    }
    if (rule.kind === 'public') return true;

    const principal = await this.authenticate(request);
    if (principal.mustChangePassword && !pendingOk) {
      throw new ForbiddenException({ message: '请先修改初始密码', code: 'PASSWORD_CHANGE_REQUIRED' });
    }
    if (!ruleAllows(rule, principal.role)) throw new ForbiddenException('没有权限执行此操作');
    if (!alertOk && this.pendingAlerts && (await this.pendingAlerts.blocks(principal))) {
      throw new ForbiddenException({ message: '请先阅读并确认紧急预警', code: URGENT_ALERT_PENDING });
    }
    request.principal = principal;
    return true;
  }

  private routeRule(context: ExecutionContext): RouteRule {
    const handler = context.getHandler();
    let cached = this.rules.get(handler);
    if (!cached) {
      const targets = [handler, context.getClass()];
      cached = {
        rule: this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, targets),
        pendingOk: this.reflector.getAllAndOverride<boolean | undefined>(PENDING_PASSWORD_OK_KEY, targets) ?? false,
        alertOk: this.reflector.getAllAndOverride<boolean | undefined>(PENDING_ALERT_OK_KEY, targets) ?? false,
      };
      this.rules.set(handler, cached);
    }
    return cached;
  }

  private async authenticate(request: GuardedRequest) {
    const header = request.headers.authorization;
    const value = Array.isArray(header) ? header[0] : header;
    if (!value?.startsWith('Bearer ')) throw new UnauthorizedException('请先登录');
    const claims = this.tokens.verify(value.slice(7).trim());
    if (!claims) throw new UnauthorizedException('登录已过期，请重新登录');
    const principal = await this.principals.get(claims.sub);
    if (!principal || principal.disabled || principal.tokenVersion !== claims.v) {
      throw new UnauthorizedException('登录已失效，请重新登录');
    }
    // The school's portal vouched for this person: an initial password they never use need not be
    // changed. A copy, since cached principals are shared by every session of the account.
    return claims.sso ? { ...principal, mustChangePassword: false, sso: true } : principal;
  }
}
