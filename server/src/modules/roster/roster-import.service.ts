import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { Role, type RosterImportResult } from '@campus/shared';
import { AccessService } from '../../common/auth/access.service';
import type { Principal } from '../../common/auth/principal';
import { PrincipalCache } from '../../common/auth/principal-cache';
import { readTabularFile } from '../../common/files/tabular-file';
import { Sql } from '../../database/sql';
import { AuditService } from '../audit/audit.service';
import { generateInitialPassword, toRosterSheet, type RosterSheet } from './roster-columns';
import { loadExisting } from './roster-load';
import { personDiffers, planRoster, type PlannedPerson } from './roster-plan';
import { RosterWriter } from './roster-write';

/** A whole school's roster in one file (the benchmark imports 30,000 rows); beyond, split the file. */
export const ROSTER_MAX_ROWS = 50_000;

/**
 * Imports a school's roster: validates every row first, then writes everything in one transaction
 * or nothing at all. Bulk statements keep 30,000 rows within seconds (`pnpm bench:roster`).
 */
@Injectable()
export class RosterImportService {
  constructor(
    private readonly sql: Sql,
    private readonly access: AccessService,
    private readonly writer: RosterWriter,
    private readonly principals: PrincipalCache,
    private readonly audit: AuditService,
  ) {}

  async import(principal: Principal, file: Buffer, dryRun: boolean): Promise<RosterImportResult> {
    return this.importSheet(
      principal,
      toRosterSheet(await readTabularFile(file, { maxRows: ROSTER_MAX_ROWS })),
      dryRun,
    );
  }

  async importSheet(principal: Principal, sheet: RosterSheet, dryRun: boolean): Promise<RosterImportResult> {
    if (sheet.rows.length === 0) throw new UnprocessableEntityException('文件中只有表头，没有人员数据');
    const existing = await loadExisting(this.sql.dataSource.manager, sheet);
    const { people, classes, errors } = planRoster(principal, this.access.assignableRoles(principal), sheet, existing);
    const scope = this.scopeCollegeId(principal);

    const isNew = (p: PlannedPerson) => !existing.users.has(p.key);
    const changed = people.filter((p) => !isNew(p) && personDiffers(p, existing, scope));
    const created = people.filter(isNew);
    const newColleges = [
      ...new Set([...people.map((p) => p.collegeName), ...[...classes.values()].map((c) => c.collegeName)]),
    ].filter((n): n is string => n !== null && !existing.colleges.has(n));
    const newClasses = [...classes.keys()].filter((n) => !existing.classes.has(n));
    const result: RosterImportResult = {
      dryRun,
      created: created.length,
      updated: changed.length,
      unchanged: people.length - created.length - changed.length,
      errors,
      newColleges,
      newClasses,
      generatedPasswords: created.filter((p) => p.initialPassword === null).length,
    };
    if (errors.length > 0) {
      throw new UnprocessableEntityException({
        message: `花名册有 ${errors.length} 处错误，未导入任何数据，请修改后重新上传`,
        ...result,
        created: 0,
        updated: 0,
        unchanged: 0,
        generatedPasswords: 0,
      });
    }
    if (dryRun) return result;

    // Drawn only now, for the accounts about to be created: shown once in this answer, kept as a digest.
    const initialPasswords = created
      .filter((p) => p.initialPassword === null)
      .map((p) => {
        p.initialPassword = generateInitialPassword(p.username);
        return { username: p.username, name: p.name, password: p.initialPassword };
      });

    await this.sql.transaction(async (manager) => {
      await this.writer.createOrganisation(manager, people, classes, existing);
      await this.writer.writePeople(manager, created, changed, existing, scope);
    });
    for (const p of changed) {
      const user = existing.users.get(p.key);
      if (user) this.principals.evict(user.id);
    }
    // Role changes are what an audit reader looks for first; listed by name (the first 200).
    const roleChanges = changed
      .filter((p) => existing.users.get(p.key)?.role !== p.role)
      .slice(0, 200)
      .map((p) => {
        const user = existing.users.get(p.key);
        return { username: user?.username ?? p.username, from: user?.role, to: p.role };
      });
    const roleNote = roleChanges.length > 0 ? `，其中 ${roleChanges.length} 人身份变更` : '';
    const passwordNote = initialPasswords.length > 0 ? `，生成随机初始密码 ${initialPasswords.length} 个` : '';
    await this.audit.record(
      principal,
      'roster.import',
      { type: 'roster' },
      `导入花名册：新增 ${result.created} 人，更新 ${result.updated} 人${roleNote}${passwordNote}`,
      {
        roleChanges,
        created: result.created,
        updated: result.updated,
        unchanged: result.unchanged,
        newColleges: result.newColleges,
        newClasses: result.newClasses,
        generatedPasswords: initialPasswords.length,
      },
    );
    return { ...result, initialPasswords };
  }

  /** The college a college admin's import is confined to; null for school-wide importers. */
  private scopeCollegeId(principal: Principal): number | null {
    return principal.role === Role.CollegeAdmin ? principal.collegeId : null;
  }
}
