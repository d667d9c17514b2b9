import { isAnswerCorrect } from './scoring';
import { QuestionType } from './questions';

/**
 * One codec per question type: how a chosen answer is checked against the question as the student
 * saw it, stored, read back and scored. The save path, the scorer and the practice check use it,
 * so a new question type is added here (and in its UI), not across the server.
 */
export interface AnswerCodec {
  /** What is wrong with a chosen answer (Chinese), or null. An empty choice clears the answer. */
  validate(keys: readonly string[], optionKeys: readonly string[]): string | null;
  /** As stored: sorted keys joined ("AC"); null for no answer. */
  encode(keys: readonly string[]): string | null;
  decode(stored: string | null): string[];
  /** The full mark only for exactly the right set of keys (API.md), else 0. */
  score(chosen: readonly string[], answer: readonly string[], fullMark: number): number;
  /**
   * The question's answer in the stored form, kept on each attempt question when the attempt starts
   * (attempt_question.answer_key). A stored answer scores the full mark exactly when it equals this,
   * so SQL scores an answer with `answer = answer_key`; "" when the question has no answer.
   */
  key(answer: readonly string[]): string;
}

/** Every type stores its chosen keys the same way: sorted and joined ("AC"); null for no answer. */
export function encodeKeys(keys: readonly string[]): string | null {
  return keys.length === 0 ? null : [...keys].sort().join('');
}

export function decodeKeys(stored: string | null): string[] {
  return stored ? stored.split('') : [];
}

function keysProblem(keys: readonly string[], optionKeys: readonly string[]): string | null {
  if (new Set(keys).size !== keys.length) return '答案中有重复的选项';
  const unknown = keys.filter((k) => !optionKeys.includes(k));
  if (unknown.length > 0) return `选项 ${unknown.join('、')} 不存在`;
  return null;
}

function choiceCodec(atMostOne: string | null): AnswerCodec {
  return {
    validate(keys, optionKeys) {
      const problem = keysProblem(keys, optionKeys);
      if (problem) return problem;
      if (atMostOne && keys.length > 1) return atMostOne;
      return null;
    },
    encode: encodeKeys,
    decode: decodeKeys,
    score: (chosen, answer, fullMark) => (isAnswerCorrect(chosen, answer) ? fullMark : 0),
    // Set semantics, like the score: an imported key listed twice or out of order is the same key.
    key: (answer) => encodeKeys([...new Set(answer)]) ?? '',
  };
}

export const ANSWER_CODECS: Readonly<Record<QuestionType, AnswerCodec>> = {
  [QuestionType.Single]: choiceCodec('单选题只能选一个选项'),
  [QuestionType.Judge]: choiceCodec('判断题只能选「正确」或「错误」之一'),
  [QuestionType.Multiple]: choiceCodec(null),
};

export function answerCodec(type: QuestionType): AnswerCodec {
  return ANSWER_CODECS[type];
}
