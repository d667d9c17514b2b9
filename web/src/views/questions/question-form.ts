import {
  FraudType,
  JUDGE_OPTIONS,
  QuestionType,
  type QuestionDto,
  type QuestionInput,
  type QuestionOption,
} from '@campus/shared';

/** The editor offers 2–6 options, keyed A–F in order. */
export const CHOICE_KEYS = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export const MIN_CHOICES = 2;
export const MAX_CHOICES = CHOICE_KEYS.length;

/**
 * What the editor holds. Choice options and the 判断 answer are kept apart, so switching the type
 * back and forth does not lose what was typed.
 */
export interface QuestionFormState {
  type: QuestionType;
  stem: string;
  choices: string[];
  choiceAnswer: string[];
  judgeAnswer: string;
  analysis: string;
  fraudType: FraudType;
  difficulty: number;
  tags: string[];
  /** 互斥组; empty for none. */
  group: string;
}

export function choiceKey(index: number): string {
  return CHOICE_KEYS[index] ?? String.fromCharCode(65 + index);
}

export function emptyQuestionForm(): QuestionFormState {
  return {
    type: QuestionType.Single,
    stem: '',
    choices: ['', '', '', ''],
    choiceAnswer: [],
    judgeAnswer: '',
    analysis: '',
    fraudType: FraudType.Other,
    difficulty: 3,
    tags: [],
    group: '',
  };
}

export function questionFormFrom(question: QuestionDto): QuestionFormState {
  const form = emptyQuestionForm();
  const base = {
    ...form,
    type: question.type,
    stem: question.stem,
    analysis: question.analysis,
    fraudType: question.fraudType,
    difficulty: question.difficulty,
    tags: [...question.tags],
    group: question.group ?? '',
  };
  if (question.type === QuestionType.Judge) return { ...base, judgeAnswer: question.answer[0] ?? '' };
  return { ...base, choices: question.options.map((o) => o.text), choiceAnswer: [...question.answer] };
}

function choiceOptions(choices: readonly string[]): QuestionOption[] {
  return choices.map((text, index) => ({ key: choiceKey(index), text: text.trim() }));
}

export function questionInputFrom(form: QuestionFormState): QuestionInput {
  const common = {
    type: form.type,
    stem: form.stem.trim(),
    analysis: form.analysis.trim(),
    fraudType: form.fraudType,
    difficulty: form.difficulty,
    tags: form.tags.map((t) => t.trim()).filter(Boolean),
    group: form.group.trim() || null,
  };
  if (form.type === QuestionType.Judge) {
    return {
      ...common,
      options: JUDGE_OPTIONS.map((o) => ({ ...o })),
      answer: form.judgeAnswer ? [form.judgeAnswer] : [],
    };
  }
  const keys = new Set(form.choices.map((_, i) => choiceKey(i)));
  const answer = [...new Set(form.choiceAnswer)].filter((k) => keys.has(k)).sort();
  return { ...common, options: choiceOptions(form.choices), answer };
}

/** Removes option `index`; the options after it move up a letter, and so do their answer keys. */
export function withoutChoice(
  form: QuestionFormState,
  index: number,
): Pick<QuestionFormState, 'choices' | 'choiceAnswer'> {
  const choices = form.choices.filter((_, i) => i !== index);
  const choiceAnswer = form.choiceAnswer.flatMap((key) => {
    const at = CHOICE_KEYS.indexOf(key as (typeof CHOICE_KEYS)[number]);
    if (at === index || at < 0) return [];
    return [choiceKey(at > index ? at - 1 : at)];
  });
  return { choices, choiceAnswer };
}
