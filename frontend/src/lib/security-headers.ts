/**
 * Security headers of every response the Astro server sends: its pages, its redirects (the 303 after a form
 * post, the sign-in redirect) and what it proxies. A redirect has no content type, so a rule that looked at
 * `text/html` only left them bare.
 */
import { policyFor } from './csp.ts';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'none'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** No page of the site uses a device or a tracking feature. */
export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'browsing-topics=()',
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'payment=()',
  'usb=()',
].join(', ');

const ONE_YEAR = 31_536_000;

/**
 * The HSTS max-age to send, or 0 for none. `HSTS_SECONDS` decides when set (0 turns it off); otherwise a site
 * served over https (directly, or behind a proxy that says so in `X-Forwarded-Proto`) sends one year, and plain
 * http (development, the e2e stack) sends nothing: browsers ignore it there, and a one-year pin on localhost
 * would break other local sites.
 */
export function hstsSeconds(url: URL, forwardedProto: string | null, configured = process.env.HSTS_SECONDS): number {
  if (configured !== undefined && configured.trim() !== '') {
    const seconds = Number.parseInt(configured, 10);
    return Number.isFinite(seconds) && seconds > 0 ? seconds : 0;
  }
  const https = url.protocol === 'https:' || forwardedProto?.split(',')[0]?.trim().toLowerCase() === 'https';
  return https ? ONE_YEAR : 0;
}

/** Sets the headers on `headers`; those a proxied Django response already carries (its own policy) are kept. */
export function applySecurityHeaders(headers: Headers, pathname: string, hsts: number): void {
  if (!headers.has('content-security-policy')) {
    headers.set('content-security-policy', policyFor(CONTENT_SECURITY_POLICY, pathname));
  }
  if (!headers.has('x-frame-options')) headers.set('x-frame-options', 'DENY');
  if (!headers.has('permissions-policy')) headers.set('permissions-policy', PERMISSIONS_POLICY);
  headers.set('x-content-type-options', 'nosniff');
  // Always ours, even over a page's own: under `no-referrer` Chromium sends `Origin: null` with a form post,
  // and Astro's origin check then refuses the post (the e-mail verification form sets it).
  headers.set('referrer-policy', 'strict-origin-when-cross-origin');
  if (hsts > 0) headers.set('strict-transport-security', `max-age=${hsts}; includeSubDomains`);
}

/** `response` with the security headers; a response whose headers are immutable (`Response.redirect`, a
 * fetched one) is copied first. */
export function withSecurityHeaders(response: Response, pathname: string, hsts: number): Response {
  try {
    applySecurityHeaders(response.headers, pathname, hsts);
    return response;
  } catch {
    const copy = new Response(response.body, {
      status: response.status,
      statusText: response.statusText,
      headers: new Headers(response.headers),
    });
    // Astro keeps the cookies a page set (Astro.cookies) on the response object under a symbol: carry them over.
    for (const symbol of Object.getOwnPropertySymbols(response)) Reflect.set(copy, symbol, Reflect.get(response, symbol));
    applySecurityHeaders(copy.headers, pathname, hsts);
    return copy;
  }
}
