import { Injectable } from '@nestjs/common';
import { LOGIN_METHOD_LABELS, type LoginMethod } from '@campus/shared';
import { AuditService } from '../audit/audit.service';

/** Who a sign-in was for: the account when it exists, else only what was typed or sent by the portal. */
export interface LoginSubject {
  user: { id: number; name: string; username: string } | null;
  account: string;
}

/**
 * Sign-ins in the audit log, by password and single sign-on, successes and refusals. Their object is
 * the account (type `account`, not `user`), so a person's detail page keeps listing what admins did
 * to the record rather than every sign-in. Refusals by the
 * throttle itself (an account or address already paused) are not written: they check no password,
 * and one line each would let a flood of guesses flood the log.
 */
@Injectable()
export class LoginAudit {
  constructor(private readonly audit: AuditService) {}

  async succeeded(user: { id: number; name: string; username: string }, method: LoginMethod, address: string) {
    await this.audit.record(
      user,
      'auth.login',
      { type: 'account', id: user.id, name: user.name },
      `${user.username} ${user.name} 通过${LOGIN_METHOD_LABELS[method]}登录`,
      { method, address },
    );
  }

  async failed(subject: LoginSubject, method: LoginMethod, reason: string, address: string) {
    const account = subject.account.slice(0, 64);
    const who = subject.user ? `${subject.user.username} ${subject.user.name}` : `账号「${account}」`;
    await this.audit.record(
      { id: subject.user?.id ?? null, name: subject.user?.name ?? account },
      'auth.login-failed',
      { type: 'account', id: subject.user?.id ?? null, name: subject.user?.name ?? account },
      `${who} 通过${LOGIN_METHOD_LABELS[method]}登录失败：${reason}`,
      { method, address, account },
    );
  }
}
