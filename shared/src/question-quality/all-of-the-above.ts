import { QuestionType } from '../questions';
import type { QualityQuestion, QualityWarning } from './types';

/** 以上都对 / 以上都不对 / 以上皆是 / 都正确 and the like, however spaced or punctuated. */
const ALL_OF_THE_ABOVE =
  /以上(?:选项|说法|做法|答案|各项|几项|三项|四项)?(?:都|均|全|皆)|(?:都|均|全部|皆)(?:正确|不正确|错误|对|不对)|皆是|皆非|全都对/u;

/**
 * "All/none of the above" options: a student who sees two options that look right picks
 * 以上都对 without knowing the third, and the option tests reading strategy, not the fact.
 */
export function allOfTheAboveWarning(q: QualityQuestion): QualityWarning | null {
  if (q.type === QuestionType.Judge) return null;
  const hits = q.options.filter((o) => ALL_OF_THE_ABOVE.test(o.text.replace(/\s+/gu, '')));
  if (hits.length === 0) return null;
  return {
    code: 'all-of-the-above',
    field: 'options',
    message: `选项 ${hits.map((o) => o.key).join('、')} 是“以上都对/以上都不对”一类的选项：识破两项就能猜中，且打乱选项顺序后“以上”失去意义。请改为多选题或写出具体选项。`,
    optionKeys: hits.map((o) => o.key),
  };
}
