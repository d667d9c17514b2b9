import type { Role } from '@campus/shared';

/** The signed-in person a request acts for, as the guard resolved it. */
export interface Principal {
  id: number;
  username: string;
  name: string;
  role: Role;
  collegeId: number | null;
  classId: number | null;
  tokenVersion: number;
  mustChangePassword: boolean;
  disabled: boolean;
  /** Signed in through 统一身份认证 (the session's token says so; never cached with the user). */
  sso?: boolean;
}
