import type { SessionUser, UserDto } from '@campus/shared';
import type { User } from './user.entity';

/** The only ways a user leaves the server: never the entity itself, so no hash can slip out. */
export function mapSessionUser(
  user: Pick<User, 'id' | 'username' | 'name' | 'role' | 'collegeId' | 'classId' | 'mustChangePassword'> & {
    sso?: boolean;
  },
): SessionUser {
  const session: SessionUser = {
    id: user.id,
    username: user.username,
    name: user.name,
    role: user.role,
    collegeId: user.collegeId,
    classId: user.classId,
    mustChangePassword: user.mustChangePassword,
  };
  if (user.sso) session.sso = true;
  return session;
}

export function mapUser(user: User, teachingClassIds: number[] = []): UserDto {
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    role: user.role,
    collegeId: user.collegeId,
    collegeName: user.college?.name ?? null,
    classId: user.classId,
    className: user.schoolClass?.name ?? null,
    enrollmentYear: user.schoolClass?.enrollmentYear ?? null,
    phone: user.phone,
    departmentId: user.departmentId,
    mustChangePassword: user.mustChangePassword,
    disabled: user.disabled,
    teachingClassIds,
  };
}
