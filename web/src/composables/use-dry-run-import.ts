import { computed, ref, shallowRef, type Ref, type ShallowRef } from 'vue';
import { errorMessage } from '@/utils/error-message';

export interface DryRunUploadOptions {
  dryRun: boolean;
  onProgress: (fraction: number) => void;
}

/** How one answer of the server is shown: a result to preview or report, or the whole file refused. */
export type DryRunVerdict<TResult, TRejection> = { ok: true; result: TResult } | { ok: false; rejection: TRejection };

export type DryRunImportStage<TResult, TRejection extends { message: string }> =
  | { kind: 'idle' }
  | { kind: 'uploading'; dryRun: boolean }
  | { kind: 'previewed'; result: TResult }
  | { kind: 'imported'; result: TResult }
  | ({ kind: 'rejected' } & Omit<TRejection, 'kind'>)
  | { kind: 'failed'; message: string };

/**
 * Dry run first, then the real import of the same file. A file with any bad entry is rejected whole,
 * so the confirm step is offered only after a clean dry run of the file currently chosen.
 *
 * `upload` sends the file (`dryRun` says whether to write); `judge` turns its answer into either a
 * result or a rejection (`message` plus whatever the page lists, e.g. the bad rows).
 */
export function useDryRunImport<TOutcome, TResult, TRejection extends { message: string }>(
  upload: (file: File, options: DryRunUploadOptions) => Promise<TOutcome>,
  judge: (outcome: TOutcome) => DryRunVerdict<TResult, TRejection>,
) {
  const file = shallowRef<File | null>(null);
  // Annotated: for a generic T, shallowRef's conditional return type stays unresolved to type-aware lint.
  const stage: ShallowRef<DryRunImportStage<TResult, TRejection>> = shallowRef({ kind: 'idle' });
  /** Upload progress in percent; at 100 the server is still reading the file. */
  const progress = ref(0);
  const uploading = computed(() => stage.value.kind === 'uploading');

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
      const outcome = await upload(chosen, {
        dryRun,
        onProgress: (fraction) => {
          progress.value = Math.round(fraction * 100);
        },
      });
      if (file.value !== chosen) return;
      const verdict = judge(outcome);
      if (!verdict.ok) {
        stage.value = { kind: 'rejected', ...verdict.rejection };
      } else {
        stage.value = dryRun
          ? { kind: 'previewed', result: verdict.result }
          : { kind: 'imported', result: verdict.result };
      }
    } catch (e) {
      if (file.value === chosen) stage.value = { kind: 'failed', message: errorMessage(e) };
    }
  }

  return {
    file,
    stage,
    progress,
    uploading,
    choose,
    dryRun: () => send(true),
    confirm: () => send(false),
  };
}

/**
 * The three-step bar of an import page (选择文件并预检 → 确认导入 → 完成): the active step and
 * whether the current one failed.
 */
export function useImportSteps(stage: Readonly<Ref<DryRunImportStage<unknown, { message: string }>>>) {
  const step = computed(() => {
    switch (stage.value.kind) {
      case 'previewed':
        return 1;
      case 'uploading':
        return stage.value.dryRun ? 0 : 1;
      case 'imported':
        return 3;
      default:
        return 0;
    }
  });
  const stepStatus = computed(() =>
    stage.value.kind === 'rejected' || stage.value.kind === 'failed' ? 'error' : 'process',
  );
  return { step, stepStatus };
}
