import type { QualityWarning } from './types';

export interface GroupedQuestion {
  id: number;
  group?: string | null;
}

/**
 * Questions of one 互斥组 test the same fact; a fixed paper that holds two of them asks it twice and
 * gives away the answer of one through the other. One warning per such group.
 */
export function groupConflictWarnings(paper: readonly GroupedQuestion[]): QualityWarning[] {
  const byGroup = new Map<string, number[]>();
  for (const q of paper) {
    if (!q.group) continue;
    byGroup.set(q.group, [...(byGroup.get(q.group) ?? []), q.id]);
  }
  return [...byGroup]
    .filter(([, ids]) => ids.length > 1)
    .map(([group, ids]) => ({
      code: 'group-conflict' as const,
      field: 'paper' as const,
      message: `第 ${ids.join('、')} 号题同属互斥组“${group}”，考的是同一知识点：同卷出现会互相提示答案。请只保留其中一题。`,
      questionIds: ids,
    }));
}
