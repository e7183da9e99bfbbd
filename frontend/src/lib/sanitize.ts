/**
 * Rich text from the API is display HTML made by Wagtail from an editor allow-list; it is sanitised again
 * here, server-side, with a strict allow-list, so that a compromised or buggy backend cannot inject script,
 * styles or event handlers into the public site.
 */
import sanitizeHtml from 'sanitize-html';

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'b', 'strong', 'i', 'em', 'a', 'ul', 'ol', 'li', 'h2', 'h3', 'h4', 'sup', 'sub'],
  // rel is only ever the one transformTags writes: the incoming attributes are replaced whole.
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Contents of these are dropped with the tag, not kept as text.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'template'],
  transformTags: {
    a: (tagName, attribs) => {
      const href = attribs.href ?? '';
      const out: sanitizeHtml.Attributes = {};
      if (href) out.href = href;
      if (/^https?:\/\//i.test(href)) out.rel = 'noopener noreferrer';
      return { tagName, attribs: out };
    },
  },
  exclusiveFilter: (frame) => frame.tag === 'a' && !frame.attribs.href && !frame.text.trim(),
};

export function sanitizeRichText(html: string | null | undefined): string {
  if (!html) return '';
  return sanitizeHtml(html, OPTIONS);
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(text: string | number | null | undefined): string {
  return String(text ?? '').replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

const SNIPPET_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['mark'],
  allowedAttributes: {},
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'template'],
};

/** Search snippets: text escaped by the API with <mark> around matches; only <mark> survives here. */
export function sanitizeSnippet(html: string | null | undefined): string {
  if (!html) return '';
  return sanitizeHtml(html, SNIPPET_OPTIONS);
}

const DIFF_OPTIONS: sanitizeHtml.IOptions = {
  ...OPTIONS,
  allowedTags: [...(OPTIONS.allowedTags as string[]), 'ins', 'del'],
};

/** A diff from the API: rich text with <ins>/<del> around changed words; nothing else (no attributes on them). */
export function sanitizeDiffHtml(html: string | null | undefined): string {
  if (!html) return '';
  return sanitizeHtml(html, DIFF_OPTIONS);
}
