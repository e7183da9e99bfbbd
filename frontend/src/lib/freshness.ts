/**
 * Freshness of server renders: the page cache (src/lib/pagecache.ts) in front of content routes, emptied by
 * Django's signed purges (src/lib/purge.ts). Both are on only when FRONTEND_PURGE_SECRET is set; without it
 * nothing is cached here and pages are as fresh as their Cache-Control says (max-age=60).
 */
import type { APIContext, MiddlewareNext } from 'astro';
import { forgetTrees } from '../api/pages.ts';
import { forgetCachedData } from '../api/client.ts';
import { forgetDiscussions } from './discussions.ts';
import { PageCache, cacheKey, ttlSeconds } from './pagecache.ts';
import { PURGE_PATH, handlePurge } from './purge.ts';

function purgeSecret(): string | undefined {
  return process.env.FRONTEND_PURGE_SECRET || undefined;
}

const cache = new PageCache(Number.parseInt(process.env.PAGE_CACHE_ENTRIES ?? '', 10) || 500);

export function isPurgeRequest(url: URL): boolean {
  return url.pathname === PURGE_PATH || url.pathname === `${PURGE_PATH}/`;
}

/** `POST /_purge`: drop the cached renders under the paths, and the page trees and lists read from the API. */
export function purge(request: Request): Promise<Response> {
  return handlePurge(request, purgeSecret(), (paths) => {
    forgetTrees();
    forgetCachedData();
    forgetDiscussions();
    return cache.purge(paths);
  });
}

/** Serve a content route from the cache, or render it and keep it when its headers allow. */
export async function withPageCache(context: APIContext, next: MiddlewareNext): Promise<Response> {
  const key = purgeSecret() ? cacheKey(context.request) : undefined;
  if (!key) return next();
  const hit = cache.get(key);
  if (hit) {
    const headers = new Headers(hit.headers);
    headers.set('age', String(Math.floor((Date.now() - hit.storedAt) / 1000)));
    headers.set('x-page-cache', 'hit');
    return new Response(hit.body.slice(), { status: hit.status, headers });
  }
  const response = await next();
  const ttl = ttlSeconds(response.status, response.headers);
  if (ttl <= 0) return response;
  const body = new Uint8Array(await response.arrayBuffer());
  const headers = new Headers(response.headers);
  headers.set('x-page-cache', 'miss');
  cache.set(key, { status: response.status, headers: [...headers], body, path: context.url.pathname }, ttl);
  return new Response(body, { status: response.status, headers });
}
