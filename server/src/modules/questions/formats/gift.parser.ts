import { JUDGE_OPTIONS, QuestionType, type QuestionDraft } from '@campus/shared';
import {
  DRAFT_DEFAULTS,
  OPTION_KEYS,
  questionItem,
  type ImportIssue,
  type ParsedQuestions,
} from './question-format.types';
import { sanitizeStem } from './sanitize-stem';

/**
 * Moodle GIFT (https://docs.moodle.org/en/GIFT_format), read the way Moodle's qformat_gift reads
 * it: questions are separated by blank lines, `//` starts a comment line, `::name::` names a question,
 * and the answer block `{…}` decides the type. Multiple choice (one `=`) becomes 单选, multiple
 * response (`~%50%` weights, no `=`) becomes 多选, `{T}`/`{FALSE}` becomes 判断; every other type
 * is reported as skipped.
 */
export function parseGift(source: string): ParsedQuestions {
  const result: ParsedQuestions = { questions: [], skipped: [], errors: [] };
  splitIntoBlocks(protectEscapes(source)).forEach((block, index) => {
    const parsed = parseBlock(block, index + 1);
    if ('draft' in parsed) result.questions.push(parsed);
    else if (parsed.kind === 'skipped') result.skipped.push(parsed.issue);
    else result.errors.push(parsed.issue);
  });
  return result;
}

type BlockResult = { item: string; draft: QuestionDraft } | { kind: 'skipped' | 'error'; issue: ImportIssue };

interface Answer {
  text: string;
  feedback: string;
  weight: number;
}

// Escaped control characters are parked in the Private Use Area while the structure is parsed.
const PLACEHOLDER_BASE = 0xe000;

function protectEscapes(source: string): string {
  return source.replace(/\\([\\:#={}~n])/g, (_match, char: string) => {
    const original = char === 'n' ? '\n' : char;
    return String.fromCharCode(PLACEHOLDER_BASE + original.charCodeAt(0));
  });
}

function restoreEscapes(text: string): string {
  return text.replace(/[\ue000-\ue07f]/g, (char) => String.fromCharCode(char.charCodeAt(0) - PLACEHOLDER_BASE));
}

/** Questions are runs of non-blank lines; comment and `$CATEGORY:` lines are neither text nor separators. */
function splitIntoBlocks(source: string): string[] {
  const blocks: string[] = [];
  let current: string[] = [];
  for (const rawLine of source.replace(/^\ufeff/, '').split(/\r\n|\r|\n/)) {
    const line = rawLine.trim();
    if (line.startsWith('//') || line.startsWith('$CATEGORY:')) continue;
    if (line !== '') {
      current.push(line);
      continue;
    }
    if (current.length > 0) blocks.push(current.join('\n'));
    current = [];
  }
  if (current.length > 0) blocks.push(current.join('\n'));
  return blocks;
}

const SKIP_REASONS = {
  description: '不支持的题型：说明文字（description，没有答案块），已跳过',
  essay: '不支持的题型：问答题（essay），已跳过',
  numerical: '不支持的题型：数值题（numerical），已跳过',
  match: '不支持的题型：匹配题（matching），已跳过',
  shortanswer: '不支持的题型：简答题（short answer），已跳过',
  missingword: '不支持的题型：填空题（missing word，答案块后还有题文），已跳过',
} as const;

const WEIGHT = /^%(-?\d+(?:\.\d+)?)%/;
const TRUE_FALSE = /^(T|TRUE|F|FALSE)$/i;
const WORD_CHARACTER = /[\p{L}\p{N}]/u;

function parseBlock(block: string, ordinal: number): BlockResult {
  let text = block;
  let name: string | undefined;
  if (text.startsWith('::')) {
    const nameEnd = text.indexOf('::', 2);
    if (nameEnd >= 0) {
      name = sanitizeStem(restoreEscapes(text.slice(2, nameEnd)));
      text = text.slice(nameEnd + 2);
    } else {
      text = text.slice(2);
    }
  }
  const item = questionItem(ordinal, name);
  const skip = (reason: keyof typeof SKIP_REASONS): BlockResult => ({
    kind: 'skipped',
    issue: { item, message: SKIP_REASONS[reason] },
  });
  const fail = (message: string): BlockResult => ({ kind: 'error', issue: { item, message } });

  const open = text.indexOf('{');
  const close = open >= 0 ? text.indexOf('}', open) : text.indexOf('}');
  if (open < 0 && close < 0) return skip('description');
  if (open < 0 || close < 0) return fail('大括号不成对：答案须写在一对 { } 之中');

  let answerText = text.slice(open + 1, close).trim();
  const tail = text.slice(close + 1);
  const stem = plainText(text.slice(0, open));

  let generalFeedback = '';
  const feedbackStart = answerText.lastIndexOf('####');
  if (feedbackStart >= 0) {
    generalFeedback = plainText(answerText.slice(feedbackStart + 4));
    answerText = answerText.slice(0, feedbackStart).trim();
  }

  const kind = classify(answerText);
  if (kind !== 'multichoice' && kind !== 'truefalse') return skip(kind);
  // Words after the block make it a missing-word (fill-in) question; mere punctuation does not.
  if (WORD_CHARACTER.test(tail)) return skip('missingword');
  if (stem === '') return fail('题干为空');

  // The platform has one explanation per question: Moodle's general feedback or, failing that, the
  // feedback on the right answer(s); for true/false both, as the one shown on a wrong answer usually
  // is the explanation.
  if (kind === 'truefalse') {
    const [answer, feedbacks] = splitOnce(answerText, '#');
    const [wrongFeedback, rightFeedback] = splitOnce(feedbacks, '#');
    const judgeAnswer = /^T/i.test(answer.trim()) ? 'T' : 'F';
    const analysis = generalFeedback || joinDistinct([plainText(wrongFeedback), plainText(rightFeedback)]);
    const options = JUDGE_OPTIONS.map((option) => ({ ...option }));
    return { item, draft: draft(QuestionType.Judge, stem, options, [judgeAnswer], analysis) };
  }

  const answers = splitAnswers(answerText);
  if (answers.length < 2) return fail('选择题至少需要两个选项');
  if (answers.length > OPTION_KEYS.length) return fail(`选项过多：最多 ${OPTION_KEYS.length} 个`);
  const emptyAt = answers.findIndex((answer) => answer.text === '');
  if (emptyAt >= 0) return fail(`第 ${emptyAt + 1} 个选项为空`);

  const options = answers.map((answer, i) => ({ key: OPTION_KEYS[i] ?? '', text: answer.text }));
  const isSingle = answerText.includes('=');
  const correct = answers.flatMap((answer, i) =>
    (isSingle ? answer.weight === 100 : answer.weight > 0) ? [{ key: OPTION_KEYS[i] ?? '', answer }] : [],
  );
  if (correct.length === 0) {
    return fail('没有正确答案：单选题用「=」标出正确选项，多选题用正权重（如 ~%50%）标出');
  }
  if (isSingle && correct.length > 1) {
    return fail(`有 ${correct.length} 个「=」正确选项，单选题只能有一个（多选题请用 ~%50% 这样的权重）`);
  }
  const analysis = generalFeedback || joinDistinct(correct.map(({ answer }) => answer.feedback));
  return {
    item,
    draft: draft(
      isSingle ? QuestionType.Single : QuestionType.Multiple,
      stem,
      options,
      correct.map(({ key }) => key),
      analysis,
    ),
  };
}

/** Moodle's order of tests: the first that matches decides the type. */
function classify(answerText: string): 'essay' | 'numerical' | 'multichoice' | 'match' | 'truefalse' | 'shortanswer' {
  if (answerText === '') return 'essay';
  if (answerText.startsWith('#')) return 'numerical';
  if (answerText.includes('~')) return 'multichoice';
  if (answerText.includes('=') && answerText.includes('->')) return 'match';
  const beforeFeedback = answerText.split('#', 1)[0]?.trim() ?? '';
  return TRUE_FALSE.test(beforeFeedback) ? 'truefalse' : 'shortanswer';
}

function splitAnswers(answerText: string): Answer[] {
  return answerText
    .replace(/=/g, '~=')
    .split('~')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      let weight = 0;
      let rest = part;
      const weightMatch = WEIGHT.exec(part);
      if (part.startsWith('=')) {
        weight = 100;
        rest = part.slice(1);
      } else if (weightMatch) {
        weight = Number(weightMatch[1]);
        rest = part.slice(weightMatch[0].length);
      }
      const [answer, feedback] = splitOnce(rest, '#');
      return { text: plainText(answer), feedback: plainText(feedback), weight };
    });
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + separator.length)];
}

/** Drops a leading `[html]`/`[moodle]`/`[plain]`/`[markdown]` marker; every format ends as plain text. */
function plainText(text: string): string {
  const withoutMarker = text.trim().replace(/^\[(?:html|moodle|plain|markdown)\]/i, '');
  return sanitizeStem(restoreEscapes(withoutMarker));
}

function joinDistinct(texts: readonly string[]): string {
  return [...new Set(texts.filter((text) => text !== ''))].join(' ');
}

function draft(
  type: QuestionType,
  stem: string,
  options: QuestionDraft['options'],
  answer: string[],
  analysis: string,
): QuestionDraft {
  return { ...DRAFT_DEFAULTS, type, stem, options, answer, analysis, tags: [] };
}
