/** Sign out (POST only): ends the Django session and relays the expired cookie. */
import type { APIRoute } from 'astro';
import { ALLAUTH, BackendSession } from '../../../lib/account.ts';
import { clientAddressOf } from '../../../lib/backend.ts';
import { isLang } from '../../../lib/i18n.ts';

export const POST: APIRoute = async (context) => {
  const { params, request } = context;
  const lang = isLang(params.lang) ? params.lang : 'en';
  const session = new BackendSession(request.headers.get('cookie'), lang, clientAddressOf(context));
  try {
    await session.call('DELETE', `${ALLAUTH}/auth/session`);
  } catch (error) {
    console.error(`sign-out: ${String(error)}`);
  }
  return session.redirect(`/${lang}/account/signin/?notice=signed-out`);
};
