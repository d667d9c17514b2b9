import type {
  BulkUserRequest,
  BulkUserResult,
  ClassDto,
  CollegeDto,
  DepartmentDto,
  Page,
  PasswordResetResult,
  UserCreateRequest,
  UserCreateResult,
  UserDetailDto,
  UserDto,
  UserListQuery,
  UserUpdateRequest,
} from '@campus/shared';
import { http } from './http';

export function listColleges(): Promise<CollegeDto[]> {
  return http.get<CollegeDto[]>('/colleges');
}

export function listClasses(collegeId?: number): Promise<ClassDto[]> {
  return http.get<ClassDto[]>('/classes', { query: { collegeId } });
}

/** Sets a class's 辅导员 by 工号 (null clears it); a 400 names the field `adviserUsername`. */
export function setClassAdviser(classId: number, adviserUsername: string | null): Promise<ClassDto> {
  return http.put<ClassDto>(`/classes/${classId}/adviser`, { adviserUsername });
}

export function listDepartments(): Promise<DepartmentDto[]> {
  return http.get<DepartmentDto[]>('/departments');
}

export function listUsers(query: UserListQuery, signal?: AbortSignal): Promise<Page<UserDto>> {
  return http.get<Page<UserDto>>('/users', { query: { ...query }, signal });
}

export function getUserDetail(id: number): Promise<UserDetailDto> {
  return http.get<UserDetailDto>(`/users/${id}`);
}

/** The answer carries the new account's one-time password: shown once, never again. */
export function createUser(body: UserCreateRequest): Promise<UserCreateResult> {
  return http.post<UserCreateResult>('/users', body);
}

export function updateUser(id: number, body: UserUpdateRequest): Promise<UserDto> {
  return http.patch<UserDto>(`/users/${id}`, body);
}

export function setUserDisabled(id: number, disabled: boolean): Promise<UserDto> {
  return http.post<UserDto>(`/users/${id}/${disabled ? 'disable' : 'enable'}`);
}

export function unlockUser(id: number): Promise<void> {
  return http.post<void>(`/users/${id}/unlock`);
}

export function resetUserPassword(id: number): Promise<PasswordResetResult> {
  return http.post<PasswordResetResult>(`/users/${id}/password-reset`);
}

/** All or nothing: a refusal (400) names the first row that stopped it. */
export function bulkUsers(body: BulkUserRequest): Promise<BulkUserResult> {
  return http.post<BulkUserResult>('/users/bulk', body);
}
