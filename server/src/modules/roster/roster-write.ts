import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { PasswordHasher } from '../../common/auth/password-hasher';
import { Sql } from '../../database/sql';
import { College } from '../org/college.entity';
import { Department } from '../org/department.entity';
import { SchoolClass } from '../org/school-class.entity';
import { TeachingAssignment } from '../users/teaching-assignment.entity';
import { User } from '../users/user.entity';
import { generateInitialPassword } from './roster-columns';
import { LOOKUP_CHUNK } from './roster-load';
import type { ClassDefinition, Existing, PlannedPerson } from './roster-plan';

/** The writing half of a roster import, inside the import's one transaction. */
@Injectable()
export class RosterWriter {
  constructor(
    private readonly sql: Sql,
    private readonly hasher: PasswordHasher,
  ) {}

  async createOrganisation(
    manager: EntityManager,
    people: PlannedPerson[],
    classes: Map<string, ClassDefinition>,
    existing: Existing,
  ): Promise<void> {
    const collegeNames = new Set<string>();
    for (const p of people) if (p.collegeName) collegeNames.add(p.collegeName);
    for (const c of classes.values()) collegeNames.add(c.collegeName);
    const missingColleges = [...collegeNames].filter((n) => !existing.colleges.has(n));
    if (missingColleges.length > 0) {
      let next = nextCollegeNumber([...existing.colleges.values()]);
      for (const name of missingColleges) {
        const saved = await manager.save(
          College,
          manager.create(College, { name, code: `C${String(next++).padStart(3, '0')}` }),
        );
        existing.colleges.set(name, saved);
      }
    }
    const missingDepartments = [...new Set(people.map((p) => p.departmentName).filter((n): n is string => !!n))].filter(
      (n) => !existing.departments.has(n),
    );
    for (const name of missingDepartments) {
      existing.departments.set(name, await manager.save(Department, manager.create(Department, { name })));
    }
    const missingClasses = [...classes.entries()].filter(([name]) => !existing.classes.has(name));
    if (missingClasses.length > 0) {
      await this.sql.insertMany(
        manager,
        'school_class',
        ['name', 'college_id', 'enrollment_year', 'created_at'],
        missingClasses.map(([name, c]) => [
          name,
          existing.colleges.get(c.collegeName)!.id,
          c.enrollmentYear,
          new Date(),
        ]),
      );
      const saved = await manager.find(SchoolClass, { where: { name: In(missingClasses.map(([n]) => n)) } });
      for (const c of saved) existing.classes.set(c.name, c);
    }
  }

  /**
   * New accounts are inserted and existing ones updated by id: which account a row changes was decided
   * by usernameKey in plan(), never again by the database's collation during an upsert on the name.
   * A college admin's 授课班级 replace only the teacher's classes of that college: classes of other
   * colleges, arranged by the school, are not theirs to remove.
   */
  async writePeople(
    manager: EntityManager,
    created: PlannedPerson[],
    changed: PlannedPerson[],
    existing: Existing,
    scopeCollegeId: number | null,
  ): Promise<void> {
    const now = new Date();
    const idOf = <T extends { id: number }>(map: Map<string, T>, name: string | null | undefined) =>
      name ? map.get(name)!.id : null;
    const columns = [
      'username',
      'username_key',
      'name',
      'role',
      'college_id',
      'class_id',
      'department_id',
      'phone',
      'password_hash',
      'must_change_password',
      'token_version',
      'disabled',
      'created_at',
      'updated_at',
    ];
    const organisation = (p: PlannedPerson, current?: User) => [
      idOf(existing.colleges, p.collegeName),
      idOf(existing.classes, p.className),
      p.departmentName === undefined && current ? current.departmentId : idOf(existing.departments, p.departmentName),
    ];
    await this.sql.insertMany(
      manager,
      'user',
      columns,
      created.map((p) => [
        p.username,
        p.key,
        p.name,
        p.role,
        ...organisation(p),
        p.phone ?? null,
        this.hasher.initialHash(p.initialPassword ?? generateInitialPassword(p.username)),
        true,
        0,
        false,
        now,
        now,
      ]),
    );
    const updates = changed.map((p) => {
      const u = existing.users.get(p.key)!;
      return [
        u.id,
        u.username,
        u.usernameKey,
        p.name,
        p.role,
        ...organisation(p, u),
        p.phone === undefined ? u.phone : p.phone,
        // The insert half never runs (the id exists): a stored password is never touched by an import.
        u.passwordHash,
        u.mustChangePassword,
        u.tokenVersion,
        u.disabled,
        u.createdAt,
        now,
      ];
    });
    await this.sql.upsertMany(manager, 'user', ['id', ...columns], updates, 'id', [
      'name',
      'role',
      'college_id',
      'class_id',
      'department_id',
      'phone',
      'updated_at',
    ]);

    const teachers = [...created, ...changed].filter((p) => p.teachingClassNames !== undefined);
    if (teachers.length === 0) return;
    const ids = new Map<string, number>();
    for (const p of changed) ids.set(p.key, existing.users.get(p.key)!.id);
    const createdTeachers = teachers.filter((t) => !ids.has(t.key));
    for (let i = 0; i < createdTeachers.length; i += LOOKUP_CHUNK) {
      const found = await manager.find(User, {
        where: { usernameKey: In(createdTeachers.slice(i, i + LOOKUP_CHUNK).map((t) => t.key)) },
        select: { id: true, usernameKey: true },
      });
      for (const u of found) ids.set(u.usernameKey, u.id);
    }
    const teacherIds = teachers.map((t) => ids.get(t.key)!);
    for (let i = 0; i < teacherIds.length; i += LOOKUP_CHUNK) {
      const qb = manager
        .createQueryBuilder()
        .delete()
        .from(TeachingAssignment)
        .where('teacher_id IN (:...ids)', { ids: teacherIds.slice(i, i + LOOKUP_CHUNK) });
      if (scopeCollegeId !== null) {
        qb.andWhere('class_id IN (SELECT id FROM school_class WHERE college_id = :college)', {
          college: scopeCollegeId,
        });
      }
      await qb.execute();
    }
    const assignments = teachers.flatMap((t) =>
      (t.teachingClassNames ?? []).map((n) => [ids.get(t.key), existing.classes.get(n)!.id]),
    );
    await this.sql.insertMany(manager, 'teaching_assignment', ['teacher_id', 'class_id'], assignments, {
      ignoreDuplicates: true,
    });
  }
}
function nextCollegeNumber(colleges: College[]): number {
  const numbers = colleges.map((c) => Number(/^C(\d+)$/.exec(c.code)?.[1] ?? 0));
  return Math.max(0, ...numbers) + 1;
}
