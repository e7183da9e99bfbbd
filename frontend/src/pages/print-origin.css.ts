/** The site's origin for the print stylesheet's link addresses (src/lib/print.ts says why it is a file). */
import type { APIRoute } from 'astro';
import { printOriginCss } from '../lib/print.ts';
import { siteOrigin } from '../lib/site.ts';

export const GET: APIRoute = ({ url }) =>
  new Response(printOriginCss(siteOrigin(url)), {
    headers: { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600' },
  });
