import type { Role } from '../roles';

export interface LoginRequest {
  username: string;
  password: string;
  /** With a retried login after a 428: the challenge it carried and its solution (proof-of-work.ts). */
  challenge?: string;
  nonce?: string;
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
