import { ref, shallowRef } from 'vue';
import { storeToRefs } from 'pinia';
import type { ExamDto } from '@campus/shared';
import { listExams } from '@/api/exam-admin';
import { useSessionStore } from '@/stores/session';
import { errorMessage } from '@/utils/error-message';
import { useAudienceOptions } from '@/views/exam-admin/composables/use-audience-options';

/** What the statistics filter on, as the pages keep it. Empty = the server's default. */
export interface StatsFilterValues {
  examId?: number;
  enrollmentYear?: number;
  collegeId?: number;
}

/**
 * Choices for the statistics filters: published exams, colleges and enrolment years. A college
 * admin's college is fixed (the server enforces it; the filter shows it).
 */
export function useStatsOptions() {
  const session = useSessionStore();
  const org = useAudienceOptions();
  const exams = shallowRef<ExamDto[]>([]);
  const error = ref<string | null>(null);

  const { lockedCollegeId } = storeToRefs(session);

  async function load(): Promise<void> {
    error.value = null;
    try {
      const [page] = await Promise.all([listExams({ status: 'published', pageSize: 100 }), org.load()]);
      exams.value = page.items;
    } catch (e) {
      error.value = `筛选项加载失败：${errorMessage(e)}`;
    }
  }

  return { exams, colleges: org.colleges, classes: org.classes, years: org.years, lockedCollegeId, error, load };
}
