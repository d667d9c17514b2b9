import { BadRequestException, Injectable } from '@nestjs/common';
import { usernameKey, type InitialPasswordRow } from '@campus/shared';
import { In } from 'typeorm';
import { AccessService } from '../../common/auth/access.service';
import { PasswordHasher } from '../../common/auth/password-hasher';
import type { Principal } from '../../common/auth/principal';
import { buildXlsx } from '../../common/files/xlsx-export';
import { Sql } from '../../database/sql';
import { AuditService } from '../audit/audit.service';
import { User } from '../users/user.entity';
import { ROSTER_MAX_ROWS } from './roster-import.service';

const LOOKUP_CHUNK = 1000;

/**
 * The table of initial passwords an import generated, for the admin to hand out. The server keeps
 * only digests, so the table is built from what the import answered, and only rows that are still
 * true go in: an account the caller may manage whose stored password is still exactly that initial
 * password (a person who has already signed in and changed it is left out). A personal-data export,
 * so it is audited.
 */
@Injectable()
export class InitialPasswordsService {
  constructor(
    private readonly sql: Sql,
    private readonly access: AccessService,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
  ) {}

  async export(principal: Principal, rows: InitialPasswordRow[]): Promise<Buffer> {
    if (rows.length > ROSTER_MAX_ROWS) throw new BadRequestException(`一次最多导出 ${ROSTER_MAX_ROWS} 个账号`);
    const keys = [...new Set(rows.map((r) => usernameKey(r.username)))];
    const users = new Map<string, User>();
    for (let i = 0; i < keys.length; i += LOOKUP_CHUNK) {
      const found = await this.sql.dataSource.manager.find(User, {
        where: { usernameKey: In(keys.slice(i, i + LOOKUP_CHUNK)) },
      });
      for (const u of found) users.set(u.usernameKey, u);
    }
    const valid = rows.flatMap((row) => {
      const user = users.get(usernameKey(row.username));
      if (!user || !this.access.canReachCollege(principal, user.collegeId)) return [];
      if (!this.access.assignableRoles(principal).has(user.role)) return [];
      if (!this.hasher.isInitial(row.password, user.passwordHash)) return [];
      return [[user.username, user.name, row.password]];
    });
    if (valid.length === 0) {
      throw new BadRequestException('没有可导出的初始密码：这些账号已修改密码，或不在您的管理范围内');
    }
    await this.audit.record(
      principal,
      'roster.passwords-export',
      { type: 'roster' },
      `导出初始密码 ${valid.length} 人`,
      { count: valid.length, usernames: valid.slice(0, 200).map((r) => r[0]) },
    );
    return buildXlsx([
      {
        name: '初始密码',
        columns: [
          { header: '账号', width: 16 },
          { header: '姓名', width: 14 },
          { header: '初始密码', width: 16 },
        ],
        rows: valid,
      },
    ]);
  }
}
