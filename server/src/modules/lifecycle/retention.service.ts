import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { usernameKey, type RetentionRunResult, type RetentionStatus } from '@campus/shared';
import { In, IsNull, Not, type DataSource } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import type { Principal } from '../../common/auth/principal';
import { PrincipalCache } from '../../common/auth/principal-cache';
import { FileStore } from '../../common/files/file-store';
import { AppConfig } from '../../config/app-config';
import { Sql } from '../../database/sql';
import { AntiFraudAppReport } from '../anti-fraud-app/anti-fraud-app-report.entity';
import { AuditService, SYSTEM_ACTOR } from '../audit/audit.service';
import { User } from '../users/user.entity';

/** What an anonymised person is called. Their 学号 becomes `anon-<id>`, unique like any other. */
export const ANONYMISED_NAME = '已匿名';
/** Matches no password scheme (PasswordHasher): the account can never sign in again. */
const NO_PASSWORD = '!anonymised';
const BATCH = 500;

/**
 * 个人信息保护法: personal data is kept no longer than needed. People gone — graduates archived by
 * the 新学年 rollover, accounts an admin disabled — keep their data for RETENTION_YEARS after they
 * left (disabled_at); then a nightly job replaces their name, 学号 and phone with placeholders and
 * deletes their uploaded APP screenshot. The rows that make the statistics (attempts, answers,
 * completions, confirmations, APP flags) stay, tied to the anonymous account, so every figure of
 * their year stays what it was.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sql: Sql,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly files: FileStore,
    private readonly principals: PrincipalCache,
  ) {}

  /** The moment before which someone who left is due. */
  cutoff(now = this.clock.date()): Date {
    const cutoff = new Date(now);
    cutoff.setUTCFullYear(cutoff.getUTCFullYear() - this.config.retentionYears);
    return cutoff;
  }

  async status(): Promise<RetentionStatus> {
    const repo = this.dataSource.getRepository(User);
    const [waiting, anonymised, due] = await Promise.all([
      repo.count({ where: { disabled: true, anonymisedAt: IsNull() } }),
      repo.count({ where: { anonymisedAt: Not(IsNull()) } }),
      this.dueIds().then((ids) => ids.length),
    ]);
    return { years: this.config.retentionYears, waiting, due, anonymised };
  }

  private async dueIds(): Promise<number[]> {
    const rows = await this.sql.query<Array<{ id: unknown }>>(
      `SELECT id FROM user WHERE disabled = ? AND anonymised_at IS NULL AND COALESCE(disabled_at, updated_at) <= ? ORDER BY id`,
      [true, this.cutoff()],
    );
    return rows.map((r) => Number(r.id));
  }

  /**
   * Anonymises everyone due, in batches of one transaction each, and writes one audit line for the
   * run (by the admin who pressed 立即执行, or by the scheduler).
   */
  async run(actor: Pick<Principal, 'id' | 'name'> | typeof SYSTEM_ACTOR = SYSTEM_ACTOR): Promise<RetentionRunResult> {
    const ids = await this.dueIds();
    const now = this.clock.date();
    let filesRemoved = 0;
    for (let i = 0; i < ids.length; i += BATCH) {
      const chunk = ids.slice(i, i + BATCH);
      const screenshots = await this.sql.transaction(async (manager) => {
        for (const id of chunk) {
          const username = `anon-${id}`;
          await this.sql.query(
            `UPDATE user SET username = ?, username_key = ?, name = ?, phone = NULL, password_hash = ?, anonymised_at = ?
             WHERE id = ? AND anonymised_at IS NULL`,
            [username, usernameKey(username), ANONYMISED_NAME, NO_PASSWORD, now, id],
            manager,
          );
        }
        const reports = await manager.find(AntiFraudAppReport, {
          where: { userId: In(chunk), screenshotFileId: Not(IsNull()) },
          select: { userId: true, screenshotFileId: true },
        });
        if (reports.length > 0)
          await manager.update(
            AntiFraudAppReport,
            { userId: In(reports.map((r) => r.userId)) },
            { screenshotFileId: null },
          );
        return reports.map((r) => r.screenshotFileId!);
      });
      // The rows no longer point at the files: removing them after the commit can only leave an
      // orphan behind (which the upload sweeper removes), never a row without its file.
      for (const fileId of screenshots) {
        await this.files.remove(fileId);
        filesRemoved += 1;
      }
      for (const id of chunk) this.principals.evict(id);
    }
    if (ids.length > 0 || actor !== SYSTEM_ACTOR) {
      await this.audit.record(
        actor,
        'retention.anonymise',
        { type: 'user' },
        `匿名化离校满 ${this.config.retentionYears} 年人员 ${ids.length} 人（姓名、学号、手机号替换为占位符，删除截图 ${filesRemoved} 个）`,
        { userIds: ids.length <= 5000 ? ids : undefined, count: ids.length, filesRemoved },
      );
    }
    if (ids.length > 0) this.logger.log(`Retention: ${ids.length} people anonymised`);
    return { anonymised: ids.length, filesRemoved };
  }

  /** Refuses an id that is no account (404), for the export. */
  async person(id: number): Promise<User> {
    const user = await this.dataSource.getRepository(User).findOne({ where: { id } });
    if (!user) throw new NotFoundException('用户不存在');
    return user;
  }
}
