import { computed, ref, shallowRef } from 'vue';
import type { ClassDto, CollegeDto } from '@campus/shared';
import { listClasses, listColleges } from '@/api/people';
import { errorMessage } from '@/utils/error-message';

/** Every college and class of the school, for choosing who takes an exam. */
export function useAudienceOptions() {
  const colleges = shallowRef<CollegeDto[]>([]);
  const classes = shallowRef<ClassDto[]>([]);
  const loading = ref(false);
  const error = ref<string | null>(null);

  async function load(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      [colleges.value, classes.value] = await Promise.all([listColleges(), listClasses()]);
    } catch (e) {
      error.value = `学院和班级加载失败：${errorMessage(e)}`;
    } finally {
      loading.value = false;
    }
  }

  /** The enrolment years the classes have, newest first, plus this year for a coming intake. */
  const years = computed(() => {
    const set = new Set<number>([new Date().getFullYear()]);
    for (const item of classes.value) if (item.enrollmentYear) set.add(item.enrollmentYear);
    return [...set].sort((a, b) => b - a);
  });

  const collegeName = computed(() => new Map(colleges.value.map((c) => [c.id, c.name])));

  return { colleges, classes, years, collegeName, loading, error, load };
}
