import sanitizeHtml from 'sanitize-html';

// What a document body may hold: text structure, tables, links and images. No scripts, styles, frames, forms or
// event handlers; links only to http(s), mailto and the site itself.
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'b',
    'em',
    'i',
    'u',
    'h2',
    'h3',
    'h4',
    'ul',
    'ol',
    'li',
    'blockquote',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'a',
    'img',
    'span',
    'sub',
    'sup',
    'hr',
  ],
  allowedAttributes: { a: ['href', 'title'], img: ['src', 'alt', 'width', 'height'], th: ['colspan', 'rowspan', 'scope'], td: ['colspan', 'rowspan'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https', 'data'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object'],
  // Every image carries an alt attribute (empty = decorative) so pages stay valid and accessible.
  transformTags: { img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, alt: attribs.alt ?? '' } }) },
};

/** The body with everything unsafe removed: what is stored and shown. */
export function sanitizeBody(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}

/** A line without the spaces and tabs at its end (a loop: a regex like /[ \t]+$/ rescans long runs of blanks). */
function trimBlanksEnd(line: string): string {
  let end = line.length;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  return line.slice(0, end);
}

/** Plain text of sanitised HTML: block ends become line breaks, entities decoded. */
export function htmlToText(html: string): string {
  const text = sanitizeHtml(html.replace(/<\/(p|h\d|li|tr|blockquote)>|<br\s*\/?>/gi, '$&\n'), { allowedTags: [], allowedAttributes: {} });
  return text
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .split('\n')
    .map(trimBlanksEnd)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Plain text typed by a person turned into paragraphs (for imports and the simple editor). */
export function textToHtml(text: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return text
    .split(/\n{1,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${esc(p)}</p>`)
    .join('');
}

const LOOKS_LIKE_MARKUP = /<[a-z!/]/i;

/** A body typed as plain text becomes paragraphs; markup is sanitised either way. */
export function bodyToHtml(body: string): string {
  return sanitizeBody(LOOKS_LIKE_MARKUP.test(body) ? body : textToHtml(body));
}

/**
 * The stored HTML and its plain text at once (bulk import, issue 17). Plain text needs no sanitizer: it is escaped
 * and wrapped in paragraphs, and its text is the paragraphs themselves, the same as bodyToHtml then htmlToText give
 * (a property test in sanitize.test.ts checks this for arbitrary text, controls included); markup is sanitised as before.
 */
export function bodyHtmlAndText(body: string): { html: string; text: string } {
  if (LOOKS_LIKE_MARKUP.test(body)) {
    const html = bodyToHtml(body);
    return { html, text: htmlToText(html) };
  }
  const paragraphs = body
    .split(/\n{1,}/)
    .map((p) => p.trim())
    .filter(Boolean);
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return { html: paragraphs.map((p) => `<p>${esc(p)}</p>`).join(''), text: paragraphs.join('\n') };
}
