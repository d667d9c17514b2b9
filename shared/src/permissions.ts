import { Role } from './roles';

/**
 * Every permission the server checks. The web app hides menus and buttons by the same names,
 * so a permission is added here once and both sides follow.
 */
export enum Permission {
  /** Read colleges, classes and departments. */
  OrgRead = 'org:read',
  UserRead = 'user:read',
  /**
   * Account management: add one person, edit, move class, change role, disable/enable, unlock, reset
   * a password, and the bulk forms. Which accounts and which roles: AccessService (a college admin
   * only students and teachers of their college; a sysadmin everyone).
   */
  UserManage = 'user:manage',
  /** A person's detail page (last login, sign-in method, recent audit entries): the sysadmin. */
  UserDetailRead = 'user:detail',
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
  /** 课堂快问: a student answers a question put to their own class (the teacher runs it with PromptDeliver). */
  QuickQuizAnswer = 'quickquiz:answer',

  AlertManage = 'alert:manage',
  AlertRead = 'alert:read',
  AppReport = 'app:report',

  StatsRead = 'stats:read',
  ReportManage = 'report:manage',
  /** 信息报送: report for one's own unit (a college admin: their college; department staff: their department). */
  ReportSubmit = 'report:submit',
  AuditRead = 'audit:read',
  ContentSeed = 'content:seed',
  /**
   * 新学年 and retention: archiving a graduating 年级, copying the new 年级's letter and entrance exam,
   * anonymising people gone. School-wide by nature, so never a college admin's (their UserManage is
   * scoped to one college; these actions are not).
   */
  SchoolYearManage = 'school-year:manage',
  /** 学校信息设置: the school's name, 保卫处 phone, payment channel … used by the letter and the courses. */
  SchoolSettingsManage = 'school:manage',
  /**
   * Group robots (企业微信/钉钉/飞书), their delivery log and 催考 reminders. A college admin only
   * for their college's group; the school's own group is the school admins' and sysadmins'.
   */
  NotifyManage = 'notify:manage',
}

const PERSONAL: Permission[] = [Permission.AlertRead, Permission.AppReport, Permission.CourseTake];

const COLLEGE_ADMIN: Permission[] = [
  ...PERSONAL,
  Permission.OrgRead,
  Permission.UserRead,
  Permission.UserManage,
  Permission.RosterImport,
  Permission.ExamResultsRead,
  Permission.ExamAttemptManage,
  Permission.CourseProgressRead,
  Permission.PromptCoverageRead,
  Permission.PromptRead,
  Permission.StatsRead,
  Permission.ReportSubmit,
  Permission.NotifyManage,
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
  Permission.SchoolYearManage,
];

/** The one table that says what each role may do. Record scoping (own college, self) is separate. */
export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  [Role.Student]: new Set([...PERSONAL, Permission.ExamTake, Permission.LetterConfirm, Permission.QuickQuizAnswer]),
  [Role.Teacher]: new Set([...PERSONAL, Permission.PromptRead, Permission.PromptDeliver]),
  [Role.CollegeAdmin]: new Set(COLLEGE_ADMIN),
  [Role.SchoolAdmin]: new Set(SCHOOL_ADMIN),
  [Role.Sysadmin]: new Set([...SCHOOL_ADMIN, Permission.UserDetailRead, Permission.AuditRead]),
};

export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

/**
 * The roles each role may give an account (添加人员, 修改身份, roster import) and so manage: a college
 * admin students and teachers; a school admin everyone but sysadmins; a sysadmin everyone. Which
 * accounts (own college) is record scoping, on the server (AccessService).
 */
export const GRANTABLE_ROLES: Record<Role, readonly Role[]> = {
  [Role.Student]: [],
  [Role.Teacher]: [],
  [Role.CollegeAdmin]: [Role.Student, Role.Teacher],
  [Role.SchoolAdmin]: [Role.Student, Role.Teacher, Role.CollegeAdmin, Role.SchoolAdmin],
  [Role.Sysadmin]: [Role.Student, Role.Teacher, Role.CollegeAdmin, Role.SchoolAdmin, Role.Sysadmin],
};
