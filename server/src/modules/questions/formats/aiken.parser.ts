import { QuestionType, type QuestionDraft, type QuestionOption } from '@campus/shared';
import { DRAFT_DEFAULTS, OPTION_KEYS, questionItem, type ParsedQuestions } from './question-format.types';
import { plainText } from './question-text';

/**
 * Aiken (https://docs.moodle.org/en/Aiken_format): a stem, options `A.`/`A)` one per line and
 * `ANSWER: X`; each question is a 单选. Beyond Moodle's reader it accepts what Chinese authors
 * type: full-width `．）、：`, no space after the label, and a stem running over several lines.
 */
export function parseAiken(source: string): ParsedQuestions {
  const result: ParsedQuestions = { questions: [], skipped: [], errors: [] };
  let current: Pending | undefined;
  let ordinal = 0;

  let lineNumber = 0;
  // Errors name the lines, as an editor shows them, where the question starts and where it went wrong.
  const start = (line: string): Pending => {
    ordinal += 1;
    return { item: `${questionItem(ordinal)}（第${lineNumber}行）`, stemLines: [line], options: [] };
  };
  const abandon = (pending: Pending, where: string) => {
    result.errors.push({ item: pending.item, message: `${where}缺少「ANSWER:」行` });
  };

  for (const rawLine of source.replace(/^\ufeff/, '').split(/\r\n|\r|\n/)) {
    lineNumber += 1;
    const line = rawLine.trim();
    if (line === '') continue;

    const answer = ANSWER_LINE.exec(line);
    if (answer) {
      const pending = current ?? start('');
      current = undefined;
      const outcome = finish(pending, answer[1] ?? '');
      if (typeof outcome === 'string') {
        result.errors.push({ item: pending.item, message: `第${lineNumber}行：${outcome}` });
      } else result.questions.push({ item: pending.item, draft: outcome });
      continue;
    }

    const option = OPTION_LINE.exec(line);
    if (option && current) {
      current.options.push({ key: option[1] ?? '', text: plainText(option[2] ?? '') });
      continue;
    }

    if (current && current.options.length === 0) {
      current.stemLines.push(line);
      continue;
    }
    if (current) abandon(current, `第${lineNumber}行之前`);
    current = start(line);
  }
  if (current) abandon(current, '文件末尾之前');
  return result;
}

interface Pending {
  item: string;
  stemLines: string[];
  options: QuestionOption[];
}

const ANSWER_LINE = /^ANSWER\s*[:：]\s*(.*)$/i;
const OPTION_LINE = /^([A-Z])\s*[.)．）、]\s*(.*)$/;

/** The draft, or why the question cannot be imported. */
function finish(pending: Pending, answerText: string): QuestionDraft | string {
  const stem = plainText(pending.stemLines.join('\n'));
  if (stem === '') return '题干为空';
  if (pending.options.length < 2) return '至少需要两个选项（A. … B. …）';

  const keys = pending.options.map((option) => option.key);
  const misplaced = keys.findIndex((key, i) => key !== OPTION_KEYS[i]);
  if (misplaced >= 0) return `选项须从 A 起依次排列，第 ${misplaced + 1} 个选项却是 ${keys[misplaced] ?? ''}`;
  const emptyOption = pending.options.find((option) => option.text === '');
  if (emptyOption) return `选项 ${emptyOption.key} 的内容为空`;

  const answer = answerText.trim().toUpperCase();
  if (answer === '') return '「ANSWER:」后没有写答案';
  if (!/^[A-Z]$/.test(answer)) return `「ANSWER: ${answerText.trim()}」应为一个选项字母（Aiken 格式只有单选题）`;
  if (!keys.includes(answer)) return `「ANSWER: ${answer}」指向不存在的选项（已有 ${keys.join('、')}）`;

  return {
    ...DRAFT_DEFAULTS,
    type: QuestionType.Single,
    stem,
    options: pending.options,
    answer: [answer],
    tags: [],
  };
}
