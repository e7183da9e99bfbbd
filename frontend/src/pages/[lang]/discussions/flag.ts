/**
 * POST /<lang>/discussions/flag/: a signed-in reader reports a comment. Relayed to the API with their session,
 * then 303 back to the comment with a notice (no JavaScript needed).
 */
import type { APIRoute } from 'astro';
import { sessionClient } from '../../../api/client.ts';
import { BackendSession } from '../../../lib/account.ts';
import { clientAddressOf } from '../../../lib/backend.ts';
import { parseId } from '../../../lib/discussions.ts';
import { isLang } from '../../../lib/i18n.ts';

export const POST: APIRoute = async (context) => {
  const { params, request } = context;
  if (!isLang(params.lang)) return new Response('Not found', { status: 404 });
  const lang = params.lang;
  const session = new BackendSession(request.headers.get('cookie'), lang, clientAddressOf(context));
  const form = await request.formData().catch(() => new FormData());
  const comment = parseId(String(form.get('comment') ?? ''));
  const rawNext = String(form.get('next') ?? '');
  const next = rawNext.startsWith('/') && !rawNext.startsWith('//') && !rawNext.includes('\\') ? rawNext.split(/[?#]/)[0] : `/${lang}/discussions/`;
  if (comment === undefined) return session.redirect(`${next}?notice=flag-failed`);
  if (!session.jar.get('sessionid')) {
    return session.redirect(`/${lang}/account/signin/?${new URLSearchParams({ next: `${next}#comment-${comment}` }).toString()}`);
  }
  let notice = 'flag-failed';
  try {
    const { response } = await sessionClient(session).POST('/api/v1/comments/{comment_id}/flag/', { params: { path: { comment_id: comment } } });
    if (response.status === 200) notice = 'flagged';
    else if (response.status === 429) notice = 'flag-limited'; // the account's hourly flag limit
  } catch (error) {
    console.error(`flag: ${String(error)}`);
  }
  return session.redirect(notice === 'flagged' ? `${next}?notice=flagged#comment-${comment}` : `${next}?notice=${notice}`);
};
