import { usernameKey, Role } from '@campus/shared';
import { In, type EntityManager } from 'typeorm';
import { College } from '../org/college.entity';
import { Department } from '../org/department.entity';
import { SchoolClass } from '../org/school-class.entity';
import { TeachingAssignment } from '../users/teaching-assignment.entity';
import { User } from '../users/user.entity';
import type { RosterSheet } from './roster-columns';
import type { Existing } from './roster-plan';

/** Lookups by a list of values go in chunks of this many. */
export const LOOKUP_CHUNK = 1000;

/** The school as it is now, and the accounts the file names: what the import compares against. */
export async function loadExisting(manager: EntityManager, sheet: RosterSheet): Promise<Existing> {
  const [colleges, classes, departments] = await Promise.all([
    manager.find(College),
    manager.find(SchoolClass),
    manager.find(Department),
  ]);
  const keys = [...new Set(sheet.rows.map((r) => usernameKey(r.cells.username ?? '')).filter(Boolean))];
  const users = new Map<string, User>();
  for (let i = 0; i < keys.length; i += LOOKUP_CHUNK) {
    const found = await manager.find(User, { where: { usernameKey: In(keys.slice(i, i + LOOKUP_CHUNK)) } });
    for (const u of found) users.set(u.usernameKey, u);
  }
  const classNameById = new Map(classes.map((c) => [c.id, c.name]));
  const teacherIds = [...users.values()].filter((u) => u.role === Role.Teacher).map((u) => u.id);
  const teaching = new Map<number, Set<string>>();
  for (let i = 0; i < teacherIds.length; i += LOOKUP_CHUNK) {
    const rows = await manager.find(TeachingAssignment, {
      where: { teacherId: In(teacherIds.slice(i, i + LOOKUP_CHUNK)) },
    });
    for (const row of rows) {
      const set = teaching.get(row.teacherId) ?? new Set<string>();
      set.add(classNameById.get(row.classId) ?? '');
      teaching.set(row.teacherId, set);
    }
  }
  return {
    colleges: new Map(colleges.map((c) => [c.name, c])),
    collegeNameById: new Map(colleges.map((c) => [c.id, c.name])),
    classes: new Map(classes.map((c) => [c.name, c])),
    classNameById,
    departments: new Map(departments.map((d) => [d.name, d])),
    departmentNameById: new Map(departments.map((d) => [d.id, d.name])),
    users,
    teaching,
  };
}
