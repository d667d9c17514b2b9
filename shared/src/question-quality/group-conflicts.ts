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
  const byGroup = new Map<string, Array<{ id: number; place: number }>>();
  paper.forEach((q, i) => {
    if (!q.group) return;
    byGroup.set(q.group, [...(byGroup.get(q.group) ?? []), { id: q.id, place: i + 1 }]);
  });
  return [...byGroup]
    .filter(([, members]) => members.length > 1)
    .map(([group, members]) => ({
      code: 'group-conflict' as const,
      field: 'paper' as const,
      message: `卷中第 ${members.map((m) => m.place).join('、')} 题（题目编号 ${members.map((m) => m.id).join('、')}）同属互斥组“${group}”，考的是同一知识点：同卷出现会互相提示答案。请只保留其中一题。`,
      questionIds: members.map((m) => m.id),
    }));
}
