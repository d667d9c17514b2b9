import { QuestionType } from '../questions';
import { quoteAll } from './text';
import type { QualityQuestion, QualityWarning } from './types';

/**
 * Absolute words. Test-wise students answer "false" to any statement that claims always/never,
 * so in a true/false item they are a cue whichever the key is: a false statement with them is
 * given away, a true one with them is a trick question.
 */
export const ABSOLUTE_WORDS: readonly string[] = [
  '一定',
  '肯定',
  '绝对',
  '只要',
  '所有',
  '任何',
  '从不',
  '从来不',
  '绝不',
  '决不',
  '完全',
  '必须',
  '必定',
  '必然',
  '总是',
  '永远',
  '一律',
  '凡是',
  '百分之百',
  '毫无',
  '根本不',
];

/** 都 alone is too common (首都, 成都); it is absolute when it quantifies a claim. */
const ABSOLUTE_DOU = /都(?:是|会|能|要|可以|不|没有|属于|应|必须)/u;

/**
 * Words that carry the answer by their tone rather than their content. Warnings ("警惕", "骗子",
 * "违法") appear in true statements about fraud, reassurances ("放心", "正常流程") in the false ones
 * that voice a misconception — students learn the tone, not the fact.
 */
export const TRUE_TONE_WORDS: readonly string[] = [
  '警惕',
  '圈套',
  '骗子',
  '骗局',
  '陷阱',
  '违法',
  '犯罪',
  '谨慎',
  '切勿',
  '提防',
  '务必',
  '应当',
  '应该',
];
export const FALSE_TONE_WORDS: readonly string[] = ['放心', '正常流程', '没关系', '不用担心', '无需核实', '稳赚'];

export function absoluteWordsIn(text: string): string[] {
  const found = ABSOLUTE_WORDS.filter((word) => text.includes(word));
  const dou = ABSOLUTE_DOU.exec(text);
  if (dou) found.push(dou[0]);
  // 从来不 contains 从不? No, but 从不 and 绝不 are inside longer words already listed: keep the longest.
  return found.filter((word) => !found.some((other) => other !== word && other.includes(word)));
}

export function absoluteWordWarning(q: QualityQuestion): QualityWarning | null {
  if (q.type !== QuestionType.Judge) return null;
  const words = absoluteWordsIn(q.stem);
  if (words.length === 0) return null;
  return {
    code: 'absolute-word',
    field: 'stem',
    message: `判断题题干含绝对化用语${quoteAll(words)}：会做题的学生见到绝对化说法就判“错误”，不必懂内容。请改为具体、有条件的表述（说清在什么情形下如何）。`,
  };
}

/** A true statement in a warning's tone, or a false one in a reassuring tone: the tone gives the key away. */
export function answerCueWordWarning(q: QualityQuestion): QualityWarning | null {
  if (q.type !== QuestionType.Judge) return null;
  const isTrue = q.answer.includes('T');
  const words = (isTrue ? TRUE_TONE_WORDS : FALSE_TONE_WORDS).filter((word) => q.stem.includes(word));
  if (words.length === 0) return null;
  const message = isTrue
    ? `答案为“正确”的题干含提醒口吻的词${quoteAll(words)}：学生凭“像防骗提示的就是对的”即可答对。请用中性的陈述，或让错误的说法也带同样的口吻。`
    : `答案为“错误”的题干含宽慰口吻的词${quoteAll(words)}：学生凭“让人放心的说法多半是错的”即可答对。请用中性的陈述。`;
  return { code: 'answer-cue-word', field: 'stem', message };
}
