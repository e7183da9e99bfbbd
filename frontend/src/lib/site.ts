/** The public origin used in absolute links (hreflang, canonical, sitemap): SITE_URL, else the request's. */
export function siteOrigin(requestUrl: URL): string {
  const configured = process.env.SITE_URL;
  return (configured ? configured : requestUrl.origin).replace(/\/+$/, '');
}

/** Cache-Control of server-rendered HTML: short, shared, and served stale while revalidating. */
export const PAGE_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';

/**
 * Status and Cache-Control of a server render: a missing page is 404 (cached briefly), an unreachable backend
 * 503 (never cached); a signed-in reader's page carries their own forms and eligibility, so it never goes
 * into a shared cache.
 */
/** Why a page shows no content: nothing there, the API down, or the API refusing the reader's input. */
export type Failure = 'not-found' | 'unavailable' | 'refused';
const FAILURE_STATUS: Record<Failure, number> = { 'not-found': 404, unavailable: 503, refused: 400 };
// Astro keeps the reason phrase of the 200 it started with ("400 OK") unless it is set with the status.
const REASON: Record<Failure, string> = { 'not-found': 'Not Found', unavailable: 'Service Unavailable', refused: 'Bad Request' };

export function setRenderOutcome(
  response: { status?: number; statusText?: string; headers: Headers },
  failure: Failure | undefined,
  signedIn = false,
): void {
  if (failure) {
    response.status = FAILURE_STATUS[failure];
    response.statusText = REASON[failure];
    response.headers.set('Cache-Control', failure === 'unavailable' ? 'no-store' : 'public, max-age=30');
  } else {
    response.headers.set('Cache-Control', signedIn ? 'private, no-store' : PAGE_CACHE_CONTROL);
  }
}
