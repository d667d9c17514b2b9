import { QuestionType } from '../questions';
import { visibleLength } from './text';
import { QUALITY_THRESHOLDS, type QualityQuestion, type QualityWarning } from './types';

/**
 * Options of very different length: the odd one out (very long or very short) draws the eye and
 * is usually either the key or the throw-away distractor, so length says something about truth.
 */
export function optionLengthSpreadWarning(q: QualityQuestion): QualityWarning | null {
  if (q.type === QuestionType.Judge || q.options.length < 2) return null;
  const lengths = q.options.map((o) => ({ key: o.key, length: visibleLength(o.text) }));
  const longest = lengths.reduce((a, b) => (b.length > a.length ? b : a));
  const shortest = lengths.reduce((a, b) => (b.length < a.length ? b : a));
  const spread =
    longest.length >= shortest.length * QUALITY_THRESHOLDS.spreadRatio &&
    longest.length - shortest.length >= QUALITY_THRESHOLDS.spreadMinGap;
  if (!spread) return null;
  return {
    code: 'option-length-spread',
    field: 'options',
    message: `选项长短悬殊：${longest.key} 有 ${longest.length} 字，${shortest.key} 只有 ${shortest.length} 字。长短突出的选项容易被当作答案或一眼排除，请让各选项长度和句式相近。`,
    optionKeys: [longest.key, shortest.key],
  };
}
