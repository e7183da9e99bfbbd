/**
 * Security headers on every HTML page the site renders. Pages carry no script at all, so the policy forbids
 * scripts outright: injected markup that slipped past the sanitiser still could not run.
 */
import { defineMiddleware } from 'astro:middleware';
import { policyFor } from './lib/csp.ts';
import { proxyToBackend } from './lib/proxy.ts';
import { clientAddressOf } from './lib/backend.ts';
import { isPurgeRequest, purge, withPageCache } from './lib/freshness.ts';
import { isPreviewPath, previewFraming } from './lib/preview.ts';

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

export const onRequest = defineMiddleware(async (context, next) => {
  // django-allauth's headless API: Astro ignores page files whose names start with "_", so it is routed here.
  if (context.url.pathname.startsWith('/_allauth/')) return proxyToBackend(context.request, clientAddressOf(context));
  // Django's signed purges after a publish (src/lib/freshness.ts); "_" paths are not routed by Astro either.
  if (isPurgeRequest(context.url)) return purge(context.request);
  const response = await withPageCache(context, next);
  if (!(response.headers.get('content-type') ?? '').includes('text/html')) return response;
  try {
    response.headers.set('Content-Security-Policy', policyFor(CONTENT_SECURITY_POLICY, context.url.pathname));
    response.headers.set('X-Content-Type-Options', 'nosniff');
    response.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
    response.headers.set('X-Frame-Options', 'DENY');
    if (isPreviewPath(context.url.pathname)) previewFraming(response.headers);
  } catch {
    // a response with immutable headers (none of ours): leave it as it is
  }
  return response;
});
