import { fraudTypeFromName, JUDGE_OPTIONS, QuestionType, type QuestionDraft } from '@campus/shared';
import {
  categoryTag,
  DRAFT_DEFAULTS,
  OPTION_KEYS,
  questionItem,
  readTaggedFields,
  type ImportIssue,
  type ParsedQuestions,
} from './question-format.types';
import { htmlToText, plainText as keepPlain } from './question-text';

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
    const parsed = parseBlock(block.text, index + 1);
    if ('draft' in parsed) {
      const draft = withTags(parsed.draft, block.category, [...block.tags, ...parsed.tags]);
      if (typeof draft === 'string') result.errors.push({ item: parsed.item, message: draft });
      else result.questions.push({ item: parsed.item, draft });
    } else if (parsed.kind === 'skipped') result.skipped.push(parsed.issue);
    else result.errors.push(parsed.issue);
  });
  return result;
}

/**
 * Moodle files questions under a category (`$CATEGORY: $course$/top/反诈题库/刷单返利`); its last
 * part becomes the fraud type when it names one, else a tag. Tags come from `[tag:…]` markers; those
 * the platform writes (`fraudType:…`, `difficulty:…`, `group:…`, as in Moodle XML) set the fraud
 * type, difficulty and 互斥组, and a fraud type tag wins over the category.
 */
function withTags(draft: QuestionDraft, category: string | undefined, tags: string[]): QuestionDraft | string {
  const fields = readTaggedFields(tags);
  if (typeof fields === 'string') return fields;
  const fromCategory = categoryTag(category);
  const categoryType = fromCategory === undefined ? undefined : fraudTypeFromName(fromCategory);
  const all = [...(categoryType === undefined && fromCategory !== undefined ? [fromCategory] : []), ...fields.tags];
  const fraudType = fields.fraudType ?? categoryType;
  return {
    ...draft,
    ...(fraudType === undefined ? {} : { fraudType }),
    ...(fields.difficulty === undefined ? {} : { difficulty: fields.difficulty }),
    ...(fields.group === undefined ? {} : { group: fields.group }),
    tags: [...new Set(all)],
  };
}

type BlockResult =
  { item: string; draft: QuestionDraft; tags: string[] } | { kind: 'skipped' | 'error'; issue: ImportIssue };

interface Block {
  text: string;
  category: string | undefined;
  /** `[tag:…]` markers in the comment lines just before the question. */
  tags: string[];
}

/**
 * `[tag:name]` (Moodle 3.6+) and `[id:…]`, in a comment before a question or at the start of its
 * text. A `]` inside a tag is written `\]` (the platform's own export does so).
 */
const MARKER = /\[(tag|id):((?:\\\]|[^\]\n]){1,100})\]/g;

const LEADING_MARKER = /^\s*\[(?:tag|id):(?:\\\]|[^\]\n]){1,100}\]/;

function markerTags(text: string): string[] {
  return [...text.matchAll(MARKER)].flatMap((match) =>
    match[1] === 'tag' ? [keepPlain(restoreEscapes((match[2] ?? '').replace(/\\\]/g, ']')))] : [],
  );
}

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
function splitIntoBlocks(source: string): Block[] {
  const blocks: Block[] = [];
  let current: string[] = [];
  let category: string | undefined;
  let commentTags: string[] = [];
  const close = () => {
    if (current.length > 0) blocks.push({ text: current.join('\n'), category, tags: commentTags });
    if (current.length > 0) commentTags = [];
    current = [];
  };
  for (const rawLine of source.replace(/^\ufeff/, '').split(/\r\n|\r|\n/)) {
    const line = rawLine.trim();
    if (line.startsWith('//')) {
      if (current.length === 0) commentTags.push(...markerTags(line));
      continue;
    }
    if (line.startsWith('$CATEGORY:')) {
      close();
      category = restoreEscapes(line.slice('$CATEGORY:'.length)).trim();
      continue;
    }
    if (line !== '') current.push(line);
    else close();
  }
  close();
  return blocks;
}

const SKIP_REASONS = {
  description: '不支持的题型：说明文字（description，没有答案块），已跳过',
  essay: '不支持的题型：问答题（essay），已跳过',
  numerical: '不支持的题型：数值题（numerical），已跳过',
  match: '不支持的题型：匹配题（matching），已跳过',
  shortanswer: '不支持的题型：简答题（short answer），已跳过',
  missingword: '不支持的题型：判断题不能写在句中（答案块后还有题文），已跳过',
} as const;

const WEIGHT = /^%(-?\d+(?:\.\d+)?)%/;
const TRUE_FALSE = /^(T|TRUE|F|FALSE)$/i;
const WORD_CHARACTER = /[\p{L}\p{N}]/u;
/** Where a missing-word question's answer goes in its stem. */
export const BLANK = '＿＿＿';

function parseBlock(block: string, ordinal: number): BlockResult {
  let text = block.trimStart();
  let name: string | undefined;
  if (text.startsWith('::')) {
    const nameEnd = text.indexOf('::', 2);
    if (nameEnd >= 0) {
      name = keepPlain(restoreEscapes(text.slice(2, nameEnd)));
      text = text.slice(nameEnd + 2);
    } else {
      text = text.slice(2);
    }
  }
  const item = questionItem(ordinal, name);
  // [id:…] and [tag:…] may also open the question text, after its name.
  const tags: string[] = [];
  let lead = LEADING_MARKER.exec(text);
  while (lead) {
    tags.push(...markerTags(lead[0]));
    text = text.slice(lead[0].length);
    lead = LEADING_MARKER.exec(text);
  }
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
  // Words after the block make a missing-word question: the block is the blank in the sentence.
  const missingWord = WORD_CHARACTER.test(tail);
  const stem = missingWord ? plainText(`${text.slice(0, open)}${BLANK}${tail}`) : plainText(text.slice(0, open));

  let generalFeedback = '';
  const feedbackStart = answerText.lastIndexOf('####');
  if (feedbackStart >= 0) {
    generalFeedback = plainText(answerText.slice(feedbackStart + 4));
    answerText = answerText.slice(0, feedbackStart).trim();
  }

  const kind = classify(answerText);
  if (kind !== 'multichoice' && kind !== 'truefalse') return skip(kind);
  // Moodle has missing-word choice questions only; a true/false cannot sit inside a sentence.
  if (missingWord && kind === 'truefalse') return skip('missingword');
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
    return { item, tags, draft: draft(QuestionType.Judge, stem, options, [judgeAnswer], analysis) };
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
  // A multiple response with one right answer is a single choice: that is how a student answers it.
  return {
    item,
    tags,
    draft: draft(
      isSingle || correct.length === 1 ? QuestionType.Single : QuestionType.Multiple,
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

const FORMAT_MARKER = /^\[(html|moodle|plain|markdown)\]/i;

/**
 * A text of the question as plain text, by its format marker: `[html]` is HTML and `[moodle]`
 * (Moodle's auto-format) HTML whose line breaks count; `[plain]`, `[markdown]` and unmarked text
 * are kept as written — `<etc-renew.cn>` in a stem is the link the question is about.
 */
function plainText(text: string): string {
  const trimmed = text.trim();
  const marker = FORMAT_MARKER.exec(trimmed)?.[1]?.toLowerCase();
  const body = restoreEscapes(marker === undefined ? trimmed : trimmed.slice(marker.length + 2));
  if (marker === 'html') return htmlToText(body);
  if (marker === 'moodle') return htmlToText(body, { keepNewlines: true });
  return keepPlain(body);
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
