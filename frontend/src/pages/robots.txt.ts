import type { APIRoute } from 'astro';
import { siteOrigin } from '../lib/site.ts';

export const GET: APIRoute = ({ url }) =>
  new Response(
    ['User-agent: *', 'Disallow: /api/', 'Allow: /', '', `Sitemap: ${siteOrigin(url)}/sitemap.xml`, ''].join('\n'),
    { headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'public, max-age=3600' } },
  );
