/** `/` sends readers to their language's home page, chosen from Accept-Language (English otherwise). */
import type { APIRoute } from 'astro';
import { negotiateLanguage } from '../lib/i18n.ts';

export const GET: APIRoute = ({ request }) =>
  new Response(null, {
    status: 302,
    headers: {
      Location: `/${negotiateLanguage(request.headers.get('accept-language'))}/`,
      Vary: 'Accept-Language',
      'Cache-Control': 'private, max-age=0',
    },
  });
