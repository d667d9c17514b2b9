import { FraudType, expiryForLastDay, lastDayBeforeExpiry, type PromptDto, type PromptInput } from '@campus/shared';

/**
 * What the editor holds. 预警信号 and 应对做法 are edited as text, one item per line, as in the
 * Excel template; expiry as the last day the prompt may be given.
 */
export interface PromptFormState {
  title: string;
  fraudType: FraudType;
  story: string;
  warningSigns: string;
  actions: string;
  takeaway: string;
  tags: string[];
  source: string;
  sourceDate: string | null;
  lastDay: string | null;
}

/** A talk of about 300–600 characters fits the three minutes (the shipped prompts' rule). */
export const TALK_LENGTH = { min: 300, max: 600 } as const;

export function emptyPromptForm(): PromptFormState {
  return {
    title: '',
    fraudType: FraudType.OrderBrushing,
    story: '',
    warningSigns: '',
    actions: '',
    takeaway: '',
    tags: [],
    source: '',
    sourceDate: null,
    lastDay: null,
  };
}

export function promptFormFrom(prompt: PromptDto): PromptFormState {
  return {
    title: prompt.title,
    fraudType: prompt.fraudType,
    story: prompt.story,
    warningSigns: prompt.warningSigns.join('\n'),
    actions: prompt.actions.join('\n'),
    takeaway: prompt.takeaway,
    tags: [...prompt.tags],
    source: prompt.source,
    sourceDate: prompt.sourceDate,
    lastDay: prompt.expiresAt ? lastDayBeforeExpiry(new Date(prompt.expiresAt)) : null,
  };
}

function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

export function promptInputFrom(form: PromptFormState): PromptInput {
  return {
    title: form.title.trim(),
    fraudType: form.fraudType,
    story: form.story.trim(),
    warningSigns: lines(form.warningSigns),
    actions: lines(form.actions),
    takeaway: form.takeaway.trim(),
    tags: form.tags.map((tag) => tag.trim()).filter(Boolean),
    source: form.source.trim(),
    sourceDate: form.sourceDate || null,
    expiresAt: form.lastDay ? expiryForLastDay(form.lastDay).toISOString() : null,
  };
}

/** Characters a teacher reads out: the case, the signs, what to do and the take-away. */
export function talkLength(input: PromptInput): number {
  return [input.story, ...input.warningSigns, ...input.actions, input.takeaway].join('').length;
}

/** "2026-06-30" for a prompt given until then, "长期" for one without expiry. */
export function lastDayLabel(prompt: Pick<PromptDto, 'expiresAt'>): string {
  return prompt.expiresAt ? lastDayBeforeExpiry(new Date(prompt.expiresAt)) : '长期';
}
