import { ref, shallowRef } from 'vue';
import type { QuestionImportItemMessage, QuestionImportResult } from '@campus/shared';
import { importQuestions } from '@/api/questions';
import { errorMessage } from '@/utils/error-message';

export type QuestionImportStage =
  | { kind: 'idle' }
  | { kind: 'uploading'; dryRun: boolean }
  | { kind: 'previewed'; result: QuestionImportResult }
  | { kind: 'imported'; result: QuestionImportResult }
  | { kind: 'rejected'; message: string; result: QuestionImportResult | null; errors: QuestionImportItemMessage[] }
  | { kind: 'failed'; message: string };

/**
 * Dry run first, then the real import of the same file. A file with any broken question is rejected
 * whole, so the confirm step is offered only after a clean dry run of the file currently chosen.
 */
export function useQuestionImport() {
  const file = shallowRef<File | null>(null);
  const stage = shallowRef<QuestionImportStage>({ kind: 'idle' });
  /** Upload progress in percent; at 100 the server is still reading the file. */
  const progress = ref(0);

  function choose(next: File | null): void {
    file.value = next;
    stage.value = { kind: 'idle' };
    progress.value = 0;
  }

  async function send(dryRun: boolean): Promise<void> {
    const chosen = file.value;
    if (!chosen || stage.value.kind === 'uploading') return;
    stage.value = { kind: 'uploading', dryRun };
    progress.value = 0;
    try {
      const outcome = await importQuestions(chosen, {
        dryRun,
        onProgress: (fraction) => {
          progress.value = Math.round(fraction * 100);
        },
      });
      if (file.value !== chosen) return;
      if (!outcome.ok) {
        stage.value = { kind: 'rejected', message: outcome.message, result: outcome.result, errors: outcome.errors };
      } else if (outcome.result.errors.length > 0) {
        stage.value = { kind: 'rejected', message: '文件中有错误，未写入任何题目', result: outcome.result, errors: outcome.result.errors };
      } else {
        stage.value = dryRun ? { kind: 'previewed', result: outcome.result } : { kind: 'imported', result: outcome.result };
      }
    } catch (e) {
      if (file.value === chosen) stage.value = { kind: 'failed', message: errorMessage(e) };
    }
  }

  return {
    file,
    stage,
    progress,
    choose,
    dryRun: () => send(true),
    confirm: () => send(false),
  };
}
