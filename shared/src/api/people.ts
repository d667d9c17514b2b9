import type { Role } from '../roles';
import type { AuditLogDto } from './audit';
import type { PageQuery } from './common';

export interface CollegeDto {
  id: number;
  name: string;
  code: string;
}

export interface ClassDto {
  id: number;
  name: string;
  collegeId: number;
  enrollmentYear: number | null;
  /** The class's 辅导员 (a teacher), if assigned. */
  adviserId?: number | null;
  /** The 辅导员's name and 工号, for the class list where they are set. */
  adviserName?: string | null;
  adviserUsername?: string | null;
}

/** PUT /api/classes/:id/adviser — the 辅导员 by 工号, or null to clear. */
export interface ClassAdviserInput {
  adviserUsername: string | null;
}

export interface UserDto {
  id: number;
  username: string;
  name: string;
  role: Role;
  collegeId: number | null;
  collegeName: string | null;
  classId: number | null;
  className: string | null;
  enrollmentYear: number | null;
  phone: string | null;
  /** 部门 (学生处, 保卫处 …) of staff outside a college. */
  departmentId: number | null;
  mustChangePassword: boolean;
  /** A disabled account cannot sign in, and its sessions have ended. */
  disabled: boolean;
  teachingClassIds: number[];
}

export interface UserListQuery extends PageQuery {
  role?: Role;
  collegeId?: number;
  classId?: number;
  q?: string;
}

/**
 * How a person last signed in. 'password' is the platform's own login; the single sign-on methods
 * are written by the SSO login when it succeeds (AccountActivity.recordLogin on the server).
 */
export type LoginMethod = 'password' | 'cas' | 'oidc';

export const LOGIN_METHOD_LABELS: Record<LoginMethod, string> = {
  password: '账号密码',
  cas: '统一身份认证（CAS）',
  oidc: '统一身份认证（OIDC）',
};

/** POST /api/users: one person added by hand. A random one-time password is answered once. */
export interface UserCreateRequest {
  username: string;
  name: string;
  role: Role;
  /** Required for students and college admins; a college admin's own college when omitted. */
  collegeId?: number | null;
  /** Students only (required for them). */
  classId?: number | null;
  departmentId?: number | null;
  phone?: string | null;
}

/** PATCH /api/users/:id: only the fields sent change; null clears an optional one. */
export interface UserUpdateRequest {
  name?: string;
  role?: Role;
  collegeId?: number | null;
  /** Moving a student to another class (the class decides the college). */
  classId?: number | null;
  departmentId?: number | null;
  phone?: string | null;
}

/** A new one-time password, shown once: the server keeps only its digest. */
export interface PasswordResetResult {
  username: string;
  name: string;
  password: string;
}

export interface UserCreateResult {
  user: UserDto;
  /** The new account's one-time password (must be changed at first login). */
  initialPassword: string;
}

export type BulkUserAction = 'disable' | 'enable' | 'reset-password' | 'move-class';

export const BULK_USER_ACTION_LABELS: Record<BulkUserAction, string> = {
  disable: '停用',
  enable: '启用',
  'reset-password': '重置密码',
  'move-class': '调整班级',
};

/** POST /api/users/bulk: all or nothing, in one transaction. */
export interface BulkUserRequest {
  action: BulkUserAction;
  userIds: number[];
  /** For move-class: the class every selected student moves to. */
  classId?: number;
}

export interface BulkUserResult {
  action: BulkUserAction;
  changed: number;
  /** reset-password: the new one-time passwords (download them via POST /api/roster/initial-passwords). */
  passwords?: PasswordResetResult[];
}

export interface AccountLockDto {
  /** Wrong passwords counted against the account from anywhere in the current window. */
  failures: number;
  /** Whether sign-in is paused for the account everywhere, and until when. */
  locked: boolean;
  lockedUntil: string | null;
}

/** GET /api/users/:id (sysadmin): the person's page. */
export interface UserDetailDto extends UserDto {
  departmentName: string | null;
  teachingClasses: Array<{ id: number; name: string }>;
  createdAt: string;
  lastLoginAt: string | null;
  /** null until the first sign-in after this field existed. */
  lastLoginMethod: LoginMethod | null;
  lock: AccountLockDto;
  recentAudit: AuditLogDto[];
}

export interface DepartmentDto {
  id: number;
  name: string;
}
