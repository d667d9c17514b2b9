import { shallowReactive } from 'vue';
import type { QuestionDto } from '@campus/shared';
import { getQuestion } from '@/api/questions';

export type LookedUp = QuestionDto | 'loading' | 'missing';

const CONCURRENCY = 6;

/**
 * The questions of a fixed paper by id, for showing their stems. A saved exam carries only ids, and
 * the API has no "these ids" filter, so they are fetched one by one, a few at a time.
 */
export function useQuestionLookup() {
  const known = shallowReactive(new Map<number, LookedUp>());

  function remember(questions: readonly QuestionDto[]): void {
    for (const question of questions) known.set(question.id, question);
  }

  async function ensure(ids: readonly number[]): Promise<void> {
    const queue = ids.filter((id) => !known.has(id));
    for (const id of queue) known.set(id, 'loading');
    async function worker(): Promise<void> {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        try {
          known.set(id, await getQuestion(id));
        } catch {
          known.set(id, 'missing');
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
  }

  function lookup(id: number): LookedUp {
    return known.get(id) ?? 'loading';
  }

  return { remember, ensure, lookup };
}
