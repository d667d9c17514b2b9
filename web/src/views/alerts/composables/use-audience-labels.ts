import { computed, shallowRef } from 'vue';
import { ROLE_LABELS, type AlertAudience, type CollegeDto } from '@campus/shared';
import { listColleges } from '@/api/people';

/** Colleges of the school, and an alert's audience in words (「全体」「学生 · 信息工程学院」). */
export function useAudienceLabels() {
  const colleges = shallowRef<CollegeDto[]>([]);
  const collegeName = computed(() => new Map(colleges.value.map((c) => [c.id, c.name])));

  async function loadColleges(): Promise<void> {
    colleges.value = await listColleges();
  }

  function describe(audience: AlertAudience): string {
    const roles = audience.roles ?? [];
    const ids = audience.collegeIds ?? [];
    const parts: string[] = [];
    if (roles.length > 0) parts.push(roles.map((r) => ROLE_LABELS[r]).join('、'));
    if (ids.length > 0) parts.push(ids.map((id) => collegeName.value.get(id) ?? `#${id}`).join('、'));
    return parts.length > 0 ? parts.join(' · ') : '全体师生';
  }

  return { colleges, loadColleges, describe };
}
