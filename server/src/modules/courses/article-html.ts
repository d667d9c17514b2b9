import sanitizeHtml from 'sanitize-html';

/** Where images uploaded through the editor are served (CourseMediaController). */
export const OWN_IMAGE_PATH = '/api/course-media/images/';
const OWN_IMAGE = /^\/api\/course-media\/images\/[a-f0-9]{32}\.(?:png|jpe?g|gif|webp)$/;

/**
 * Everything an article or the letter may contain: what the rich-text editor produces (headings,
 * paragraphs, lists, bold/italic, quotes, links, images) and nothing that runs or restyles the page.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1',
    'h2',
    'h3',
    'h4',
    'p',
    'br',
    'hr',
    'ul',
    'ol',
    'li',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'blockquote',
    'a',
    'img',
    'code',
    'pre',
  ],
  allowedAttributes: { a: ['href', 'title', 'target', 'rel'], img: ['src', 'alt', 'title'] },
  // javascript:, data:, vbscript: … are dropped from href; a link without a safe href stays as text.
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['https'] },
  allowProtocolRelative: false,
  // Script and style bodies go entirely, not only their tags.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title'],
  transformTags: {
    a: (tagName, attribs) => {
      const href = attribs.href ?? '';
      // Outside links open in a new tab and cannot reach back into the platform's window.
      return /^https?:/i.test(href)
        ? { tagName, attribs: { ...attribs, target: '_blank', rel: 'noopener noreferrer' } }
        : { tagName, attribs: { href, ...(attribs.title ? { title: attribs.title } : {}) } };
    },
  },
  // An image must come from our own uploads or an https address; any other is removed whole.
  exclusiveFilter: (frame) => frame.tag === 'img' && !isAllowedImageSource(frame.attribs.src ?? ''),
};

function isAllowedImageSource(src: string): boolean {
  return OWN_IMAGE.test(src) || /^https:\/\/[^\s/]+\//i.test(src);
}

/** Sanitises article and letter HTML on the way in (the server never trusts the editor). */
export function sanitizeArticleHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}

/** Whether sanitised HTML has anything a reader would see (text or an image). */
export function hasVisibleContent(html: string): boolean {
  return (
    /<img\b/i.test(html) ||
    sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).replace(/&nbsp;|\s/g, '') !== ''
  );
}
