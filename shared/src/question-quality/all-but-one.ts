import { QuestionType } from '../questions';
import type { QualityQuestion, QualityWarning } from './types';

/**
 * A multiple choice where all options but one are correct (or all are): "tick everything but the
 * odd one out" scores full marks. Keys of 2, 3 or 4 correct out of 4–5 options, varied across the
 * bank, leave no such shortcut.
 */
export function allButOneWarning(q: QualityQuestion): QualityWarning | null {
  if (q.type !== QuestionType.Multiple || q.options.length < 3) return null;
  const answer = new Set(q.answer);
  const wrong = q.options.filter((o) => !answer.has(o.key));
  if (wrong.length === 0) {
    return {
      code: 'all-but-one',
      field: 'answer',
      message: `全部 ${q.options.length} 个选项都是正确答案：“全选”即可得分，题目测不出知识。请加入学生真会误选的错误选项。`,
      optionKeys: [],
    };
  }
  if (wrong.length !== 1) return null;
  return {
    code: 'all-but-one',
    field: 'answer',
    message: `${q.options.length} 个选项中只有 ${wrong[0]!.key} 是错误选项：学生只要排除最不像的一项、其余全选就能得满分。请让正确答案的个数在题库中有变化（如 2 或 3 个），并写出看似合理的错误选项。`,
    optionKeys: wrong.map((o) => o.key),
  };
}
