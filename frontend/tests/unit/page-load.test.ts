/**
 * Reading a content page before it is rendered (src/components/pages/load.ts) against a fake backend: each
 * page type's own data, English fallbacks without their discussion, a missing example as a 404 that keeps the
 * language links, and backend failures as the error the route shows.
 */
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { forgetCachedData } from '../../src/api/client.ts';
import { forgetTrees } from '../../src/api/pages.ts';
import { layoutProps } from '../../src/components/pages/layout.ts';
import { loadPage } from '../../src/components/pages/load.ts';
import { BackendSession } from '../../src/lib/account.ts';
import type { Lang } from '../../src/lib/i18n.ts';

type Item = { id: number; type: string; url: string };
const EN: Item[] = [
  { id: 1, type: 'guidance_pages.HomePage', url: '/' },
  { id: 2, type: 'guidance_pages.GuidePage', url: '/guide/' },
  { id: 3, type: 'guidance_pages.ChapterPage', url: '/guide/chapter/' },
  { id: 5, type: 'examples_library.ExamplesIndexPage', url: '/examples/' },
];
const EXAMPLE: Item = { id: 50, type: 'examples_library.ExamplePage', url: '/examples/gone/' };
let requested: string[] = [];
let answer: (url: URL) => Response | undefined = () => undefined;

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const listing = (items: Item[]) => ({
  meta: { total_count: items.length },
  items: items.map((item) => ({ id: item.id, title: `Title ${item.id}`, meta: { type: item.type, html_url: `http://x${item.url}`, slug: 's', locale: 'en' } })),
});

process.env.BACKEND_URL = 'http://backend.test';
globalThis.fetch = (async (input: string | URL | Request) => {
  const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
  requested.push(url.pathname);
  const special = answer(url);
  if (special) return special;
  if (url.pathname === '/api/v2/pages/' && url.searchParams.get('child_of') === '5') return json(listing([EXAMPLE]));
  if (url.pathname === '/api/v2/pages/') return json(listing(url.searchParams.get('locale') === 'en' ? EN : []));
  const detail = /^\/api\/v2\/pages\/(\d+)\/$/.exec(url.pathname);
  const item = [...EN, EXAMPLE].find((entry) => entry.id === Number(detail?.[1]));
  if (item) return json({ ...listing([item]).items[0], body: [] });
  if (url.pathname === '/api/v1/objectives/') return json({ items: [], count: 0 });
  if (url.pathname === '/api/v1/discussions/') return json({ items: [] });
  return json({ detail: 'not found' }, 404);
}) as typeof fetch;

beforeEach(() => {
  requested = [];
  answer = () => undefined;
  forgetTrees();
});

const load = (lang: Lang, path: string) =>
  loadPage({ lang, path, url: new URL(`http://site/${lang}/${path}`), session: new BackendSession(null, lang, undefined), signedIn: false });

test('a guidance page lists its guidance children and is looked up for a discussion', async () => {
  const outcome = await load('en', 'guide');
  assert.ok(outcome.view);
  assert.deepEqual(outcome.view.children.map((page) => page.id), [3]);
  assert.ok(requested.includes('/api/v1/discussions/'));
  const layout = layoutProps(outcome, 'en');
  assert.equal(layout.section, 'guide');
  assert.equal(layout.canonical, '/en/guide/');
});

test('an English fallback is shown without its discussion and points its canonical at the English page', async () => {
  const outcome = await load('es', 'guide/chapter');
  assert.ok(outcome.view);
  assert.equal(outcome.view.resolved.fallback, true);
  assert.equal(outcome.view.discussion, undefined);
  assert.ok(!requested.includes('/api/v1/discussions/'));
  const layout = layoutProps(outcome, 'es');
  assert.equal(layout.canonical, '/en/guide/chapter/');
  assert.deepEqual(layout.breadcrumbs?.map((crumb) => [crumb.href, crumb.lang]), [['/es/', undefined], ['/es/guide/', 'en'], ['/es/guide/chapter/', 'en']]);
});

test('an example without its public record is not found, and keeps its language links', async () => {
  const outcome = await load('en', 'examples/gone');
  assert.equal(outcome.failure, 'not-found');
  assert.ok(requested.includes('/api/v1/examples/50/'));
  const layout = layoutProps(outcome, 'en');
  assert.equal(layout.noindex, true);
  assert.deepEqual(layout.alternates?.map((entry) => entry.href), ['/en/examples/gone/', '/fr/examples/gone/', '/es/examples/gone/']);
  assert.deepEqual(layout.nav, { guide: 'guide', booklet: 'booklet' });
});

test('a path nowhere in the tree is not found; a refusing or failing backend is the matching error', async () => {
  assert.deepEqual(await load('en', 'nowhere'), { failure: 'not-found', refusal: '' });
  answer = (url) => (url.pathname === '/api/v2/pages/2/' ? json({ detail: 'Too many requests.' }, 429) : undefined);
  assert.deepEqual(await load('en', 'guide'), { failure: 'refused', refusal: 'Too many requests.' });
  answer = (url) => (url.pathname.startsWith('/api/v2/') ? json({}, 502) : undefined);
  forgetTrees();
  assert.deepEqual(await load('en', 'guide'), { failure: 'unavailable', refusal: '' });
});

test("a guidance page carries the latest edition's PDF in its language, read once per cache period; a failing editions API leaves the link out, not the page", async () => {
  forgetCachedData();
  const pdf = (number: number, language: string) => ({ language, url: `/api/v1/editions/${number}/pdf/${language}/`, bytes: 2_000_000, generated_at: '2026-11-30T10:00:00Z' });
  const edition = (number: number, pdfs: unknown[]) => ({ number, name: `E${number}`, date: '2026-11-30', locale: 'en', fallback: false, pages_changed: 1, pdfs });
  answer = (url) => (url.pathname === '/api/v1/editions/' ? json({ count: 2, items: [edition(2, [pdf(2, 'en')]), edition(1, [pdf(1, 'en')])] }) : undefined);
  const outcome = await load('en', 'guide');
  assert.equal(outcome.view?.editionPdf?.pdf.url, '/api/v1/editions/2/pdf/en/');
  assert.equal(outcome.view?.editionPdf?.edition.number, 2);
  await load('en', 'guide/chapter');
  assert.equal(requested.filter((path) => path === '/api/v1/editions/').length, 1, 'the editions list is cached');
  // not a guidance page: no editions call
  forgetCachedData();
  requested = [];
  await load('en', 'examples');
  assert.ok(!requested.includes('/api/v1/editions/'));

  forgetCachedData();
  answer = (url) => (url.pathname === '/api/v1/editions/' ? json({ detail: 'boom' }, 500) : undefined);
  const failed = await load('en', 'guide');
  assert.ok(failed.view, 'the page is still shown');
  assert.equal(failed.view.editionPdf, undefined);
});
