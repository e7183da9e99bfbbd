/** One chunk of at most CHUNK_SIZE examples (all languages, with hreflang alternates), for the sitemap index. */
import type { APIRoute } from 'astro';
import { BackendError } from '../../lib/backend.ts';
import { chunkCount, exampleCount, exampleEntries, examplesOfChunk, unavailable, urlset, xmlResponse } from '../../lib/sitemap.ts';
import { siteOrigin } from '../../lib/site.ts';

export const GET: APIRoute = async ({ params, url }) => {
  const chunk = /^[1-9]\d{0,5}$/.test(params.chunk ?? '') ? Number(params.chunk) : 0;
  const notFound = () =>
    new Response('No such sitemap\n', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'public, max-age=60' } });
  if (!chunk) return notFound();
  try {
    const count = await exampleCount();
    if (chunk > chunkCount(count)) return notFound();
    return xmlResponse(urlset(exampleEntries(await examplesOfChunk(chunk, count), siteOrigin(url))));
  } catch (error) {
    if (!(error instanceof BackendError)) throw error;
    return unavailable();
  }
};
