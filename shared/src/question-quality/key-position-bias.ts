import { QuestionType } from '../questions';
import type { QualityQuestion, QualityWarning } from './types';

/** χ² critical values at p = 0.05 for 1–9 degrees of freedom. */
const CHI_SQUARE_95 = [3.841, 5.991, 7.815, 9.488, 11.07, 12.592, 14.067, 15.507, 16.919];

/** Fewer questions than this of a kind say nothing about bias: any spread could be chance. */
export const KEY_BIAS_MIN_QUESTIONS = 8;
/** This many consecutive single-choice questions with the same key letter is a visible pattern. */
export const KEY_RUN_LENGTH = 4;

function letterIndex(key: string): number {
  return key.charCodeAt(0) - 65;
}

function chiSquareExceeds(observed: readonly number[], expected: readonly number[]): { chi: number; biased: boolean } {
  let chi = 0;
  let cells = 0;
  observed.forEach((o, i) => {
    const e = expected[i] ?? 0;
    if (e <= 0) return;
    cells++;
    chi += (o - e) ** 2 / e;
  });
  const critical = CHI_SQUARE_95[cells - 2];
  return { chi, biased: critical !== undefined && chi > critical };
}

/**
 * Key position bias in a fixed paper (the order the students see when options are not shuffled):
 * single-choice keys piling on one letter (χ² goodness of fit against "each option equally likely",
 * p < 0.05), the same letter several times in a row, and true/false keys far from half and half.
 * Students notice "C again" and guess accordingly.
 */
export function keyPositionBiasWarnings(paper: readonly QualityQuestion[]): QualityWarning[] {
  const warnings: QualityWarning[] = [];
  const singles = paper.filter((q) => q.type === QuestionType.Single && q.answer.length === 1);
  if (singles.length >= KEY_BIAS_MIN_QUESTIONS) {
    const width = Math.max(...singles.map((q) => q.options.length));
    const observed = new Array<number>(width).fill(0);
    const expected = new Array<number>(width).fill(0);
    for (const q of singles) {
      const at = letterIndex(q.answer[0]!);
      if (at >= 0 && at < width) observed[at]!++;
      for (let i = 0; i < q.options.length; i++) expected[i]! += 1 / q.options.length;
    }
    const { biased } = chiSquareExceeds(observed, expected);
    if (biased) {
      const shares = observed
        .map((count, i) => `${String.fromCharCode(65 + i)} ${Math.round((100 * count) / singles.length)}%`)
        .join('，');
      warnings.push({
        code: 'key-position-bias',
        field: 'paper',
        message: `单选题答案位置分布不均（${shares}，共 ${singles.length} 题）：学生会发现“多半选某个字母”。请调整选项顺序，或开启选项乱序。`,
      });
    }
  }
  let run = 1;
  let longest = { length: 1, key: '' };
  singles.forEach((q, i) => {
    run = i > 0 && singles[i - 1]!.answer[0] === q.answer[0] ? run + 1 : 1;
    if (run > longest.length) longest = { length: run, key: q.answer[0]! };
  });
  if (longest.length >= KEY_RUN_LENGTH) {
    warnings.push({
      code: 'key-position-bias',
      field: 'paper',
      message: `连续 ${longest.length} 道单选题的答案都是 ${longest.key}：这样的规律会让学生怀疑并改答，或照规律猜。请调整选项顺序。`,
    });
  }
  const judges = paper.filter((q) => q.type === QuestionType.Judge);
  if (judges.length >= KEY_BIAS_MIN_QUESTIONS) {
    const trues = judges.filter((q) => q.answer.includes('T')).length;
    const { biased } = chiSquareExceeds([trues, judges.length - trues], [judges.length / 2, judges.length / 2]);
    if (biased) {
      warnings.push({
        code: 'key-position-bias',
        field: 'paper',
        message: `判断题中答案为“正确”的有 ${trues} 题、“错误”的有 ${judges.length - trues} 题：一律判多数的一方就能得高分。请让正误大致各半。`,
      });
    }
  }
  return warnings;
}
