import type { MyExamDto } from '@campus/shared';

export type ExamStatus = 'upcoming' | 'open' | 'passed' | 'failed' | 'closed';

export const EXAM_STATUS_LABELS: Record<ExamStatus, string> = {
  upcoming: '未开始',
  open: '进行中',
  passed: '已通过',
  failed: '未通过',
  closed: '已结束',
};

export const EXAM_STATUS_TAG_TYPES: Record<ExamStatus, 'info' | 'primary' | 'success' | 'danger' | 'warning'> = {
  upcoming: 'info',
  open: 'primary',
  passed: 'success',
  failed: 'danger',
  closed: 'info',
};

/**
 * A student's view of an exam: passed beats everything; otherwise by its window, where an exam
 * taken without passing reads 未通过 (even while it is still open for a retake) and one never taken
 * and now closed reads 已结束.
 */
export function examStatus(exam: MyExamDto, now = Date.now()): ExamStatus {
  if (exam.passed) return 'passed';
  if (exam.inProgressAttemptId !== null) return 'open';
  if (now < Date.parse(exam.opensAt)) return 'upcoming';
  if (exam.attemptsUsed > 0) return 'failed';
  if (now >= Date.parse(exam.closesAt)) return 'closed';
  return 'open';
}

/** "已考 1 / 3 次" or "已考 1 次（不限次数）". */
export function attemptsText(exam: MyExamDto): string {
  return exam.maxAttempts === 0
    ? `已考 ${exam.attemptsUsed} 次（不限次数）`
    : `已考 ${exam.attemptsUsed} / ${exam.maxAttempts} 次`;
}

/** Minutes actually available if started now: the duration, cut short by the exam's closing time. */
export function availableMinutes(exam: MyExamDto, now = Date.now()): number {
  const untilClose = Math.floor((Date.parse(exam.closesAt) - now) / 60_000);
  return Math.max(0, Math.min(exam.durationMinutes, untilClose));
}
