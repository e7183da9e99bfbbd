/**
 * An objective page's render reads the objective's detail (with its page of examples) once: the language
 * links come from the objectives list, which every page with objectives reads anyway (issue 18: the cold render
 * called GET /api/v1/objectives/{number}/ four times, once per language and once for the examples).
 */
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { forgetCachedData } from '../../src/api/client.ts';
import { forgetTrees } from '../../src/api/pages.ts';
import { loadPage } from '../../src/components/pages/load.ts';
import { BackendSession } from '../../src/lib/account.ts';
import type { Lang } from '../../src/lib/i18n.ts';

type Item = { id: number; type: string; url: string };
const OBJECTIVE_PAGE_ITEM: Item = { id: 11, type: 'guidance_pages.ObjectivePage', url: '/booklet/objective-2/' };
const TREES: Record<string, Item[]> = {
  en: [
    { id: 1, type: 'guidance_pages.HomePage', url: '/' },
    { id: 10, type: 'guidance_pages.BookletPage', url: '/booklet/' },
    OBJECTIVE_PAGE_ITEM,
  ],
  fr: [
    { id: 21, type: 'guidance_pages.HomePage', url: '/' },
    { id: 30, type: 'guidance_pages.BookletPage', url: '/livret/' },
    { id: 31, type: 'guidance_pages.ObjectivePage', url: '/livret/objectif-2/' },
  ],
  es: [],
};
const OBJECTIVE_PAGE: Record<string, { id: number; slug: string } | undefined> = {
  en: { id: 11, slug: 'objective-2' },
  fr: { id: 31, slug: 'objectif-2' },
  es: undefined,
};
let requested: string[] = [];

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const listing = (items: Item[], locale: string) => ({
  meta: { total_count: items.length },
  items: items.map((item) => ({ id: item.id, title: `Title ${item.id}`, meta: { type: item.type, html_url: `http://x/${locale}${item.url}`, slug: 's', locale } })),
});
const objective = (locale: string) => {
  const page = OBJECTIVE_PAGE[locale] ?? OBJECTIVE_PAGE.en;
  return {
    number: 2,
    title: `Objective 2 (${locale})`,
    short_label: 'Data',
    locale,
    fallback: false,
    page: page ? { id: page.id, slug: page.slug, locale: OBJECTIVE_PAGE[locale] ? locale : 'en', fallback: !OBJECTIVE_PAGE[locale] } : null,
  };
};

process.env.BACKEND_URL = 'http://backend.test';
globalThis.fetch = (async (input: string | URL | Request) => {
  const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
  requested.push(url.pathname);
  const locale = url.searchParams.get('locale') ?? 'en';
  if (url.pathname === '/api/v2/pages/') return json(listing(TREES[locale] ?? [], locale));
  const detail = /^\/api\/v2\/pages\/(\d+)\/$/.exec(url.pathname);
  if (detail?.[1] === '11') return json({ ...listing([OBJECTIVE_PAGE_ITEM], 'en').items[0], body: [], objective: { number: 2, title: 'Objective 2', short_label: 'Data' } });
  if (url.pathname === '/api/v1/objectives/') return json({ items: [objective(locale)], count: 1 });
  if (url.pathname === '/api/v1/objectives/2/') {
    return json({ ...objective(locale), examples: { count: 0, page: 1, page_size: 10, items: [] } });
  }
  if (url.pathname === '/api/v1/discussions/') return json({ items: [] });
  return json({ detail: 'not found' }, 404);
}) as typeof fetch;

beforeEach(() => {
  requested = [];
  forgetTrees();
  forgetCachedData();
});

const load = (lang: Lang, path: string) =>
  loadPage({ lang, path, url: new URL(`http://site/${lang}/${path}`), session: new BackendSession(null, lang, undefined), signedIn: false });

test("an objective page's render asks for the objective's detail once", async () => {
  const outcome = await load('en', 'booklet/objective-2');
  assert.ok(outcome.view);
  assert.equal(requested.filter((path) => path === '/api/v1/objectives/2/').length, 1);
  assert.ok(outcome.view.objectiveExamples);
});

test("the language links still lead to each language's own objective page", async () => {
  const outcome = await load('en', 'booklet/objective-2');
  assert.ok(outcome.view);
  const hrefs = Object.fromEntries(outcome.view.alternates.map((entry) => [entry.lang, [entry.href, entry.translated]]));
  assert.deepEqual(hrefs.fr, ['/fr/livret/objectif-2/', true]);
  assert.deepEqual(hrefs.en, ['/en/booklet/objective-2/', true]);
  assert.equal(hrefs.es?.[1], false);
});
