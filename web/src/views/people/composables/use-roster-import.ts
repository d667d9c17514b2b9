import { ref, shallowRef } from 'vue';
import type { RosterImportResult, RosterRowError } from '@campus/shared';
import { importRoster } from '@/api/roster';
import { errorMessage } from '@/utils/error-message';

export type RosterStage =
  | { kind: 'idle' }
  | { kind: 'uploading'; dryRun: boolean }
  | { kind: 'previewed'; result: RosterImportResult }
  | { kind: 'imported'; result: RosterImportResult }
  | { kind: 'rejected'; errors: RosterRowError[]; message: string }
  | { kind: 'failed'; message: string };

/**
 * Dry run first, then the real import of the same file. A file with any bad row is rejected whole,
 * so the confirm step is offered only after a clean dry run of the file currently chosen.
 */
export function useRosterImport() {
  const file = shallowRef<File | null>(null);
  const stage = shallowRef<RosterStage>({ kind: 'idle' });
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
      const outcome = await importRoster(chosen, {
        dryRun,
        onProgress: (fraction) => {
          progress.value = Math.round(fraction * 100);
        },
      });
      if (file.value !== chosen) return;
      if (!outcome.ok) {
        stage.value = { kind: 'rejected', errors: outcome.errors, message: outcome.message };
      } else if (outcome.result.errors.length > 0) {
        stage.value = { kind: 'rejected', errors: outcome.result.errors, message: '文件中有错误，未写入任何数据' };
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
