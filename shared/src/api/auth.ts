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
