import { QuestionType } from '../questions';
import { characterGrams, jaccard } from './text';
import { QUALITY_THRESHOLDS, type QualityQuestion, type QualityWarning } from './types';

export interface DuplicateCandidate<Id> {
  id: Id;
  /** The text compared: {@link duplicateComparisonText} of the question. */
  text: string;
  /** Questions of one 互斥组 are meant to test the same fact; they are not reported as duplicates. */
  group?: string | null;
}

export interface NearDuplicatePair<Id> {
  a: Id;
  b: Id;
  /** Jaccard similarity of the character bigrams of the normalised texts, 0–1. */
  similarity: number;
}

/**
 * What two questions are compared by: the stem and the text of the key. The stem alone is not
 * enough — template stems (关于“刷单”，下列说法正确的是) differ by one topic word and look alike
 * while testing different facts; a copied and lightly edited question keeps both stem and key.
 */
export function duplicateComparisonText(q: QualityQuestion): string {
  if (q.type === QuestionType.Judge) return q.stem;
  const keys = q.options.filter((o) => q.answer.includes(o.key)).map((o) => o.text);
  return [q.stem, ...keys].join(' ');
}

function sameGroup(a: { group?: string | null }, b: { group?: string | null }): boolean {
  return a.group != null && a.group !== '' && a.group === b.group;
}

/**
 * Every pair at least `threshold` similar (character-bigram Jaccard after removing case, spaces and
 * punctuation), most similar first. Exact, and fast on a whole bank: it compares only pairs whose
 * rarest grams meet (the "prefix filter" of set-similarity joins — two sets with Jaccard ≥ t share a
 * gram among the first |x| − ⌈t·|x|⌉ + 1 of each, in one global order).
 */
export function findNearDuplicates<Id>(
  items: readonly DuplicateCandidate<Id>[],
  threshold: number = QUALITY_THRESHOLDS.nearDuplicateJaccard,
): NearDuplicatePair<Id>[] {
  // Grams become small integers once, so the join below sorts and indexes numbers, not strings.
  const ids = new Map<string, number>();
  const grams = items.map((item) => {
    const set = new Set<number>();
    for (const gram of characterGrams(item.text)) {
      let id = ids.get(gram);
      if (id === undefined) ids.set(gram, (id = ids.size));
      set.add(id);
    }
    return set;
  });
  const frequency = new Uint32Array(ids.size);
  for (const set of grams) for (const gram of set) frequency[gram]!++;
  const rarestFirst = (a: number, b: number): number => frequency[a]! - frequency[b]! || a - b;

  const index = new Map<number, number[]>();
  const pairs: NearDuplicatePair<Id>[] = [];
  grams.forEach((set, i) => {
    if (set.size === 0) return;
    const ordered = [...set].sort(rarestFirst);
    const prefix = ordered.slice(0, ordered.length - Math.ceil(threshold * ordered.length) + 1);
    const candidates = new Set<number>();
    for (const gram of prefix) for (const j of index.get(gram) ?? []) candidates.add(j);
    for (const j of candidates) {
      if (sameGroup(items[i]!, items[j]!)) continue;
      const similarity = jaccard(set, grams[j]!);
      if (similarity >= threshold) pairs.push({ a: items[j]!.id, b: items[i]!.id, similarity });
    }
    for (const gram of prefix) {
      const posting = index.get(gram);
      if (posting) posting.push(i);
      else index.set(gram, [i]);
    }
  });
  return pairs.sort((x, y) => y.similarity - x.similarity);
}

/** The bank questions near-duplicate of `text` (e.g. the question being saved), most similar first. */
export function nearDuplicatesOf<Id>(
  text: string,
  items: readonly DuplicateCandidate<Id>[],
  options: { group?: string | null; threshold?: number } = {},
): { id: Id; similarity: number }[] {
  const threshold = options.threshold ?? QUALITY_THRESHOLDS.nearDuplicateJaccard;
  const own = characterGrams(text);
  return items
    .filter((item) => !sameGroup({ group: options.group }, item))
    .map((item) => ({ id: item.id, similarity: jaccard(own, characterGrams(item.text)) }))
    .filter((hit) => hit.similarity >= threshold)
    .sort((x, y) => y.similarity - x.similarity);
}

/** The warning shown on a question that has near-duplicates in the bank. */
export function nearDuplicateWarning(hits: readonly { id: number; similarity: number }[]): QualityWarning | null {
  if (hits.length === 0) return null;
  const listed = hits
    .slice(0, 5)
    .map((hit) => `第 ${hit.id} 号题（相似度 ${Math.round(hit.similarity * 100)}%）`)
    .join('、');
  return {
    code: 'near-duplicate',
    field: 'stem',
    message: `与题库中的${listed}${hits.length > 5 ? ` 等 ${hits.length} 题` : ''}题干和答案高度相似：同卷出现会重复考查、互相提示答案。请合并，或把它们放进同一个互斥组。`,
    questionIds: hits.map((hit) => hit.id),
  };
}
