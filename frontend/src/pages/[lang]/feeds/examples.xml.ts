/** Atom feed of the newest published examples. */
import type { APIRoute } from 'astro';
import { isLang } from '../../../lib/i18n.ts';
import { examplesFeed } from '../../../lib/feeds.ts';

export const GET: APIRoute = async ({ params, url }) => {
  if (!isLang(params.lang)) return new Response('Not found\n', { status: 404 });
  return examplesFeed(params.lang, url);
};
