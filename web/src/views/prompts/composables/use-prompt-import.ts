import type { PromptImportIssue, PromptImportResult } from '@campus/shared';
import { importPrompts, type PromptImportOutcome } from '@/api/prompts';
import { useDryRunImport, type DryRunImportStage } from '@/composables/use-dry-run-import';

type PromptImportRejection = { message: string; errors: PromptImportIssue[] };

export type PromptImportStage = DryRunImportStage<PromptImportResult, PromptImportRejection>;

/** Prompt import, dry run first: "确认导入" is offered only after a clean dry run of the chosen file. */
export function usePromptImport() {
  return useDryRunImport<PromptImportOutcome, PromptImportResult, PromptImportRejection>(importPrompts, (outcome) =>
    outcome.ok
      ? { ok: true, result: outcome.result }
      : { ok: false, rejection: { message: outcome.message, errors: outcome.errors } },
  );
}
