import { questionQualityWarnings } from './check-question';
import { groupConflictWarnings } from './group-conflicts';
import { keyPositionBiasWarnings } from './key-position-bias';
import { QUALITY_WARNING_LABELS, type QualityQuestion, type QualityWarning, type QualityWarningCode } from './types';

/** A question of a fixed paper, in the paper's order: its wording and key, its id and 互斥组. */
export interface PaperQuestion extends QualityQuestion {
  id: number;
  group?: string | null;
}

/**
 * Questions of a fixed paper that carry a cue (the per-question rules of {@link questionQualityWarnings}),
 * named by their place on the paper: every student meets all of them, so each cue inflates every
 * score, and the awareness rate with it. One warning for the paper, listing the places and the cues.
 */
export function cuedQuestionsWarning(paper: readonly PaperQuestion[]): QualityWarning | null {
  const cued: Array<{ place: number; id: number; codes: QualityWarningCode[] }> = [];
  paper.forEach((q, i) => {
    const codes = [...new Set(questionQualityWarnings(q).map((w) => w.code))];
    if (codes.length > 0) cued.push({ place: i + 1, id: q.id, codes });
  });
  if (cued.length === 0) return null;
  const perCode = new Map<QualityWarningCode, number>();
  for (const { codes } of cued) for (const code of codes) perCode.set(code, (perCode.get(code) ?? 0) + 1);
  const breakdown = [...perCode].map(([code, n]) => `${QUALITY_WARNING_LABELS[code]} ${n} 道`).join('，');
  const places = cued.map(({ place }) => place).join('、');
  return {
    code: 'cued-questions',
    field: 'paper',
    message: `卷中第 ${places} 题带猜题线索（${breakdown}）：不懂的学生也能据此猜对，成绩会高估知晓程度。请在题库中修改这些题，或换成别的题。`,
    questionIds: cued.map(({ id }) => id),
  };
}

/**
 * 命题质量检查 of a fixed paper as a whole, as the exam editor shows it while the paper is put
 * together and the server answers it on save: two questions of one 互斥组, questions that carry cues,
 * and — only when the options keep their order — key position bias. Warnings, never blocks.
 */
export function fixedPaperWarnings(
  paper: readonly PaperQuestion[],
  options: { shuffleOptions: boolean },
): QualityWarning[] {
  const cued = cuedQuestionsWarning(paper);
  return [
    ...groupConflictWarnings(paper),
    // With shuffled options each student sees the keys in other places; only a fixed order can be biased.
    ...(options.shuffleOptions ? [] : keyPositionBiasWarnings(paper)),
    ...(cued ? [cued] : []),
  ];
}
