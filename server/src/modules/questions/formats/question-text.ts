import { Parser } from 'htmlparser2';

/**
 * The text of a stem, option, analysis or tag as the bank stores it: plain text, shown escaped by
 * the web. Each format says whether its text is plain or HTML, and only HTML is parsed — once, with
 * its entities decoded once — so `<etc-renew.cn>` quoted from a phishing SMS, or `&lt;b&gt;` in a
 * plain-text file, stays exactly what the author wrote (docs/question-formats.md).
 */

/** Plain text kept as written: only line endings, trailing spaces and runs of blank lines are tidied. */
export function plainText(text: string): string {
  return tidy(text, (line) => line.trimEnd());
}

/** Elements whose content is code or page chrome, not words of the question. */
const DROPPED = new Set(['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'template', 'title', 'head']);

/** Elements that start and end a line of their own. */
const BLOCKS = new Set([
  'p',
  'div',
  'li',
  'ul',
  'ol',
  'tr',
  'table',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'dl',
  'dt',
  'dd',
  'section',
  'article',
  'header',
  'footer',
  'hr',
  'figure',
  'figcaption',
]);

/** Cells of a row stay on one line, apart. */
const CELLS = new Set(['td', 'th']);

export interface HtmlTextOptions {
  /** Moodle's auto-format: a line break in the source is a line break on the page. */
  keepNewlines?: boolean;
}

/**
 * HTML as the plain text a reader sees: tags gone, block elements and `<br>` as line breaks, runs
 * of white space as one space (as a browser shows them), entities decoded exactly once.
 */
export function htmlToText(html: string, options: HtmlTextOptions = {}): string {
  let out = '';
  // A block starts on a new line; several block edges in a row still make one line break.
  const newLine = () => {
    if (out !== '' && !out.endsWith('\n')) out += '\n';
  };
  let dropped = 0;
  let preformatted = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (DROPPED.has(name)) dropped += 1;
        else if (name === 'br') out += '\n';
        else if (name === 'pre') preformatted += 1;
        if (BLOCKS.has(name)) newLine();
        else if (CELLS.has(name)) out += ' ';
      },
      onclosetag(name) {
        if (DROPPED.has(name)) dropped = Math.max(0, dropped - 1);
        if (name === 'pre') preformatted = Math.max(0, preformatted - 1);
        if (BLOCKS.has(name)) newLine();
      },
      ontext(text) {
        if (dropped > 0) return;
        if (preformatted > 0) out += text;
        else if (options.keepNewlines) out += text.replace(/[^\S\n]+/g, ' ');
        else out += text.replace(/\s+/g, ' ');
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  // A browser shows no space at the start or end of a line.
  return tidy(out, (line) => line.trim());
}

/** Line endings as \n, each line trimmed by `trimLine`, at most one blank line in a row. */
function tidy(text: string, trimLine: (line: string) => string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map(trimLine)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
