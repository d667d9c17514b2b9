import { computed, ref, shallowRef } from 'vue';
import type { AttemptQuestion, FraudType, PracticeCheckResult, PracticeQuery } from '@campus/shared';
import { checkPracticeAnswer, drawPracticeQuestions } from '@/api/practice';
import { errorMessage } from '@/utils/error-message';

export type PracticeSource = NonNullable<PracticeQuery['source']>;

/** One round of practice: draw a set, answer each question and check it at once. */
export function usePractice() {
  const questions = shallowRef<AttemptQuestion[]>([]);
  const index = ref(0);
  const choice = ref<string[]>([]);
  const result = shallowRef<PracticeCheckResult | null>(null);
  const correctCount = ref(0);
  const loading = ref(false);
  const checking = ref(false);
  const error = ref<string | null>(null);
  const started = ref(false);

  const question = computed(() => questions.value[index.value] ?? null);
  const finished = computed(() => started.value && !loading.value && index.value >= questions.value.length);
  const isLast = computed(() => index.value === questions.value.length - 1);

  async function start(source: PracticeSource, fraudType: FraudType | '', count: number): Promise<void> {
    loading.value = true;
    error.value = null;
    started.value = true;
    try {
      questions.value = await drawPracticeQuestions({ source, count, fraudType: fraudType || undefined });
      index.value = 0;
      choice.value = [];
      result.value = null;
      correctCount.value = 0;
    } catch (e) {
      error.value = errorMessage(e);
      started.value = false;
    } finally {
      loading.value = false;
    }
  }

  async function check(): Promise<void> {
    const current = question.value;
    if (!current || choice.value.length === 0 || result.value || checking.value) return;
    checking.value = true;
    error.value = null;
    try {
      result.value = await checkPracticeAnswer({ questionId: current.id, answer: [...choice.value] });
      if (result.value.correct) correctCount.value += 1;
    } catch (e) {
      error.value = errorMessage(e);
    } finally {
      checking.value = false;
    }
  }

  function next(): void {
    index.value += 1;
    choice.value = [];
    result.value = null;
    error.value = null;
  }

  function reset(): void {
    started.value = false;
    questions.value = [];
    index.value = 0;
    result.value = null;
    error.value = null;
  }

  return {
    questions,
    index,
    question,
    choice,
    result,
    correctCount,
    loading,
    checking,
    error,
    started,
    finished,
    isLast,
    start,
    check,
    next,
    reset,
  };
}
