/**
 * The site's sitemap (robots.txt points here): every published page in every language it exists in, with its
 * translations as xhtml:link alternates; a sitemap index of /sitemaps/… once that no longer fits in one file
 * (src/lib/sitemap.ts).
 */
import type { APIRoute } from 'astro';
import { localeTree } from '../api/pages.ts';
import { BackendError } from '../lib/backend.ts';
import { LANGUAGES } from '../lib/i18n.ts';
import {
  exampleCount,
  exampleEntries,
  examplesOfChunk,
  fitsInOneSitemap,
  guidanceEntries,
  indexLocations,
  sitemapIndex,
  unavailable,
  urlset,
  xmlResponse,
} from '../lib/sitemap.ts';
import { siteOrigin } from '../lib/site.ts';

export const GET: APIRoute = async ({ url }) => {
  const origin = siteOrigin(url);
  try {
    const [trees, count] = await Promise.all([Promise.all(LANGUAGES.map((lang) => localeTree(lang))), exampleCount()]);
    const guidance = guidanceEntries(trees, origin);
    if (!fitsInOneSitemap(guidance.length, count)) return xmlResponse(sitemapIndex(indexLocations(origin, count)));
    const examples = count > 0 ? exampleEntries(await examplesOfChunk(1, count), origin) : [];
    return xmlResponse(urlset([...guidance, ...examples]));
  } catch (error) {
    if (!(error instanceof BackendError)) throw error;
    return unavailable();
  }
};
