import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { alertAddressedTo, ROLES_BLOCKED_BY_URGENT_ALERTS, type AlertAudience } from '@campus/shared';
import { In, IsNull, type DataSource } from 'typeorm';
import type { PendingAlertCheck } from '../../common/auth/pending-alert-check';
import type { Principal } from '../../common/auth/principal';
import { TtlValue } from '../../common/cache/ttl-cache';
import { Clock } from '../../common/clock/clock';
import { CacheBus } from '../../common/cluster/cache-bus';
import { AlertRead } from './alert-read.entity';
import { Alert } from './alert.entity';

/** How long the list of live urgent alerts is trusted; a publish or withdraw drops it at once (CacheBus). */
const LIVE_TTL_MS = 10_000;
/** Users whose read receipts are remembered; past this the memory is simply started afresh. */
const MAX_USERS = 50_000;

interface UrgentAlert {
  id: number;
  audience: AlertAudience;
  publishAt: number;
}

/**
 * Answers the access guard on every request: must this student or teacher acknowledge an urgent
 * alert first? It must cost nothing on the exam-day hot path, so it answers from memory:
 * - the urgent alerts not withdrawn (scheduled ones included; their time is compared on each check),
 *   read at most every LIVE_TTL_MS and dropped on publish/withdraw;
 * - per person, the urgent alerts they are known to have read. Reading is permanent, so what is known
 *   never goes stale. Only a person who looks blocked is checked against the database (they may have
 *   acknowledged on another instance) before being refused, and they are stopped anyway.
 * With no urgent alert live, or all of them read, a check is two in-memory lookups.
 */
@Injectable()
export class UrgentAlertGate implements PendingAlertCheck {
  private readonly live: TtlValue<UrgentAlert[]>;
  private readonly known = new Map<number, Set<number>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bus: CacheBus,
    private readonly clock: Clock,
  ) {
    this.live = new TtlValue({ ttlMs: LIVE_TTL_MS, clock });
    bus.on((message) => {
      if (message.kind === 'alerts') this.drop();
    });
  }

  async blocks(principal: Principal): Promise<boolean> {
    if (!ROLES_BLOCKED_BY_URGENT_ALERTS.includes(principal.role)) return false;
    return (await this.pendingFor(principal)).length > 0;
  }

  /** Ids of the published urgent alerts addressed to the person that they have not acknowledged. */
  async pendingFor(principal: Principal): Promise<number[]> {
    const now = this.clock.now();
    const addressed = (await this.liveUrgent()).filter(
      (a) => a.publishAt <= now && alertAddressedTo(a.audience, principal),
    );
    if (addressed.length === 0) return [];
    const known = this.known.get(principal.id);
    const unknown = addressed.filter((a) => !known?.has(a.id)).map((a) => a.id);
    if (unknown.length === 0) return [];
    const reads = await this.dataSource.getRepository(AlertRead).find({
      where: { userId: principal.id, alertId: In(unknown) },
      select: { alertId: true },
    });
    for (const read of reads) this.remember(principal.id, read.alertId);
    const read = new Set(reads.map((r) => r.alertId));
    return unknown.filter((id) => !read.has(id));
  }

  /** The person has just read an alert (on this instance). */
  remember(userId: number, alertId: number): void {
    let set = this.known.get(userId);
    if (!set) {
      if (this.known.size >= MAX_USERS) this.known.clear();
      set = new Set();
      this.known.set(userId, set);
    }
    set.add(alertId);
  }

  /** An alert was published or withdrawn: every instance reloads the live list. */
  invalidate(): void {
    this.bus.publish({ kind: 'alerts' });
  }

  private drop(): void {
    this.live.clear();
  }

  private liveUrgent(): Promise<UrgentAlert[]> | UrgentAlert[] {
    // One query however many requests arrive while it runs; a publish or withdraw while it runs
    // makes its answer stale, so that answer goes to its callers only.
    return this.live.getOrLoad(() => this.load());
  }

  private async load(): Promise<UrgentAlert[]> {
    const rows = await this.dataSource.getRepository(Alert).find({
      where: { level: 'urgent', withdrawnAt: IsNull() },
      select: { id: true, audience: true, publishAt: true },
    });
    // Alerts addressed only to admins (e.g. 重大信息 notices to the office) never block anyone.
    return rows
      .filter(
        (a) =>
          a.audience.roles.length === 0 || a.audience.roles.some((r) => ROLES_BLOCKED_BY_URGENT_ALERTS.includes(r)),
      )
      .map((a) => ({ id: a.id, audience: a.audience, publishAt: a.publishAt.getTime() }));
  }
}
