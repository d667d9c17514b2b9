import { createHash } from 'crypto';
import { stemKey, type QuestionOption } from '@campus/shared';
import superseded from './content/superseded.json';

/**
 * Which rows of a database are shipped content that a later release replaced. Databases seeded
 * before a rewrite of the shipped bank or prompts keep the old items beside the new ones unless the
 * upgrade (QuestionSeedService / PromptSeedService) finds them; it finds them by a fingerprint of
 * what was shipped, so a row a college edited no longer matches and is never touched.
 *
 * content/superseded.json lists every earlier shipped version (from the repository's history,
 * `pnpm --filter ./server content:superseded`); the current files are never in it.
 */

/** What the fingerprint of a question reads: the fields a student sees and the key. */
export interface QuestionContent {
  type: string;
  stem: string;
  options: QuestionOption[];
  answer: string[];
  analysis: string;
  fraudType: string;
}

/**
 * What the fingerprint of a prompt reads: the talk itself, as prompts.json holds it. Not the source
 * (a migration relabelled the old ones) nor tags. The first library had no 讲解要点 or 互动提问: its
 * rows hold [] and '' (the migration's defaults), which is what an absent field reads as here.
 */
export interface PromptContent {
  title: string;
  story: string;
  warningSigns: string[];
  actions: string[];
  takeaway: string;
  fraudType: string;
  teachingPoints?: string[];
  discussion?: { question: string; answer: string } | null;
}

/** A stored prompt in the shape of prompts.json, for promptFingerprint. */
export function promptContentOf(
  row: PromptContent & { discussionQuestion: string; discussionAnswer: string },
): PromptContent {
  return {
    ...row,
    discussion: row.discussionQuestion ? { question: row.discussionQuestion, answer: row.discussionAnswer } : null,
  };
}

export interface SupersededQuestion {
  type: string;
  stemKey: string;
  fingerprint: string;
}

export interface SupersededPrompt {
  title: string;
  fingerprint: string;
}

/** Whitespace never changes what a text says; the seeders and editors trim it differently. */
const plain = (s: string): string => s.replace(/\s+/g, '');

function digest(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}

export function questionFingerprint(q: QuestionContent): string {
  return digest([
    q.type,
    plain(q.stem),
    q.options.map((o) => [o.key, plain(o.text)]),
    [...new Set(q.answer)].sort(),
    plain(q.analysis),
    q.fraudType,
  ]);
}

export function promptFingerprint(p: PromptContent): string {
  return digest([
    plain(p.title),
    plain(p.story),
    p.warningSigns.map(plain),
    p.actions.map(plain),
    plain(p.takeaway),
    p.fraudType,
    (p.teachingPoints ?? []).map(plain),
    plain(p.discussion?.question ?? ''),
    plain(p.discussion?.answer ?? ''),
  ]);
}

export function supersededQuestionEntry(q: QuestionContent): SupersededQuestion {
  return { type: q.type, stemKey: stemKey(q.stem), fingerprint: questionFingerprint(q) };
}

export function supersededPromptEntry(p: PromptContent): SupersededPrompt {
  return { title: p.title.trim(), fingerprint: promptFingerprint(p) };
}

export const SUPERSEDED_QUESTIONS: readonly SupersededQuestion[] = superseded.questions;
export const SUPERSEDED_PROMPTS: readonly SupersededPrompt[] = superseded.prompts;
