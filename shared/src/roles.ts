/** The five roles of PRODUCT.md. The string values are stored in the database and sent over the wire. */
export enum Role {
  Student = 'student',
  Teacher = 'teacher',
  CollegeAdmin = 'college_admin',
  SchoolAdmin = 'school_admin',
  Sysadmin = 'sysadmin',
}

export const ROLE_LABELS: Record<Role, string> = {
  [Role.Student]: '学生',
  [Role.Teacher]: '教师',
  [Role.CollegeAdmin]: '学院管理员',
  [Role.SchoolAdmin]: '学校管理员',
  [Role.Sysadmin]: '系统管理员',
};

export const ALL_ROLES: readonly Role[] = Object.values(Role);

/** Roles whose data access is limited to their own college. */
export function isCollegeScoped(role: Role): boolean {
  return role === Role.CollegeAdmin;
}
