/** Every published page (guidance and examples) in every language it exists in, with its translations as xhtml:link alternates. */
import type { APIRoute } from 'astro';
import { frontendHref, localeTree, type LocaleTree } from '../api/pages.ts';
import { BackendError } from '../lib/backend.ts';
import { LANGUAGES } from '../lib/i18n.ts';
import { escapeHtml } from '../lib/sanitize.ts';
import { siteOrigin } from '../lib/site.ts';

export const GET: APIRoute = async ({ url }) => {
  const origin = siteOrigin(url);
  let trees: LocaleTree[];
  try {
    trees = await Promise.all(LANGUAGES.map((lang) => localeTree(lang)));
  } catch (error) {
    if (!(error instanceof BackendError)) throw error;
    return new Response('Service unavailable\n', { status: 503, headers: { 'cache-control': 'no-store' } });
  }
  const entries: string[] = [];
  for (const tree of trees) {
    for (const page of tree.pages) {
      if (!page.type.startsWith('guidance_pages.') && !page.type.startsWith('examples_library.')) continue;
      const translations = trees.filter((other) => other.byPath.has(page.path));
      const links = translations
        .map(
          (other) =>
            `<xhtml:link rel="alternate" hreflang="${other.lang}" href="${escapeHtml(origin + frontendHref(other.lang, page.path))}"/>`,
        )
        .join('');
      const lastmod = page.firstPublishedAt ? `<lastmod>${escapeHtml(page.firstPublishedAt.slice(0, 10))}</lastmod>` : '';
      entries.push(`<url><loc>${escapeHtml(origin + frontendHref(tree.lang, page.path))}</loc>${lastmod}${links}</url>`);
    }
  }
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' +
    entries.join('\n') +
    '\n</urlset>\n';
  return new Response(xml, {
    headers: { 'content-type': 'application/xml; charset=utf-8', 'cache-control': 'public, max-age=300' },
  });
};
