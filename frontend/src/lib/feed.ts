/** Atom 1.0 feeds (RFC 4287) built as strings: every text and attribute value is escaped for XML. */

const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escape for XML text and attributes, and drop characters XML 1.0 forbids (control characters). */
export function escapeXml(text: string | number | null | undefined): string {
  return String(text ?? '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[&<>"']/g, (char) => XML_ENTITIES[char] ?? char);
}

export interface FeedEntry {
  id: string;
  title: string;
  url: string;
  summary: string;
  /** ISO 8601 date-time */
  published: string;
  categories?: string[];
}

export interface Feed {
  id: string;
  title: string;
  lang: string;
  /** the feed's own address */
  self: string;
  /** the HTML page it mirrors */
  alternate: string;
  author: string;
  entries: FeedEntry[];
  /** used for <updated> when there are no entries */
  fallbackUpdated?: string;
}

export function atomFeed(feed: Feed): string {
  const updated =
    feed.entries.map((entry) => entry.published).sort().at(-1) ?? feed.fallbackUpdated ?? new Date(0).toISOString();
  const entries = feed.entries.map(
    (entry) =>
      '  <entry>\n' +
      `    <id>${escapeXml(entry.id)}</id>\n` +
      `    <title>${escapeXml(entry.title)}</title>\n` +
      `    <link rel="alternate" type="text/html" href="${escapeXml(entry.url)}"/>\n` +
      `    <published>${escapeXml(entry.published)}</published>\n` +
      `    <updated>${escapeXml(entry.published)}</updated>\n` +
      (entry.categories ?? []).map((term) => `    <category term="${escapeXml(term)}"/>\n`).join('') +
      `    <summary type="text">${escapeXml(entry.summary)}</summary>\n` +
      '  </entry>\n',
  );
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(feed.lang)}">\n` +
    `  <id>${escapeXml(feed.id)}</id>\n` +
    `  <title>${escapeXml(feed.title)}</title>\n` +
    `  <updated>${escapeXml(updated)}</updated>\n` +
    `  <author><name>${escapeXml(feed.author)}</name></author>\n` +
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(feed.self)}"/>\n` +
    `  <link rel="alternate" type="text/html" href="${escapeXml(feed.alternate)}"/>\n` +
    entries.join('') +
    '</feed>\n'
  );
}
