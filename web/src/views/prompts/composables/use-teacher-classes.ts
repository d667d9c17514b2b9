import { computed, ref, shallowRef, watch } from 'vue';
import { listMyClasses, type MyClass } from '@/api/teaching';
import { errorMessage } from '@/utils/error-message';

const STORAGE_KEY = 'campus-antifraud.prompt-class';

function storedClassId(): number | undefined {
  const value = Number(localStorage.getItem(STORAGE_KEY));
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

/**
 * The classes the teacher teaches, and the one they are about to teach. The choice is remembered on
 * the device: between two lessons the teacher should not have to pick it again.
 */
export function useTeacherClasses() {
  const classes = shallowRef<MyClass[]>([]);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const selectedId = ref<number | undefined>(storedClassId());
  const selected = computed(() => classes.value.find((c) => c.id === selectedId.value) ?? null);

  async function load(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      classes.value = await listMyClasses();
      if (!classes.value.some((c) => c.id === selectedId.value)) selectedId.value = classes.value[0]?.id;
    } catch (e) {
      error.value = errorMessage(e);
    } finally {
      loading.value = false;
    }
  }

  watch(selectedId, (id) => {
    if (id !== undefined) localStorage.setItem(STORAGE_KEY, String(id));
  });

  return { classes, loading, error, selectedId, selected, load };
}
