import { computed, ref } from 'vue';
import type { ApiErrorItem } from '@campus/shared';
import { ApiError } from '@/api/http';
import { errorMessage } from '@/utils/error-message';

/** A problem found before sending (shared rules such as promptProblems) or named by the server. */
export interface FieldProblem {
  field?: string;
  message: string;
}

/**
 * Which field of a form is wrong, shown on the field itself: `<el-form-item :error="errors.at('title')">`.
 * The server names fields in `errors[].field` of a 400 (class-validator's path, e.g. `title` or
 * `options.1.text`, or the service's own); a form item takes the errors of its field and of
 * everything under it. The summary (`summary`) keeps the server's sentence and whatever names no
 * field this form shows, so nothing said is lost.
 *
 * `fields` lists the form's items; without it every named field counts as shown.
 */
export function useFieldErrors(fields?: readonly string[]) {
  const problems = ref<FieldProblem[]>([]);
  const message = ref<string | null>(null);

  const covers = (item: string, field: string) => field === item || field.startsWith(`${item}.`);
  const shown = (field: string | undefined) =>
    field !== undefined && field !== '' && (!fields || fields.some((item) => covers(item, field)));

  /** The error text of one form item (undefined when it has none, which clears the item's red). */
  function at(item: string): string | undefined {
    const messages = problems.value.filter((p) => p.field && covers(item, p.field)).map((p) => p.message);
    return messages.length > 0 ? [...new Set(messages)].join('；') : undefined;
  }

  /** Problems that no item of this form shows: for the summary. */
  const unplaced = computed(() => problems.value.filter((p) => !shown(p.field)).map((p) => p.message));

  /** What to say above or below the form: one sentence, or nothing when every problem sits on its field. */
  const summary = computed(() => (unplaced.value.length > 0 ? unplaced.value.join('；') : message.value));

  function set(list: readonly FieldProblem[], sentence: string | null = null): void {
    problems.value = [...list];
    message.value = sentence;
  }

  function clear(): void {
    set([]);
  }

  /**
   * A failed save: field errors go to their items, the rest (or a refusal naming no field, or a
   * network failure) to the summary. Returns the answer's sentence, for a toast.
   */
  function take(error: unknown): string {
    const text = errorMessage(error);
    if (error instanceof ApiError && error.errors.some((e: ApiErrorItem) => e.field)) {
      set(error.errors.map((e) => ({ field: e.field, message: e.message })));
    } else {
      set([], text);
    }
    return text;
  }

  /** Whether the last answer put at least one error on a field of this form. */
  const anyOnField = computed(() => problems.value.some((p) => shown(p.field)));

  return { problems, at, summary, unplaced, anyOnField, set, clear, take };
}

export type FieldErrors = ReturnType<typeof useFieldErrors>;
