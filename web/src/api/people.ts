import type { ClassDto, CollegeDto, Page, UserDto, UserListQuery } from '@campus/shared';
import { http } from './http';

export function listColleges(): Promise<CollegeDto[]> {
  return http.get<CollegeDto[]>('/colleges');
}

export function listClasses(collegeId?: number): Promise<ClassDto[]> {
  return http.get<ClassDto[]>('/classes', { query: { collegeId } });
}

export function listUsers(query: UserListQuery, signal?: AbortSignal): Promise<Page<UserDto>> {
  return http.get<Page<UserDto>>('/users', { query: { ...query }, signal });
}
