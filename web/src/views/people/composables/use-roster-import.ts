import type { RosterImportResult, RosterRowError } from '@campus/shared';
import { importRoster, type RosterImportOutcome } from '@/api/roster';
import { useDryRunImport, type DryRunImportStage } from '@/composables/use-dry-run-import';

type RosterRejection = { errors: RosterRowError[]; message: string };

export type RosterStage = DryRunImportStage<RosterImportResult, RosterRejection>;

/** Roster import, dry run first: a file with any bad row is rejected whole. */
export function useRosterImport() {
  return useDryRunImport<RosterImportOutcome, RosterImportResult, RosterRejection>(importRoster, (outcome) => {
    if (!outcome.ok) return { ok: false, rejection: { errors: outcome.errors, message: outcome.message } };
    if (outcome.result.errors.length > 0) {
      return { ok: false, rejection: { errors: outcome.result.errors, message: '文件中有错误，未写入任何数据' } };
    }
    return { ok: true, result: outcome.result };
  });
}
