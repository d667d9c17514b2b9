import type { Role } from '../roles';
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
  mustChangePassword: boolean;
  teachingClassIds: number[];
}

export interface UserListQuery extends PageQuery {
  role?: Role;
  collegeId?: number;
  classId?: number;
  q?: string;
}
