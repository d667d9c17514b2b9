/**
 * Saving an answer in one statement: it matches only when the question is on this attempt's paper,
 * the attempt is the caller's, not submitted, and its deadline has not passed. The benchmark's
 * bare-HTTP baseline runs this same statement.
 */
export const SAVE_ANSWER_SQL = `UPDATE attempt_question SET answer = ?, saved_at = ?
  WHERE attempt_id = ? AND question_id = ?
    AND EXISTS (SELECT 1 FROM exam_attempt a WHERE a.id = ? AND a.user_id = ? AND a.submitted_at IS NULL AND a.deadline > ?)`;

export function saveAnswerParams(
  answer: string | null,
  now: Date,
  attemptId: number,
  questionId: number,
  userId: number,
): unknown[] {
  return [answer, now, attemptId, questionId, attemptId, userId, now];
}
