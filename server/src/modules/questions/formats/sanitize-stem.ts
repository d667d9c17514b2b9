import sanitizeHtml from 'sanitize-html';

const PLAIN_TEXT: sanitizeHtml.IOptions = {
  allowedTags: [],
  allowedAttributes: {},
  // Tags whose content is code or chrome, not words of the question: dropped with their content.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'template', 'title'],
};

/** Tags that end a line or a block; without a space in their place, "<p>甲</p><p>乙</p>" reads "甲乙". */
const BLOCK_BREAK = /<br\s*\/?>|<\/(?:p|div|li|tr|td|th|h[1-6]|blockquote|pre|dt|dd)\s*>/gi;

/** Enough for any real text; only a deliberately nested entity chain gets this deep. */
const MAX_ROUNDS = 10;

/**
 * Turns a stem, option or analysis from an imported file into plain text that is harmless however it
 * is later shown: tags removed (script and style with their content), entities decoded, whitespace
 * collapsed. Decoding can reveal new markup ("&lt;script&gt;"), so it repeats until nothing changes.
 */
export function sanitizeStem(input: string): string {
  let text = input;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const next = stripOnce(text);
    if (next === text) return text;
    text = next;
  }
  return text.replace(/[<>]/g, ' ').replace(/\s+/g, ' ').trim();
}

function stripOnce(text: string): string {
  const stripped = sanitizeHtml(text.replace(BLOCK_BREAK, ' '), PLAIN_TEXT);
  // sanitize-html escapes these three in the text it keeps; the result is text, not HTML.
  const decoded = stripped.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return decoded.replace(/\s+/g, ' ').trim();
}
