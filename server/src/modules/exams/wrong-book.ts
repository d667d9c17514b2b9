import type { Sql } from '../../database/sql';

/**
 * The 错题本 upsert for questions answered wrong at `at`: a question answered wrong again comes back
 * (mastered_at cleared) and counts once more, but once per moment only. A hot statement is tried
 * again when its connection is lost (Sql.hotExecute); the second try finds last_wrong_at already
 * at `at` and leaves the count as the first try left it.
 */
export function wrongAnswersUpsert(
  sql: Sql,
  userId: number,
  wrong: ReadonlyArray<{ questionId: number; answer: string }>,
  at: Date,
): { text: string; params: unknown[] } {
  const lastWrongAt = sql.proposed('last_wrong_at');
  const assignments = [
    // Assigned first: MySQL evaluates the assignments in order, and this one reads the old time.
    `wrong_count = CASE WHEN wrong_question.last_wrong_at = ${lastWrongAt} THEN wrong_question.wrong_count ELSE wrong_question.wrong_count + 1 END`,
    `last_answer = ${sql.proposed('last_answer')}`,
    `last_wrong_at = ${lastWrongAt}`,
    'mastered_at = NULL',
  ].join(', ');
  return {
    text: `INSERT INTO wrong_question (user_id, question_id, wrong_count, last_answer, last_wrong_at, mastered_at)
       VALUES ${wrong.map(() => '(?,?,?,?,?,NULL)').join(',')}
       ${sql.onConflict(['user_id', 'question_id'], assignments)}`,
    params: wrong.flatMap((w) => [userId, w.questionId, 1, w.answer, at]),
  };
}
