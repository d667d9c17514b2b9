import { FRAUD_TYPE_NAMES, QuestionType, type QuestionDraft } from '@campus/shared';
import { fieldTags } from './question-format.types';

export interface MoodleXmlOptions {
  /** A Moodle category path such as "$course$/top/反诈题库"; Moodle files the questions under it. */
  category?: string;
}

/** Moodle shortens generated question names to this many characters. */
const NAME_LENGTH = 50;

/**
 * Moodle XML for the given questions, importable into Moodle and back into the platform without
 * loss: texts are written as HTML-escaped plain text, and fraud type, difficulty and tags as tags.
 */
export function writeMoodleXml(drafts: readonly QuestionDraft[], options: MoodleXmlOptions = {}): string {
  const parts = ['<?xml version="1.0" encoding="UTF-8"?>', '<quiz>'];
  // One subcategory per fraud type, named as the platform names it: Moodle files the questions by
  // type, and reading the file back takes the fraud type from the category (docs/question-formats.md).
  let current: string | undefined;
  for (const draft of drafts) {
    const category =
      options.category === undefined ? undefined : `${options.category}/${FRAUD_TYPE_NAMES[draft.fraudType]}`;
    if (category !== undefined && category !== current) {
      parts.push(
        '  <question type="category">',
        `    <category><text>${escapeXml(category)}</text></category>`,
        '  </question>',
      );
      current = category;
    }
    parts.push(...writeQuestion(draft));
  }
  parts.push('</quiz>', '');
  return parts.join('\n');
}

function writeQuestion(draft: QuestionDraft): string[] {
  const isJudge = draft.type === QuestionType.Judge;
  return [
    `  <question type="${isJudge ? 'truefalse' : 'multichoice'}">`,
    `    <name><text>${escapeXml(Array.from(draft.stem).slice(0, NAME_LENGTH).join(''))}</text></name>`,
    `    <questiontext format="html">${html(draft.stem)}</questiontext>`,
    `    <generalfeedback format="html">${html(draft.analysis)}</generalfeedback>`,
    '    <defaultgrade>1</defaultgrade>',
    // Moodle's own defaults: a wrong true/false answer leaves nothing to retry.
    `    <penalty>${isJudge ? '1' : '0.3333333'}</penalty>`,
    '    <hidden>0</hidden>',
    ...(isJudge ? writeJudgeAnswers(draft) : writeChoiceAnswers(draft)),
    '    <tags>',
    ...fieldTags(draft).map((tag) => `      <tag><text>${escapeXml(tag)}</text></tag>`),
    '    </tags>',
    '  </question>',
  ];
}

function writeJudgeAnswers(draft: QuestionDraft): string[] {
  const isTrue = draft.answer[0] === 'T';
  return [
    `    <answer fraction="${isTrue ? 100 : 0}" format="moodle_auto_format"><text>true</text></answer>`,
    `    <answer fraction="${isTrue ? 0 : 100}" format="moodle_auto_format"><text>false</text></answer>`,
  ];
}

/**
 * Moodle scores a multiple-response question as the sum of the chosen answers' fractions, so the
 * correct ones share 100 and each wrong one takes -100: like the platform, any wrong pick scores 0.
 */
function writeChoiceAnswers(draft: QuestionDraft): string[] {
  const single = draft.type === QuestionType.Single;
  const correct = new Set(draft.answer);
  const share = formatFraction(100 / Math.max(correct.size, 1));
  const wrong = single ? '0' : '-100';
  return [
    `    <single>${single ? 'true' : 'false'}</single>`,
    '    <shuffleanswers>true</shuffleanswers>',
    '    <answernumbering>ABCD</answernumbering>',
    ...draft.options.map(
      (option) =>
        `    <answer fraction="${correct.has(option.key) ? share : wrong}" format="html">${html(option.text)}</answer>`,
    ),
  ];
}

/** As Moodle writes fractions: at most five decimals, e.g. 33.33333. */
function formatFraction(value: number): string {
  return String(Number(value.toFixed(5)));
}

/**
 * Plain text as the HTML Moodle expects, in CDATA as Moodle writes it (escaping leaves no "]]>");
 * line breaks become <br> so that they survive as line breaks, in Moodle and back here.
 */
function html(plain: string): string {
  return `<text><![CDATA[${escapeXml(plain).replace(/\n/g, '<br>\n')}]]></text>`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
