import type { QuestionImportItemMessage, QuestionImportResult } from '@campus/shared';
import { importQuestions, type QuestionImportOutcome } from '@/api/questions';
import { useDryRunImport, type DryRunImportStage } from '@/composables/use-dry-run-import';

type QuestionImportRejection = {
  message: string;
  result: QuestionImportResult | null;
  errors: QuestionImportItemMessage[];
};

export type QuestionImportStage = DryRunImportStage<QuestionImportResult, QuestionImportRejection>;

/** Question import, dry run first: a file with any broken question is rejected whole. */
export function useQuestionImport() {
  return useDryRunImport<QuestionImportOutcome, QuestionImportResult, QuestionImportRejection>(
    importQuestions,
    (outcome) => {
      if (!outcome.ok)
        return { ok: false, rejection: { message: outcome.message, result: outcome.result, errors: outcome.errors } };
      if (outcome.result.errors.length > 0) {
        return {
          ok: false,
          rejection: { message: '文件中有错误，未写入任何题目', result: outcome.result, errors: outcome.result.errors },
        };
      }
      return { ok: true, result: outcome.result };
    },
  );
}
