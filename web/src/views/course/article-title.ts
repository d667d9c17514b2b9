/**
 * The lesson page shows the lesson's title as its heading. Articles are often written with the same
 * title as their first heading (the shipped course is): drop that one, so the title appears once.
 * Any other first heading, and everything else, is left as written.
 */
export function withoutRepeatedTitle(html: string, title: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const first = doc.body.firstElementChild;
  const leadingText = doc.body.firstChild?.nodeType === Node.TEXT_NODE ? (doc.body.firstChild.textContent ?? '') : '';
  if (!first || leadingText.trim() !== '' || !/^H[1-3]$/.test(first.tagName)) return html;
  if (normalise(first.textContent) !== normalise(title)) return html;
  first.remove();
  return doc.body.innerHTML;
}

function normalise(text: string): string {
  return text.replace(/\s+/g, '').trim();
}
