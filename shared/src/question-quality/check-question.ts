import { absoluteWordWarning, answerCueWordWarning } from './absolute-words';
import { allButOneWarning } from './all-but-one';
import { allOfTheAboveWarning } from './all-of-the-above';
import { longestKeyWarning } from './longest-key';
import { optionLengthSpreadWarning } from './option-length-spread';
import { stemEchoWarning } from './stem-echo';
import type { QualityQuestion, QualityWarning } from './types';

/**
 * Every per-question quality rule, in the order the editor lists them. The question must be valid
 * ({@link questionProblems} empty) for the figures to mean anything; nothing here blocks a save.
 */
export function questionQualityWarnings(q: QualityQuestion): QualityWarning[] {
  const longestKey = longestKeyWarning(q);
  const warnings = [
    longestKey,
    allButOneWarning(q),
    allOfTheAboveWarning(q),
    absoluteWordWarning(q),
    answerCueWordWarning(q),
    // A length spread that is only the over-long key says the same thing twice.
    longestKey ? null : optionLengthSpreadWarning(q),
    stemEchoWarning(q),
  ];
  return warnings.filter((w): w is QualityWarning => w !== null);
}
