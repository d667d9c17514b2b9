import type { Role } from '@campus/shared';

export interface UserFilterValues {
  role?: Role;
  collegeId?: number;
  classId?: number;
  q: string;
}
