import { Injectable } from '@nestjs/common';
import type { Role } from '@campus/shared';
import { Sql } from '../../database/sql';
import { TtlCache } from '../cache/ttl-cache';
import { Clock } from '../clock/clock';
import { CacheBus } from '../cluster/cache-bus';
import type { Principal } from './principal';

/**
 * Read once per signed-in user every TTL_MS, so by every student answering an exam every few
 * saves: one prepared statement rather than a TypeORM query (its query building cost more CPU than
 * the save itself; pnpm bench:examday --costs).
 */
const PRINCIPAL_SQL = `SELECT id, username, name, role, college_id AS collegeId, class_id AS classId,
  token_version AS tokenVersion, must_change_password AS mustChangePassword, disabled
  FROM user WHERE id = ?`;

interface PrincipalRow {
  id: number;
  username: string;
  name: string;
  role: string;
  collegeId: number | null;
  classId: number | null;
  tokenVersion: number;
  mustChangePassword: number | boolean;
  disabled: number | boolean;
}

const TTL_MS = 15_000;

/**
 * What a principal is made of: the account's fields as the users feature's entity has them (its
 * User satisfies this), declared here so authentication does not depend on that feature.
 */
export interface PrincipalFields {
  id: number;
  username: string;
  name: string;
  role: Role;
  collegeId: number | null;
  classId: number | null;
  tokenVersion: number;
  mustChangePassword: boolean;
  disabled: boolean;
}

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
  private readonly entries: TtlCache<number, Principal>;

  constructor(
    private readonly sql: Sql,
    private readonly bus: CacheBus,
    clock: Clock,
  ) {
    this.entries = new TtlCache({ ttlMs: TTL_MS, maxEntries: MAX_ENTRIES, clock });
    bus.on((message) => {
      if (message.kind === 'principal') this.entries.delete(message.id);
    });
  }

  async get(userId: number): Promise<Principal | null> {
    const hit = this.entries.get(userId);
    if (hit) return hit;
    const [row] = await this.sql.hotRows<PrincipalRow>(PRINCIPAL_SQL, [userId]);
    const user = row && {
      ...row,
      role: row.role as Role,
      // Booleans come back as 0/1 from both drivers.
      mustChangePassword: Boolean(row.mustChangePassword),
      disabled: Boolean(row.disabled),
    };
    if (!user) {
      this.entries.delete(userId);
      return null;
    }
    const principal = toPrincipal(user);
    this.entries.set(userId, principal);
    return principal;
  }

  /** Login has just read the user: keep it, so the first request after login needs no query. */
  remember(principal: Principal): void {
    this.entries.set(principal.id, principal);
  }

  /** After a password, role or account change: here at once, on other instances through the bus. */
  evict(userId: number): void {
    this.bus.publish({ kind: 'principal', id: userId });
  }

  clear(): void {
    this.entries.clear();
  }
}
