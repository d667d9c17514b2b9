import type { CourseAudience } from '@campus/shared';

/** 「全校」, or the years and how many colleges, for lists. */
export function audienceText(audience: CourseAudience): string {
  const years = audience.enrollmentYears ?? [];
  const colleges = audience.collegeIds ?? [];
  const parts: string[] = [];
  if (years.length > 0) parts.push(years.map((y) => `${y}级`).join('、'));
  if (colleges.length > 0) parts.push(`${colleges.length} 个学院`);
  const scope = parts.length > 0 ? parts.join(' · ') : '全校';
  return audience.studentsOnly ? `${scope}（仅学生）` : scope;
}

export function percentText(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}
