import { Role } from './roles';

/**
 * Every permission the server checks. The web app hides menus and buttons by the same names,
 * so a permission is added here once and both sides follow.
 */
export enum Permission {
  /** Read colleges, classes and departments. */
  OrgRead = 'org:read',
  UserRead = 'user:read',
  UserManage = 'user:manage',
  RosterImport = 'roster:import',

  QuestionManage = 'question:manage',
  ExamManage = 'exam:manage',
  ExamResultsRead = 'exam:results',
  ExamTake = 'exam:take',
  /**
   * Per-student exam exceptions (补考/缓考: extra minutes, extra attempts) and resetting one
   * student's attempt. A college admin only for students of their college (record scoping).
   */
  ExamAttemptManage = 'exam:attempts',

  CourseManage = 'course:manage',
  CourseProgressRead = 'course:progress',
  CourseTake = 'course:take',
  LetterConfirm = 'letter:confirm',

  PromptRead = 'prompt:read',
  PromptManage = 'prompt:manage',
  PromptDeliver = 'prompt:deliver',
  PromptCoverageRead = 'prompt:coverage',

  AlertManage = 'alert:manage',
  AlertRead = 'alert:read',
  AppReport = 'app:report',

  StatsRead = 'stats:read',
  ReportManage = 'report:manage',
  /** 信息报送: report for one's own unit (a college admin: their college; department staff: their department). */
  ReportSubmit = 'report:submit',
  AuditRead = 'audit:read',
  ContentSeed = 'content:seed',
  /** 学校信息设置: the school's name, 保卫处 phone, payment channel … used by the letter and the courses. */
  SchoolSettingsManage = 'school:manage',
}

const PERSONAL: Permission[] = [Permission.AlertRead, Permission.AppReport, Permission.CourseTake];

const COLLEGE_ADMIN: Permission[] = [
  ...PERSONAL,
  Permission.OrgRead,
  Permission.UserRead,
  Permission.RosterImport,
  Permission.ExamResultsRead,
  Permission.ExamAttemptManage,
  Permission.CourseProgressRead,
  Permission.PromptCoverageRead,
  Permission.PromptRead,
  Permission.StatsRead,
  Permission.ReportSubmit,
];

const SCHOOL_ADMIN: Permission[] = [
  ...COLLEGE_ADMIN,
  Permission.QuestionManage,
  Permission.ExamManage,
  Permission.CourseManage,
  Permission.PromptManage,
  Permission.AlertManage,
  Permission.ReportManage,
  Permission.ContentSeed,
  Permission.SchoolSettingsManage,
];

/** The one table that says what each role may do. Record scoping (own college, self) is separate. */
export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  [Role.Student]: new Set([...PERSONAL, Permission.ExamTake, Permission.LetterConfirm]),
  [Role.Teacher]: new Set([...PERSONAL, Permission.PromptRead, Permission.PromptDeliver]),
  [Role.CollegeAdmin]: new Set(COLLEGE_ADMIN),
  [Role.SchoolAdmin]: new Set(SCHOOL_ADMIN),
  [Role.Sysadmin]: new Set([...SCHOOL_ADMIN, Permission.UserManage, Permission.AuditRead]),
};

export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}
