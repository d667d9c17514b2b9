import {
  FraudType,
  toSchoolIso,
  type PromptDeliveryDto,
  type PromptDiscussion,
  type PromptDto,
  type PromptInput,
} from '@campus/shared';
import type { PromptDelivery } from './prompt-delivery.entity';
import type { Prompt } from './prompt.entity';

export function isExpired(prompt: Pick<Prompt, 'expiresAt'>, now: Date): boolean {
  return prompt.expiresAt !== null && prompt.expiresAt.getTime() <= now.getTime();
}

function discussionOf(p: Pick<Prompt, 'discussionQuestion' | 'discussionAnswer'>): PromptDiscussion | null {
  return p.discussionQuestion ? { question: p.discussionQuestion, answer: p.discussionAnswer } : null;
}

export function mapPrompt(p: Prompt, now = new Date()): PromptDto {
  return {
    id: p.id,
    title: p.title,
    story: p.story,
    warningSigns: p.warningSigns,
    actions: p.actions,
    takeaway: p.takeaway,
    fraudType: p.fraudType,
    tags: p.tags,
    teachingPoints: p.teachingPoints,
    discussion: discussionOf(p),
    sourceKind: p.sourceKind,
    sourceIssuer: p.sourceIssuer,
    source: p.source,
    sourceDate: p.sourceDate,
    expiresAt: p.expiresAt ? toSchoolIso(p.expiresAt) : null,
    status: p.status,
    expired: isExpired(p, now),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export function toPromptInput(p: Prompt): PromptInput {
  return {
    title: p.title,
    story: p.story,
    warningSigns: p.warningSigns,
    actions: p.actions,
    takeaway: p.takeaway,
    fraudType: p.fraudType,
    tags: p.tags,
    teachingPoints: p.teachingPoints,
    discussion: discussionOf(p),
    sourceKind: p.sourceKind,
    sourceIssuer: p.sourceIssuer,
    source: p.source,
    sourceDate: p.sourceDate,
    expiresAt: p.expiresAt ? toSchoolIso(p.expiresAt) : null,
  };
}

/** A delivery loaded with its prompt, class (and college) and teacher. */
export function mapDelivery(d: PromptDelivery, alreadyLogged?: boolean): PromptDeliveryDto {
  return {
    id: d.id,
    promptId: d.promptId,
    classId: d.classId,
    teacherId: d.teacherId,
    deliveredAt: toSchoolIso(d.deliveredAt),
    promptTitle: d.prompt?.title ?? '',
    fraudType: d.prompt?.fraudType ?? FraudType.Other,
    className: d.schoolClass?.name ?? '',
    collegeId: d.schoolClass?.collegeId ?? 0,
    collegeName: d.schoolClass?.college?.name ?? '',
    teacherName: d.teacher?.name ?? '',
    ...(alreadyLogged === undefined ? {} : { alreadyLogged }),
  };
}
