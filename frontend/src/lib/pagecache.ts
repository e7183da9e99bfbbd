/**
 * A small in-process cache of anonymous server renders of content routes, so that the Astro server renders a
 * page once per publish instead of once per reader. Written here rather than taken from a package because it
 * must honour the render's own Cache-Control, skip anything personal, and drop entries by path prefix when
 * Django purges them (src/lib/purge.ts) — none of the LRU packages know about HTTP.
 *
 * What is cached: GET of `/<lang>/…` (except account, submission and preview routes) and `/sitemap.xml`, from
 * readers without a session cookie, answered 200 (for its max-age) or 404 (30 s at most), without
 * `Set-Cookie`, `private`, `no-store` or `no-cache`. Keyed by origin + path + sorted query (the language is the path's prefix).
 */
import { LANG_SEGMENT } from './i18n.ts';

export interface CachedResponse {
  status: number;
  headers: [string, string][];
  body: Uint8Array;
  storedAt: number;
  expiresAt: number;
  /** pathname, for purging */
  path: string;
}

/** Requests that carry these cookies may see personal pages: never served from or stored in the cache. */
export const SESSION_COOKIES = ['sessionid'];
const CONTENT_ROUTE = new RegExp(`^/${LANG_SEGMENT}(/|$)`);
const PERSONAL_ROUTE = new RegExp(`^/${LANG_SEGMENT}/(account|submit|preview)(/|$)`);
const OTHER_CACHEABLE = new Set(['/sitemap.xml']);
const MAX_NOT_FOUND_SECONDS = 30;
const MAX_KEY_LENGTH = 2048;

export function hasSessionCookie(cookieHeader: string | null): boolean {
  if (!cookieHeader) return false;
  return cookieHeader.split(';').some((pair) => SESSION_COOKIES.includes(pair.split('=')[0]?.trim() ?? ''));
}

/** The cache key of a request, or undefined when the request must not be served from or stored in the cache. */
export function cacheKey(request: Request): string | undefined {
  if (request.method !== 'GET') return undefined;
  if (hasSessionCookie(request.headers.get('cookie'))) return undefined;
  const url = new URL(request.url);
  const path = url.pathname;
  if (!(CONTENT_ROUTE.test(path) || OTHER_CACHEABLE.has(path)) || PERSONAL_ROUTE.test(path)) return undefined;
  const params = new URLSearchParams(url.search);
  params.sort(); // ?a=1&b=2 and ?b=2&a=1 are the same page
  const query = params.toString();
  // The origin is part of the key: without SITE_URL, canonical and hreflang links are built from the request's
  // Host, and a forged Host must not end up in what other readers are served.
  const key = `${url.origin}${path}${query ? `?${query}` : ''}`;
  return key.length > MAX_KEY_LENGTH ? undefined : key;
}

/** How long (seconds) a render may be kept, from its status and headers; 0 = not at all. */
export function ttlSeconds(status: number, headers: Headers): number {
  if (status !== 200 && status !== 404) return 0;
  if (headers.has('set-cookie')) return 0;
  const cacheControl = (headers.get('cache-control') ?? '').toLowerCase();
  if (/(^|[\s,])(private|no-store|no-cache)([\s,=]|$)/.test(cacheControl)) return 0;
  const maxAge = /(?:^|[\s,])max-age=(\d+)/.exec(cacheControl);
  if (!maxAge) return 0;
  const seconds = Number.parseInt(maxAge[1] ?? '0', 10);
  return status === 404 ? Math.min(seconds, MAX_NOT_FOUND_SECONDS) : seconds;
}

/** Does a purge path (`/en/examples/*` = prefix, else the exact path with any query) cover this pathname? */
export function purgeMatches(purgePath: string, pathname: string): boolean {
  if (purgePath.endsWith('*')) return pathname.startsWith(purgePath.slice(0, -1));
  const exact = purgePath.split('?')[0] ?? purgePath;
  // /en/guide/ and /en/guide are the same page (trailingSlash: 'ignore')
  return pathname === exact || pathname.replace(/\/$/, '') === exact.replace(/\/$/, '');
}

export class PageCache {
  private readonly entries = new Map<string, CachedResponse>();
  readonly maxEntries: number;
  private readonly now: () => number;

  constructor(maxEntries: number, now: () => number = Date.now) {
    this.maxEntries = maxEntries;
    this.now = now;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): CachedResponse | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    // least recently used first: re-insert on every hit
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, entry: Omit<CachedResponse, 'storedAt' | 'expiresAt'>, ttl: number): void {
    if (ttl <= 0 || this.maxEntries <= 0) return;
    const storedAt = this.now();
    this.entries.delete(key);
    this.entries.set(key, { ...entry, storedAt, expiresAt: storedAt + ttl * 1000 });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  /** Drop every entry a purge path covers; returns how many. */
  purge(paths: string[]): number {
    let dropped = 0;
    for (const [key, entry] of this.entries) {
      if (paths.some((path) => purgeMatches(path, entry.path))) {
        this.entries.delete(key);
        dropped += 1;
      }
    }
    return dropped;
  }

  clear(): void {
    this.entries.clear();
  }
}
