/** The public origin used in absolute links (hreflang, canonical, sitemap): SITE_URL, else the request's. */
export function siteOrigin(requestUrl: URL): string {
  const configured = process.env.SITE_URL;
  return (configured ? configured : requestUrl.origin).replace(/\/+$/, '');
}

/** Cache-Control of server-rendered HTML: short, shared, and served stale while revalidating. */
export const PAGE_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';
