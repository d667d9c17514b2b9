import { ref, shallowRef } from 'vue';
import type { PromptImportIssue, PromptImportResult } from '@campus/shared';
import { importPrompts } from '@/api/prompts';
import { errorMessage } from '@/utils/error-message';

export type PromptImportStage =
  | { kind: 'idle' }
  | { kind: 'uploading'; dryRun: boolean }
  | { kind: 'previewed'; result: PromptImportResult }
  | { kind: 'imported'; result: PromptImportResult }
  | { kind: 'rejected'; message: string; errors: PromptImportIssue[] }
  | { kind: 'failed'; message: string };

/**
 * Dry run first, then the real import of the same file. A file with any bad row is rejected whole,
 * so "确认导入" is offered only after a clean dry run of the file currently chosen.
 */
export function usePromptImport() {
  const file = shallowRef<File | null>(null);
  const stage = shallowRef<PromptImportStage>({ kind: 'idle' });
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
      const outcome = await importPrompts(chosen, {
        dryRun,
        onProgress: (fraction) => {
          progress.value = Math.round(fraction * 100);
        },
      });
      if (file.value !== chosen) return;
      if (!outcome.ok) stage.value = { kind: 'rejected', message: outcome.message, errors: outcome.errors };
      else stage.value = dryRun ? { kind: 'previewed', result: outcome.result } : { kind: 'imported', result: outcome.result };
    } catch (e) {
      if (file.value === chosen) stage.value = { kind: 'failed', message: errorMessage(e) };
    }
  }

  return { file, stage, progress, choose, dryRun: () => send(true), confirm: () => send(false) };
}
