import { onScopeDispose, reactive, watch, type Ref } from 'vue';
import type { QuestionCountQuery } from '@campus/shared';
import { countQuestions } from '@/api/questions';
import { errorMessage, isAbort } from '@/utils/error-message';
import type { RuleRow } from '../exam-form';

export interface Availability {
  loading: boolean;
  /** Active questions the rule's filters match; null until known. */
  count: number | null;
  error: string | null;
}

const DEBOUNCE_MS = 300;

function queryOf(rule: RuleRow): QuestionCountQuery {
  return { type: rule.type, fraudType: rule.fraudType || undefined, difficulty: rule.difficulty || undefined };
}

/** Rules with the same filters draw from the same questions. */
export function filterKey(rule: RuleRow): string {
  return `${rule.type}|${rule.fraudType ?? ''}|${rule.difficulty ?? ''}`;
}

/**
 * A live count, per distinct rule filter, of the active questions it can draw from
 * (GET /questions/count), refetched a moment after the filters stop changing.
 */
export function useRuleAvailability(rules: Readonly<Ref<readonly RuleRow[]>>) {
  const byFilter = reactive(new Map<string, Availability>());
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const inFlight = new Map<string, AbortController>();

  async function fetchCount(key: string, query: QuestionCountQuery): Promise<void> {
    inFlight.get(key)?.abort();
    const controller = new AbortController();
    inFlight.set(key, controller);
    try {
      const count = await countQuestions(query, controller.signal);
      byFilter.set(key, { loading: false, count, error: null });
    } catch (e) {
      if (isAbort(e)) return;
      byFilter.set(key, { loading: false, count: null, error: errorMessage(e) });
    } finally {
      if (inFlight.get(key) === controller) inFlight.delete(key);
    }
  }

  function schedule(key: string, query: QuestionCountQuery): void {
    byFilter.set(key, { loading: true, count: byFilter.get(key)?.count ?? null, error: null });
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        void fetchCount(key, query);
      }, DEBOUNCE_MS),
    );
  }

  watch(
    () => rules.value.map(filterKey),
    (keys) => {
      for (const key of new Set(keys)) {
        if (byFilter.has(key)) continue;
        const rule = rules.value.find((r) => filterKey(r) === key);
        if (rule) schedule(key, queryOf(rule));
      }
    },
    { immediate: true },
  );

  /** Counts can change while the page is open (imports, retirements). */
  function refresh(): void {
    const seen = new Set<string>();
    for (const rule of rules.value) {
      const key = filterKey(rule);
      if (seen.has(key)) continue;
      seen.add(key);
      schedule(key, queryOf(rule));
    }
  }

  function availabilityOf(rule: RuleRow): Availability {
    return byFilter.get(filterKey(rule)) ?? { loading: true, count: null, error: null };
  }

  /** How many questions all rules with this rule's filters ask for together. */
  function demandOf(rule: RuleRow): number {
    const key = filterKey(rule);
    return rules.value.filter((r) => filterKey(r) === key).reduce((sum, r) => sum + r.count, 0);
  }

  onScopeDispose(() => {
    for (const timer of timers.values()) clearTimeout(timer);
    for (const controller of inFlight.values()) controller.abort();
  });

  return { availabilityOf, demandOf, refresh };
}
