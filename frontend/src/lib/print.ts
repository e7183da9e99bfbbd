/**
 * What the print stylesheet (styles/site.css, `@media print`) cannot know by itself: the site's origin, so that a
 * printed link to one of the site's own pages reads as a full address ("https://…/en/booklet/objective-4/"),
 * not a bare path. CSS can only write out the link's own href (`attr(href)`); the origin comes from a custom
 * property set by a small stylesheet (/print-origin.css), since the site's CSP forbids inline styles.
 */
export const PRINT_ORIGIN_PATH = '/print-origin.css';

/** The stylesheet setting `--site-origin` to the origin as a CSS string (quotes and backslashes escaped). */
export function printOriginCss(origin: string): string {
  const escaped = origin.replace(/[\\"]/g, (char) => `\\${char}`).replace(/[\n\r\f]/g, '');
  return `:root { --site-origin: "${escaped}"; }\n`;
}
