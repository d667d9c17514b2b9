import type { Role } from '../roles';

export interface LoginRequest {
  username: string;
  password: string;
}

export interface SessionUser {
  id: number;
  username: string;
  name: string;
  role: Role;
  collegeId: number | null;
  classId: number | null;
  mustChangePassword: boolean;
}

export interface LoginResponse {
  token: string;
  user: SessionUser;
}

export interface ChangePasswordRequest {
  oldPassword: string;
  newPassword: string;
}

/** Password rule both the form and the server enforce. */
export const PASSWORD_MIN_LENGTH = 8;
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `密码至少 ${PASSWORD_MIN_LENGTH} 位`;
  if (password.length > 64) return '密码最多 64 位';
  if (!/[A-Za-z]/.test(password) || !/[0-9]/.test(password)) return '密码须同时包含字母和数字';
  return null;
}
