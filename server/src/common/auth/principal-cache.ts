import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { User } from '../../modules/users/user.entity';
import { CacheBus } from '../cluster/cache-bus';
import type { Principal } from './principal';

const TTL_MS = 15_000;

type PrincipalFields = Pick<
  User,
  'id' | 'username' | 'name' | 'role' | 'collegeId' | 'classId' | 'tokenVersion' | 'mustChangePassword' | 'disabled'
>;

export function toPrincipal(user: PrincipalFields): Principal {
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    role: user.role,
    collegeId: user.collegeId,
    classId: user.classId,
    tokenVersion: user.tokenVersion,
    mustChangePassword: user.mustChangePassword,
    disabled: user.disabled,
  };
}
const MAX_ENTRIES = 50_000;

/**
 * Every request needs the caller's role, college and token version. Reading the user row each time
 * would double the queries of the exam save path, so principals are cached briefly. A password or
 * role change evicts at once, on every instance (CacheBus); without Redis another instance notices
 * within TTL_MS.
 */
@Injectable()
export class PrincipalCache {
  private readonly entries = new Map<number, { principal: Principal; expires: number }>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bus: CacheBus,
  ) {
    bus.on((message) => {
      if (message.kind === 'principal') this.entries.delete(message.id);
    });
  }

  async get(userId: number): Promise<Principal | null> {
    const now = Date.now();
    const hit = this.entries.get(userId);
    if (hit && hit.expires > now) return hit.principal;
    const user = await this.dataSource.getRepository(User).findOne({
      where: { id: userId },
      select: {
        id: true,
        username: true,
        name: true,
        role: true,
        collegeId: true,
        classId: true,
        tokenVersion: true,
        mustChangePassword: true,
        disabled: true,
      },
    });
    if (!user) {
      this.entries.delete(userId);
      return null;
    }
    const principal = toPrincipal(user);
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(userId, { principal, expires: now + TTL_MS });
    return principal;
  }

  /** Login has just read the user: keep it, so the first request after login needs no query. */
  remember(principal: Principal): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(principal.id, { principal, expires: Date.now() + TTL_MS });
  }

  /** After a password, role or account change: here at once, on other instances through the bus. */
  evict(userId: number): void {
    this.bus.publish({ kind: 'principal', id: userId });
  }

  clear(): void {
    this.entries.clear();
  }
}
