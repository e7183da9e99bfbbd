/** Atom feed of the substantive changes to the guidance. */
import type { APIRoute } from 'astro';
import { isLang } from '../../../lib/i18n.ts';
import { changesFeed } from '../../../lib/feeds.ts';

export const GET: APIRoute = async ({ params, url }) => {
  if (!isLang(params.lang)) return new Response('Not found\n', { status: 404 });
  return changesFeed(params.lang, url);
};
