import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PasswordHasher } from '../../common/auth/password-hasher';
import { User } from '../users/user.entity';

/** More than a whole freshman year changing passwords at once; past it a change hashes at once. */
const MAX_PENDING = 50_000;

/**
 * Rest after each hash, as a multiple of the time it took: 1 (half of one core) normally, 9 (a tenth
 * of one core) while students are answering (PasswordHasher.yielding), so on exam day the upgrades
 * take almost nothing from their saves yet still finish: 10,000 in about 80 minutes at worst.
 */
const REST_RATIO = 1;
const REST_RATIO_WHILE_ANSWERING = 9;

/**
 * Replaces passwords stored in the keyed form (`hmac$`, see PasswordHasher) with scrypt, one at a
 * time and only while no sign-in is waiting for a slow hash, resting as long as each hash took (at
 * most half of one core), or nine times as long while students are answering (a tenth of a core). The plain password is held in
 * memory only until then; if the process stops first, the account's next login upgrades it.
 */
@Injectable()
export class PasswordUpgrader implements OnApplicationShutdown {
  private readonly logger = new Logger(PasswordUpgrader.name);
  private readonly pending = new Map<number, { password: string; stored: string }>();
  private draining = false;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
  ) {}

  /** Whether another job fits; when full, callers hash at once instead. */
  get hasRoom(): boolean {
    return this.pending.size < MAX_PENDING;
  }

  /** Upgrades `stored` (still the keyed form of `password`) to scrypt when there is time. */
  schedule(userId: number, password: string, stored: string): void {
    this.pending.set(userId, { password, stored });
    void this.drain();
  }

  get queued(): number {
    return this.pending.size;
  }

  /** Resolves when nothing is left to upgrade or being upgraded. */
  async settled(): Promise<void> {
    while ((this.pending.size > 0 || this.draining) && !this.stopped) await new Promise((r) => setTimeout(r, 20));
  }

  onApplicationShutdown(): void {
    this.stopped = true;
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.pending.size > 0 && !this.stopped) {
        if (!this.hasher.idle) {
          await new Promise((r) => setTimeout(r, 100));
          continue;
        }
        const [userId, job] = this.pending.entries().next().value as [number, { password: string; stored: string }];
        this.pending.delete(userId);
        const started = performance.now();
        try {
          const passwordHash = await this.hasher.hash(job.password);
          // Only if the keyed form is still what is stored: a newer change or a reset wins.
          await this.dataSource
            .createQueryBuilder()
            .update(User)
            .set({ passwordHash })
            .where('id = :userId AND password_hash = :stored', { userId, stored: job.stored })
            .execute();
        } catch (error) {
          this.logger.warn(`password upgrade of user ${userId} postponed: ${(error as Error).message}`);
          if (!this.pending.has(userId)) this.pending.set(userId, job); // to the back of the line
        }
        const ratio = this.hasher.yielding ? REST_RATIO_WHILE_ANSWERING : REST_RATIO;
        await new Promise((r) => setTimeout(r, (performance.now() - started) * ratio));
      }
    } finally {
      this.draining = false;
    }
  }
}
