import { QuestionType } from '../questions';
import { characterGrams } from './text';
import type { QualityQuestion, QualityWarning } from './types';

/** Two-character words of the stem that say nothing about the answer (question words, connectives). */
const FUNCTION_BIGRAMS = new Set([
  '下列',
  '以下',
  '哪些',
  '哪个',
  '哪项',
  '正确',
  '错误',
  '说法',
  '做法',
  '应该',
  '什么',
  '怎么',
  '如何',
  '属于',
  '是否',
  '可以',
  '不是',
  '我们',
  '他们',
  '对方',
]);

/** How many words of the stem, as character pairs, an option repeats. */
function echoes(stemGrams: ReadonlySet<string>, text: string): number {
  let count = 0;
  for (const gram of characterGrams(text)) if (stemGrams.has(gram)) count++;
  return count;
}

/**
 * Only the key repeats the stem's wording ("clang association"): a student matches words instead
 * of judging the content. Flagged when every key repeats at least two words of the stem and no
 * distractor repeats any.
 */
export function stemEchoWarning(q: QualityQuestion): QualityWarning | null {
  if (q.type === QuestionType.Judge) return null;
  const stemGrams = new Set([...characterGrams(q.stem)].filter((gram) => !FUNCTION_BIGRAMS.has(gram)));
  const answer = new Set(q.answer);
  const keys = q.options.filter((o) => answer.has(o.key));
  const distractors = q.options.filter((o) => !answer.has(o.key));
  if (keys.length === 0 || distractors.length === 0) return null;
  const keysEcho = keys.every((o) => echoes(stemGrams, o.text) >= 2);
  const distractorsEcho = distractors.some((o) => echoes(stemGrams, o.text) > 0);
  if (!keysEcho || distractorsEcho) return null;
  return {
    code: 'stem-echo',
    field: 'options',
    message: `只有正确答案 ${keys.map((o) => o.key).join('、')} 重复了题干中的词语，学生凭字面对应就能选中。请让干扰项也使用题干的说法，或改写正确答案。`,
    optionKeys: keys.map((o) => o.key),
  };
}
