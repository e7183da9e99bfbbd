/** The guidance pages (and the examples index) of every language, for the sitemap index. */
import type { APIRoute } from 'astro';
import { localeTree } from '../../api/pages.ts';
import { BackendError } from '../../lib/backend.ts';
import { LANGUAGES } from '../../lib/i18n.ts';
import { guidanceEntries, unavailable, urlset, xmlResponse } from '../../lib/sitemap.ts';
import { siteOrigin } from '../../lib/site.ts';

export const GET: APIRoute = async ({ url }) => {
  try {
    const trees = await Promise.all(LANGUAGES.map((lang) => localeTree(lang)));
    return xmlResponse(urlset(guidanceEntries(trees, siteOrigin(url))));
  } catch (error) {
    if (!(error instanceof BackendError)) throw error;
    return unavailable();
  }
};
