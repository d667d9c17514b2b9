import type { ExamAudience } from '@campus/shared';

export interface AudienceMember {
  collegeId: number | null;
  classId: number | null;
  enrollmentYear: number | null;
}

/** Every criterion the audience sets must hold (any of its listed values); an empty list sets none. */
export function inAudience(audience: ExamAudience, member: AudienceMember): boolean {
  const within = (list: number[] | undefined, value: number | null) =>
    !list || list.length === 0 || (value !== null && list.includes(value));
  return (
    within(audience.collegeIds, member.collegeId) &&
    within(audience.enrollmentYears, member.enrollmentYear) &&
    within(audience.classIds, member.classId)
  );
}
