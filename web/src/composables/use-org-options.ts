import { ref, shallowRef } from 'vue';
import type { ClassDto, CollegeDto } from '@campus/shared';
import { listClasses, listColleges } from '@/api/people';
import { errorMessage } from '@/utils/error-message';

/** Colleges, and the classes of the chosen college, for filter dropdowns. */
export function useOrgOptions() {
  const colleges = shallowRef<CollegeDto[]>([]);
  const classes = shallowRef<ClassDto[]>([]);
  const loadingClasses = ref(false);
  let classRequest = 0;

  async function loadColleges(): Promise<void> {
    try {
      colleges.value = await listColleges();
    } catch (e) {
      ElMessage.error(`学院列表加载失败：${errorMessage(e)}`);
    }
  }

  async function loadClasses(collegeId: number | undefined): Promise<void> {
    const request = ++classRequest;
    classes.value = [];
    if (collegeId === undefined) return;
    loadingClasses.value = true;
    try {
      const result = await listClasses(collegeId);
      if (request === classRequest) classes.value = result;
    } catch (e) {
      if (request === classRequest) ElMessage.error(`班级列表加载失败：${errorMessage(e)}`);
    } finally {
      if (request === classRequest) loadingClasses.value = false;
    }
  }

  return { colleges, classes, loadingClasses, loadColleges, loadClasses };
}
