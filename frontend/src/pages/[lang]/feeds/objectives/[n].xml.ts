/** Atom feed of one objective's newest published examples. */
import type { APIRoute } from 'astro';
import { isLang } from '../../../../lib/i18n.ts';
import { objectiveFeed } from '../../../../lib/feeds.ts';

export const GET: APIRoute = async ({ params, url }) => {
  const number = /^\d{1,2}$/.test(params.n ?? '') ? Number.parseInt(params.n ?? '', 10) : 0;
  if (!isLang(params.lang) || number < 1 || number > 23) return new Response('Not found\n', { status: 404 });
  return (await objectiveFeed(params.lang, number, url)) ?? new Response('Not found\n', { status: 404 });
};
