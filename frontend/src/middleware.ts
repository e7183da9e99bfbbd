/**
 * Security headers on every response the site sends (src/lib/security-headers.ts). Pages carry no script at
 * all, so the policy forbids scripts outright: injected markup that slipped past the sanitiser still could not
 * run.
 */
import { defineMiddleware } from 'astro:middleware';
import { proxyToBackend } from './lib/proxy.ts';
import { clientAddressOf } from './lib/backend.ts';
import { isPurgeRequest, purge, withPageCache } from './lib/freshness.ts';
import { isPreviewPath, previewFraming } from './lib/preview.ts';
import { hstsSeconds, withSecurityHeaders } from './lib/security-headers.ts';

export const onRequest = defineMiddleware(async (context, next) => {
  const hsts = hstsSeconds(context.url, context.request.headers.get('x-forwarded-proto'));
  const secure = (response: Response) => withSecurityHeaders(response, context.url.pathname, hsts);
  // django-allauth's headless API: Astro ignores page files whose names start with "_", so it is routed here.
  if (context.url.pathname.startsWith('/_allauth/')) return secure(await proxyToBackend(context.request, clientAddressOf(context)));
  // Django's signed purges after a publish (src/lib/freshness.ts); "_" paths are not routed by Astro either.
  if (isPurgeRequest(context.url)) return secure(await purge(context.request));
  const response = secure(await withPageCache(context, next));
  if (isPreviewPath(context.url.pathname) && (response.headers.get('content-type') ?? '').includes('text/html')) {
    previewFraming(response.headers);
  }
  return response;
});
