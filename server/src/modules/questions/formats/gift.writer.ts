import { FRAUD_TYPE_NAMES, QuestionType, type QuestionDraft } from '@campus/shared';
import { fieldTags } from './question-format.types';

export interface GiftOptions {
  /** A Moodle category path such as "$course$/top/反诈题库"; each fraud type gets a subcategory below it. */
  category?: string;
}

/** Moodle shortens generated question names to this many characters. */
const NAME_LENGTH = 50;

/**
 * GIFT (https://docs.moodle.org/en/GIFT_format) for the given questions, importable into Moodle and
 * back into the platform without loss (docs/question-formats.md):
 *
 * - each question's text is marked `[plain]`: the platform's texts are plain text, and a quoted link
 *   such as `<etc-renew.cn>` must not become HTML;
 * - GIFT's control characters `~ = # { } :` and the backslash are escaped with a backslash, and a
 *   line break is written `\n`, so a question stays on its lines and a blank line never splits it;
 * - 单选 is `{=key ~other …}`, 多选 gives the right options equal positive weights and the wrong ones
 *   `%-100%` (any wrong pick scores 0, as on the platform), 判断 is `{TRUE}` / `{FALSE}`; the 解析 is
 *   the general feedback (`####`);
 * - the fraud type is the category (`$CATEGORY:`) and, with difficulty, 互斥组 and the question's own
 *   tags, a `[tag:…]` in the comment line before the question — where Moodle writes tags.
 */
export function writeGift(drafts: readonly QuestionDraft[], options: GiftOptions = {}): string {
  const parts: string[] = [];
  let current: string | undefined;
  for (const draft of drafts) {
    const category =
      options.category === undefined ? undefined : `${options.category}/${FRAUD_TYPE_NAMES[draft.fraudType]}`;
    if (category !== undefined && category !== current) {
      parts.push(`$CATEGORY: ${category}`, '');
      current = category;
    }
    parts.push(...writeQuestion(draft), '');
  }
  return parts.join('\n');
}

function writeQuestion(draft: QuestionDraft): string[] {
  const name = Array.from(oneLine(draft.stem)).slice(0, NAME_LENGTH).join('');
  const lines = [
    `// ${fieldTags(draft)
      .map((tag) => `[tag:${escapeTag(tag)}]`)
      .join(' ')}`,
    `::${escapeGift(name)}::[plain]${escapeGift(draft.stem)} {`,
  ];
  if (draft.type === QuestionType.Judge) {
    lines.push(`\t${draft.answer[0] === 'T' ? 'TRUE' : 'FALSE'}`);
  } else {
    const correct = new Set(draft.answer);
    const single = draft.type === QuestionType.Single;
    const share = formatWeight(100 / Math.max(correct.size, 1));
    for (const option of draft.options) {
      const prefix = single ? (correct.has(option.key) ? '=' : '~') : `~%${correct.has(option.key) ? share : -100}%`;
      lines.push(`\t${prefix}${answerText(option.text)}`);
    }
  }
  if (draft.analysis.trim() !== '') lines.push(`\t####${answerText(draft.analysis)}`);
  lines.push('}');
  return lines;
}

/**
 * Escapes GIFT's control characters and writes line breaks as `\n`. The backslash goes first, so
 * the backslashes added for the others are not escaped again.
 */
export function escapeGift(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\\~=#{}:]/g, (char) => `\\${char}`)
    .replace(/\n/g, '\\n');
}

/**
 * An option or feedback text. It takes the question's `[plain]` format; only a text that itself
 * starts with `[` gets its own marker, so that "[html] …" typed as an option stays text.
 */
function answerText(text: string): string {
  const escaped = escapeGift(text);
  return /^\s*\[/.test(text) ? `[plain]${escaped}` : escaped;
}

/**
 * A tag in a `[tag:…]` marker of a comment line. Moodle reads comment lines without unescaping, so
 * only what the marker itself needs is escaped: the backslash, and `]` (which would end it) as `\]`.
 */
function escapeTag(tag: string): string {
  return oneLine(tag).replace(/[\\\]]/g, (char) => `\\${char}`);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** As Moodle writes weights: at most five decimals, e.g. 33.33333. */
function formatWeight(value: number): string {
  return String(Number(value.toFixed(5)));
}
