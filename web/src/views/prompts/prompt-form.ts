import {
  COMPOSITE_SOURCE_LABEL,
  FraudType,
  PROMPT_TALK_CHARS,
  expiryForLastDay,
  lastDayBeforeExpiry,
  spokenLength,
  type PromptDto,
  type PromptInput,
  type PromptSourceKind,
} from '@campus/shared';

/**
 * What the editor holds. 预警信号, 应对做法 and 讲解要点 are edited as text, one item per line, as in
 * the Excel template; expiry as the last day the prompt may be given.
 */
export interface PromptFormState {
  title: string;
  fraudType: FraudType;
  story: string;
  warningSigns: string;
  actions: string;
  takeaway: string;
  teachingPoints: string;
  discussionQuestion: string;
  discussionAnswer: string;
  tags: string[];
  sourceKind: PromptSourceKind;
  sourceIssuer: string;
  /** A bulletin's title (composites show the fixed label instead). */
  source: string;
  sourceDate: string | null;
  lastDay: string | null;
}

/** About three minutes spoken (shared/prompt-rules explains the figure). */
export const TALK_LENGTH = PROMPT_TALK_CHARS;

export function emptyPromptForm(): PromptFormState {
  return {
    title: '',
    fraudType: FraudType.OrderBrushing,
    story: '',
    warningSigns: '',
    actions: '',
    takeaway: '',
    teachingPoints: '',
    discussionQuestion: '',
    discussionAnswer: '',
    tags: [],
    sourceKind: 'composite',
    sourceIssuer: '',
    source: '',
    sourceDate: null,
    lastDay: null,
  };
}

export function promptFormFrom(prompt: PromptDto): PromptFormState {
  const bulletin = prompt.sourceKind === 'bulletin';
  return {
    title: prompt.title,
    fraudType: prompt.fraudType,
    story: prompt.story,
    warningSigns: prompt.warningSigns.join('\n'),
    actions: prompt.actions.join('\n'),
    takeaway: prompt.takeaway,
    teachingPoints: prompt.teachingPoints.join('\n'),
    discussionQuestion: prompt.discussion?.question ?? '',
    discussionAnswer: prompt.discussion?.answer ?? '',
    tags: [...prompt.tags],
    sourceKind: prompt.sourceKind,
    sourceIssuer: bulletin ? prompt.sourceIssuer : '',
    source: bulletin ? prompt.source : '',
    sourceDate: bulletin ? prompt.sourceDate : null,
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
  const question = form.discussionQuestion.trim();
  const answer = form.discussionAnswer.trim();
  const bulletin = form.sourceKind === 'bulletin';
  return {
    title: form.title.trim(),
    fraudType: form.fraudType,
    story: form.story.trim(),
    warningSigns: lines(form.warningSigns),
    actions: lines(form.actions),
    takeaway: form.takeaway.trim(),
    teachingPoints: lines(form.teachingPoints),
    discussion: question || answer ? { question, answer } : null,
    tags: form.tags.map((tag) => tag.trim()).filter(Boolean),
    sourceKind: form.sourceKind,
    // Switching to 综合编写 drops what was typed for a bulletin rather than sending a contradiction.
    sourceIssuer: bulletin ? form.sourceIssuer.trim() : '',
    source: bulletin ? form.source.trim() : COMPOSITE_SOURCE_LABEL,
    sourceDate: bulletin ? form.sourceDate || null : null,
    expiresAt: form.lastDay ? expiryForLastDay(form.lastDay).toISOString() : null,
  };
}

/** Characters a teacher says: the case, signs, what to do, the take-away, 讲解要点 and 互动提问. */
export function talkLength(input: PromptInput): number {
  return spokenLength(input);
}

/** "2026-06-30" for a prompt given until then, "长期" for one without expiry. */
export function lastDayLabel(prompt: Pick<PromptDto, 'expiresAt'>): string {
  return prompt.expiresAt ? lastDayBeforeExpiry(new Date(prompt.expiresAt)) : '长期';
}

/** How a prompt's source reads: the composite label, or 发布机关《标题》· date for a bulletin. */
export function sourceLine(prompt: Pick<PromptDto, 'sourceKind' | 'sourceIssuer' | 'source' | 'sourceDate'>): string {
  if (prompt.sourceKind === 'composite') return prompt.source || COMPOSITE_SOURCE_LABEL;
  const title = prompt.source ? `《${prompt.source.replace(/^《|》$/g, '')}》` : '';
  return [`${prompt.sourceIssuer}${title}`, prompt.sourceDate].filter(Boolean).join(' · ');
}
