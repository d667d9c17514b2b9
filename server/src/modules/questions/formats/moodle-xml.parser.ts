import { fraudTypeFromName, JUDGE_OPTIONS, QuestionType, type QuestionDraft } from '@campus/shared';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  categoryTag,
  DRAFT_DEFAULTS,
  OPTION_KEYS,
  questionItem,
  readTaggedFields,
  type ParsedQuestions,
} from './question-format.types';
import { htmlToText, plainText } from './question-text';

const FILE_ITEM = '文件';

/** Moodle's question types that the platform does not have, by their names in Moodle's Chinese UI. */
const UNSUPPORTED_TYPES: Record<string, string> = {
  essay: '问答题',
  match: '匹配题',
  randomsamatch: '随机简答匹配题',
  numerical: '数值题',
  shortanswer: '简答题',
  description: '说明文字',
  calculated: '计算题',
  calculatedsimple: '简单计算题',
  calculatedmulti: '计算选择题',
  multianswer: '完形填空题（Cloze）',
  gapselect: '选词填空题',
  ddwtos: '拖放到文本',
  ddimageortext: '拖放到图片',
  ddmarker: '拖放标记',
  ordering: '排序题',
};

/** Moodle's question files nest about six levels deep (quiz › question › answer › feedback › text). */
const MAX_XML_DEPTH = 32;

/**
 * Whether elements nest deeper than `limit`, found by one linear pass over the text before any
 * parser sees it. Comments, CDATA, declarations and quoted attribute values are skipped whole.
 */
export function exceedsDepth(xml: string, limit: number): boolean {
  let depth = 0;
  let at = xml.indexOf('<');
  const skipTo = (marker: string, from: number) => {
    const end = xml.indexOf(marker, from);
    return end < 0 ? xml.length : end + marker.length;
  };
  while (at >= 0 && at < xml.length) {
    if (xml.startsWith('<!--', at)) at = skipTo('-->', at + 4);
    else if (xml.startsWith('<![CDATA[', at)) at = skipTo(']]>', at + 9);
    else if (xml.startsWith('<?', at) || xml.startsWith('<!', at)) at = skipTo('>', at + 2);
    else if (xml.startsWith('</', at)) {
      depth -= 1;
      at = skipTo('>', at + 2);
    } else {
      let quote = '';
      let end = at + 1;
      for (; end < xml.length; end++) {
        const char = xml.charAt(end);
        if (quote !== '') {
          if (char === quote) quote = '';
        } else if (char === '"' || char === "'") quote = char;
        else if (char === '>') break;
      }
      if (xml.charAt(end - 1) !== '/') {
        depth += 1;
        if (depth > limit) return true;
      }
      at = end + 1;
    }
    at = xml.indexOf('<', at);
  }
  return false;
}

const ARRAY_PATHS = new Set(['quiz.question', 'quiz.question.answer', 'quiz.question.tags.tag']);

/**
 * Moodle XML (https://docs.moodle.org/en/Moodle_XML_format): `multichoice` becomes 单选, or 多选 when
 * `<single>false</single>` (the answers with fraction > 0 are the correct set); `truefalse` becomes
 * 判断. Fraud type, difficulty and tags come from the question's tags (see MOODLE_TAG_PREFIX).
 */
export function parseMoodleXml(xml: string): ParsedQuestions {
  const result: ParsedQuestions = { questions: [], skipped: [], errors: [] };
  const fail = (message: string): ParsedQuestions => ({ ...result, errors: [{ item: FILE_ITEM, message }] });

  // Moodle never writes a DTD; refusing one rules out entity-expansion bombs.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return fail('不支持带 DOCTYPE 或实体声明的 XML');
  // The validator and the parser recurse per level; a hostile file nests thousands deep.
  if (exceedsDepth(xml, MAX_XML_DEPTH)) return fail(`XML 嵌套超过 ${MAX_XML_DEPTH} 层，不是 Moodle 题目文件`);
  const validation = XMLValidator.validate(xml);
  if (validation !== true) {
    const { msg, line } = validation.err;
    return fail(`XML 格式错误（第 ${line} 行）：${msg}`);
  }
  const document: unknown = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    // Entities are decoded by text() in one pass, and CDATA is kept apart so it is never decoded:
    // the parser's own decoding skips numeric references and would decode "&amp;#60;" twice.
    processEntities: false,
    cdataPropName: CDATA,
    isArray: (_tagName, jPath) => typeof jPath === 'string' && ARRAY_PATHS.has(jPath),
  }).parse(xml);
  const quiz = field(document, 'quiz');
  if (quiz === undefined) return fail('不是 Moodle XML：根元素应为 <quiz>');

  let ordinal = 0;
  let category: string | undefined;
  for (const question of list(field(quiz, 'question'))) {
    const type = text(field(question, '@_type')).trim();
    if (type === 'category') {
      // The questions that follow are filed under it: its last part becomes their fraud type or a tag.
      category = categoryTag(innerText(question, 'category'));
      continue;
    }
    ordinal += 1;
    const item = questionItem(ordinal, plainText(innerText(question, 'name')));

    if (type !== 'multichoice' && type !== 'truefalse') {
      const label = UNSUPPORTED_TYPES[type];
      result.skipped.push({
        item,
        message: `不支持的题型：${label ? `${label}（${type}）` : type || '未注明'}，已跳过`,
      });
      continue;
    }
    const outcome = type === 'multichoice' ? readMultichoice(question) : readTrueFalse(question);
    if (typeof outcome === 'string') result.errors.push({ item, message: outcome });
    else result.questions.push({ item, draft: filedUnder(outcome, category) });
  }
  return result;
}

interface Answer {
  text: string;
  fraction: number;
}

/** A category naming a fraud type sets it (unless a tag already did); any other becomes a tag. */
function filedUnder(draft: QuestionDraft, category: string | undefined): QuestionDraft {
  if (category === undefined) return draft;
  const fraudType = fraudTypeFromName(category);
  if (fraudType !== undefined) return draft.fraudType === DRAFT_DEFAULTS.fraudType ? { ...draft, fraudType } : draft;
  return { ...draft, tags: [...new Set([category, ...(draft.tags ?? [])])] };
}

type Outcome = QuestionDraft | string;

function readMultichoice(question: unknown): Outcome {
  const common = readCommon(question);
  if (typeof common === 'string') return common;
  const answers = readAnswers(question);
  if (typeof answers === 'string') return answers;
  if (answers.length < 2) return '选择题至少需要两个 <answer>';
  if (answers.length > OPTION_KEYS.length) return `选项过多：最多 ${OPTION_KEYS.length} 个`;
  const emptyAt = answers.findIndex((answer) => answer.text === '');
  if (emptyAt >= 0) return `第 ${emptyAt + 1} 个 <answer> 的内容为空`;

  const options = answers.map((answer, i) => ({ key: OPTION_KEYS[i] ?? '', text: answer.text }));
  const single = isSingle(field(question, 'single'));
  const correct = options
    .filter((_option, i) => {
      const fraction = answers[i]?.fraction ?? 0;
      return single ? fraction === 100 : fraction > 0;
    })
    .map((option) => option.key);
  if (single && correct.length !== 1) {
    return correct.length === 0
      ? '单选题没有 fraction="100" 的正确答案'
      : `单选题有 ${correct.length} 个 fraction="100" 的答案，只能有一个`;
  }
  if (correct.length === 0) return '多选题没有 fraction 大于 0 的正确答案';
  // A multiple response with one right answer is a single choice: that is how a student answers it.
  const type = single || correct.length === 1 ? QuestionType.Single : QuestionType.Multiple;
  return { ...common, type, options, answer: correct };
}

function readTrueFalse(question: unknown): Outcome {
  const common = readCommon(question);
  if (typeof common === 'string') return common;
  const answers = readAnswers(question);
  if (typeof answers === 'string') return answers;
  // Files from old Moodle versions give the answers unnamed, true first; Moodle reads them so too.
  const trueAnswer = answers.find((answer) => /^(true|正确)$/i.test(answer.text)) ?? answers[0];
  if (answers.length !== 2 || !trueAnswer) return '判断题应有两个 <answer>（true 与 false）';
  // Without a fraction="100" answer the key is unknown; reading it as 错误 would invent one.
  if (!answers.some((answer) => answer.fraction === 100)) return '判断题没有 fraction="100" 的正确答案';
  return {
    ...common,
    type: QuestionType.Judge,
    options: JUDGE_OPTIONS.map((option) => ({ ...option })),
    answer: [trueAnswer.fraction === 100 ? 'T' : 'F'],
  };
}

type Common = Omit<QuestionDraft, 'type' | 'options' | 'answer'>;

function readCommon(question: unknown): Common | string {
  const stem = formattedText(field(question, 'questiontext'));
  if (stem === '') return '题干（<questiontext>）为空';
  const tags = readTags(question);
  if (typeof tags === 'string') return tags;
  return { ...DRAFT_DEFAULTS, stem, analysis: formattedText(field(question, 'generalfeedback')), ...tags };
}

function readAnswers(question: unknown): Answer[] | string {
  const answers: Answer[] = [];
  for (const [i, answer] of list(field(question, 'answer')).entries()) {
    const rawFraction = text(field(answer, '@_fraction')).trim();
    const fraction = rawFraction === '' ? 0 : Number(rawFraction);
    if (!Number.isFinite(fraction)) return `第 ${i + 1} 个 <answer> 的 fraction「${rawFraction}」不是数字`;
    answers.push({ text: formattedText(answer), fraction });
  }
  return answers;
}

function readTags(question: unknown): Pick<QuestionDraft, 'fraudType' | 'difficulty' | 'tags' | 'group'> | string {
  // Moodle 2.x wrote <tag>name</tag>; later versions write <tag><text>name</text></tag>.
  const names = list(field(field(question, 'tags'), 'tag')).map((tag) =>
    plainText(typeof tag === 'object' && tag !== null ? innerText(tag) : text(tag)),
  );
  const fields = readTaggedFields(names);
  if (typeof fields === 'string') return fields;
  return {
    fraudType: fields.fraudType ?? DRAFT_DEFAULTS.fraudType,
    difficulty: fields.difficulty ?? DRAFT_DEFAULTS.difficulty,
    tags: fields.tags,
    ...(fields.group === undefined ? {} : { group: fields.group }),
  };
}

function isSingle(value: unknown): boolean {
  if (value === undefined) return true;
  const flag = text(value).trim().toLowerCase();
  return flag !== 'false' && flag !== '0' && flag !== '';
}

/** The `<text>` of an element (or of its child `key`), as fast-xml-parser leaves it. */
function innerText(node: unknown, key?: string): string {
  const element = key === undefined ? node : field(node, key);
  return text(field(element, 'text'));
}

function field(node: unknown, key: string): unknown {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
  return (node as Record<string, unknown>)[key];
}

function list(value: unknown): unknown[] {
  if (value === undefined || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

/** An element's text: character data with XML's entities decoded once, then its CDATA as written. */
function text(value: unknown): string {
  if (typeof value === 'string') return decodeXmlEntities(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const inner = field(value, '#text');
  const cdata = list(field(value, CDATA)).filter((part): part is string => typeof part === 'string');
  return (inner === undefined ? '' : text(inner)) + cdata.join('');
}

const CDATA = '#cdata';
const XML_ENTITY = /&(?:(lt|gt|amp|quot|apos)|#(\d{1,7})|#x([0-9a-fA-F]{1,6}));/g;
const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeXmlEntities(raw: string): string {
  return raw.replace(XML_ENTITY, (whole, name?: string, decimal?: string, hex?: string) => {
    if (name !== undefined) return NAMED_ENTITIES[name] ?? whole;
    const code = decimal !== undefined ? Number(decimal) : parseInt(hex ?? '', 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/**
 * A Moodle text element (`<questiontext format="…"><text>…</text>`) as plain text, read the way
 * its format says: html (Moodle's default) and moodle_auto_format are HTML; plain_text and
 * markdown are kept as written.
 */
function formattedText(element: unknown): string {
  const format = text(field(element, '@_format')).trim().toLowerCase() || 'html';
  const raw = innerText(element);
  if (format === 'html') return htmlToText(raw);
  if (format === 'moodle_auto_format') return htmlToText(raw, { keepNewlines: true });
  return plainText(raw);
}
