import { Role, type ExamAudience } from '@campus/shared';

export interface AudienceMember {
  collegeId: number | null;
  classId: number | null;
  enrollmentYear: number | null;
  /** Needed by audiences that are for students only (courses); without it such an audience refuses. */
  role?: Role;
}

/** Every criterion the audience sets must hold (any of its listed values); an empty list sets none. */
export function inAudience(audience: ExamAudience & { studentsOnly?: boolean }, member: AudienceMember): boolean {
  const within = (list: number[] | undefined, value: number | null) =>
    !list || list.length === 0 || (value !== null && list.includes(value));
  if (audience.studentsOnly && member.role !== Role.Student) return false;
  return (
    within(audience.collegeIds, member.collegeId) &&
    within(audience.enrollmentYears, member.enrollmentYear) &&
    within(audience.classIds, member.classId)
  );
}
