import type { QuestionImportItemMessage, QuestionImportResult } from '@campus/shared';
import { importQuestions, type QuestionImportOutcome } from '@/api/questions';
import { useDryRunImport, type DryRunImportStage } from '@/composables/use-dry-run-import';

type QuestionImportRejection = {
  message: string;
  result: QuestionImportResult | null;
  errors: QuestionImportItemMessage[];
};

export type QuestionImportStage = DryRunImportStage<QuestionImportResult, QuestionImportRejection>;

/**
 * Question import, dry run first: a file with any broken question is rejected whole, and the admin
 * either fixes the file or chooses 导入有效题目 — the valid questions are imported and the broken
 * ones stay listed.
 */
export function useQuestionImport() {
  // Read by the upload when it starts: only importValid() sets it, for its one request.
  let skipInvalid = false;
  const steps = useDryRunImport<QuestionImportOutcome, QuestionImportResult, QuestionImportRejection>(
    (file, options) => importQuestions(file, { ...options, skipInvalid }),
    (outcome) => {
      if (!outcome.ok)
        return { ok: false, rejection: { message: outcome.message, result: outcome.result, errors: outcome.errors } };
      if (outcome.result.errors.length > 0 && !outcome.result.skipInvalid) {
        return {
          ok: false,
          rejection: { message: '文件中有错误，未写入任何题目', result: outcome.result, errors: outcome.result.errors },
        };
      }
      return { ok: true, result: outcome.result };
    },
  );

  /** 导入有效题目: writes the valid questions of the chosen file; the broken ones are listed, not written. */
  async function importValid(): Promise<void> {
    skipInvalid = true;
    try {
      await steps.confirm();
    } finally {
      skipInvalid = false;
    }
  }

  return { ...steps, importValid };
}
