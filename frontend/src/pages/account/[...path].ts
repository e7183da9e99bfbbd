/**
 * Django's e-mails link to /account/verify-email/<key> and /account/password/reset/<key> (FRONTEND_URL has no
 * language): send the reader to the same page in their language, from Accept-Language.
 */
import type { APIRoute } from 'astro';
import { negotiateLanguage } from '../../lib/i18n.ts';

export const GET: APIRoute = ({ request, url }) => {
  const lang = negotiateLanguage(request.headers.get('accept-language'));
  const rest = url.pathname.slice('/account/'.length);
  return new Response(null, {
    status: 302,
    headers: { Location: `/${lang}/account/${rest}${rest && !rest.endsWith('/') ? '/' : ''}`, Vary: 'Accept-Language', 'Cache-Control': 'no-store' },
  });
};
