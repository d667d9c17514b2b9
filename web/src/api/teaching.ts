import type { TeachingClassDto } from '@campus/shared';
import { http } from './http';

/** A class the signed-in teacher teaches (GET /api/my/classes). */
export interface MyClass {
  id: number;
  name: string;
  collegeId: number;
}

export function listMyClasses(): Promise<MyClass[]> {
  return http.get<MyClass[]>('/my/classes');
}

export function listTeacherClasses(teacherId: number): Promise<TeachingClassDto[]> {
  return http.get<TeachingClassDto[]>(`/teachers/${teacherId}/classes`);
}

/** Assigns a teacher to a class (nothing changes if already assigned); answers all their classes. */
export function assignTeacher(teacherId: number, classId: number): Promise<TeachingClassDto[]> {
  return http.post<TeachingClassDto[]>(`/teachers/${teacherId}/classes`, { classId });
}

export function unassignTeacher(teacherId: number, classId: number): Promise<void> {
  return http.delete<void>(`/teachers/${teacherId}/classes/${classId}`);
}
