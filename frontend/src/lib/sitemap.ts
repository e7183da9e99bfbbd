/**
 * Sitemaps (sitemaps.org protocol, with xhtml:link hreflang alternates) that scale with the library.
 *
 * Guidance pages come from the page trees (a few dozen per language); examples come from the read model,
 * `/api/v1/sitemap/examples/`, read in pages of the API's largest page size. A sitemap may hold at most
 * 50,000 URLs, so the examples are served in chunks of CHUNK_SIZE (`/sitemaps/examples-<n>.xml`) and
 * `/sitemap.xml` becomes a sitemap index of `/sitemaps/pages.xml` and the chunks as soon as everything no
 * longer fits in one chunk; below that (the demo, a young library) `/sitemap.xml` is the one urlset with
 * every URL, which the protocol equally allows and crawlers read with one request.
 */
import type { components } from '../api/schema';
import { frontendHref, type LocaleTree } from '../api/pages.ts';
import { answered, client, timeout } from '../api/client.ts';
import { BackendError } from './backend.ts';
import { escapeHtml } from './sanitize.ts';

export type SitemapPage = components['schemas']['SitemapOut'];
export type SitemapItem = components['schemas']['SitemapEntryOut'];

/** URLs per examples sitemap (the protocol allows 50,000; smaller files are cheaper to build and to fetch). */
export const CHUNK_SIZE = 10_000;
/** The largest page size of /api/v1/sitemap/examples/. */
export const API_PAGE_SIZE = 1_000;

export interface Alternate {
  hreflang: string;
  href: string;
}

export function urlEntry(loc: string, lastmod: string | null | undefined, alternates: Alternate[]): string {
  const date = lastmod ? `<lastmod>${escapeHtml(lastmod.slice(0, 10))}</lastmod>` : '';
  const links = alternates
    .map((link) => `<xhtml:link rel="alternate" hreflang="${escapeHtml(link.hreflang)}" href="${escapeHtml(link.href)}"/>`)
    .join('');
  return `<url><loc>${escapeHtml(loc)}</loc>${date}${links}</url>`;
}

export function urlset(entries: string[]): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' +
    entries.map((entry) => `${entry}\n`).join('') +
    '</urlset>\n'
  );
}

export function sitemapIndex(locations: string[]): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
    locations.map((loc) => `<sitemap><loc>${escapeHtml(loc)}</loc></sitemap>\n`).join('') +
    '</sitemapindex>\n'
  );
}

/** Every guidance page (and the examples index) of every language, with the same path in the others as alternates. */
export function guidanceEntries(trees: LocaleTree[], origin: string): string[] {
  const entries: string[] = [];
  for (const tree of trees) {
    for (const page of tree.pages) {
      if (!page.type.startsWith('guidance_pages.') && !page.type.startsWith('examples_library.')) continue;
      const alternates = trees
        .filter((other) => other.byPath.has(page.path))
        .map((other) => ({ hreflang: other.lang, href: origin + frontendHref(other.lang, page.path) }));
      entries.push(urlEntry(origin + frontendHref(tree.lang, page.path), page.firstPublishedAt, alternates));
    }
  }
  return entries;
}

/** Examples from the read model: each in its own language, its translations as alternates. */
export function exampleEntries(items: SitemapItem[], origin: string): string[] {
  return items.map((item) =>
    urlEntry(
      origin + item.path,
      item.published_at,
      item.alternates.map((link) => ({ hreflang: link.locale, href: origin + link.path })),
    ),
  );
}

/** How many examples sitemaps `count` examples need. */
export function chunkCount(count: number): number {
  return Math.ceil(Math.max(0, count) / CHUNK_SIZE);
}

/** The API pages (of API_PAGE_SIZE) that make up examples sitemap `chunk` (1-based). */
export function apiPagesOfChunk(chunk: number, count: number): number[] {
  const perChunk = CHUNK_SIZE / API_PAGE_SIZE;
  const first = (chunk - 1) * perChunk + 1;
  const last = Math.min(chunk * perChunk, Math.ceil(Math.max(0, count) / API_PAGE_SIZE));
  const pages: number[] = [];
  for (let page = first; page <= last; page += 1) pages.push(page);
  return pages;
}

/** The sitemap files of the index: the guidance pages, then one per chunk of examples. */
export function indexLocations(origin: string, exampleCount: number): string[] {
  const locations = [`${origin}/sitemaps/pages.xml`];
  for (let chunk = 1; chunk <= chunkCount(exampleCount); chunk += 1) locations.push(`${origin}/sitemaps/examples-${chunk}.xml`);
  return locations;
}

/** Whether every URL fits in one urlset at /sitemap.xml (else /sitemap.xml is the index). */
export function fitsInOneSitemap(guidanceCount: number, exampleCount: number): boolean {
  return guidanceCount + exampleCount <= CHUNK_SIZE;
}

async function examplesPage(page: number, pageSize = API_PAGE_SIZE): Promise<SitemapPage> {
  const call = client().GET('/api/v1/sitemap/examples/', { params: { query: { page, page_size: pageSize } }, signal: timeout() });
  const data = await answered('/api/v1/sitemap/examples/', call);
  if (!data) throw new BackendError('sitemap examples answered 404');
  return data;
}

/** How many published examples there are (all languages). */
export async function exampleCount(): Promise<number> {
  return (await examplesPage(1, 1)).count;
}

/** The examples of one chunk, read page by page (one request at a time: a crawler must not load Django more). */
export async function examplesOfChunk(chunk: number, count: number): Promise<SitemapItem[]> {
  const items: SitemapItem[] = [];
  for (const page of apiPagesOfChunk(chunk, count)) {
    const data = await examplesPage(page);
    items.push(...data.items);
    if (data.items.length < API_PAGE_SIZE) break;
  }
  return items;
}

export function xmlResponse(xml: string): Response {
  return new Response(xml, {
    headers: { 'content-type': 'application/xml; charset=utf-8', 'cache-control': 'public, max-age=300' },
  });
}

export function unavailable(): Response {
  return new Response('Service unavailable\n', { status: 503, headers: { 'cache-control': 'no-store' } });
}
