/**
 * The page resolver against a fake backend in which French is translated (with translated slugs for the
 * Booklet) and Spanish is not: French pages are served as French, Spanish falls back to English, and the
 * language switcher finds the same objective in every language.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { alternates, childrenOf, resolvePage, sectionPaths } from '../../src/api/pages.ts';

type Item = { id: number; type: string; url: string; title: string; locale: string };
const EN: Item[] = [
  { id: 3, type: 'HomePage', url: '/', title: 'GCM Guidance', locale: 'en' },
  { id: 4, type: 'GuidePage', url: '/guide/', title: 'The Guide', locale: 'en' },
  { id: 14, type: 'BookletPage', url: '/booklet/', title: 'The Booklet', locale: 'en' },
  { id: 17, type: 'ObjectivePage', url: '/booklet/objective-3/', title: 'Objective 3', locale: 'en' },
];
const FR: Item[] = [
  { id: 103, type: 'HomePage', url: '/fr/', title: 'Orientations', locale: 'fr' },
  { id: 114, type: 'BookletPage', url: '/fr/livret/', title: 'Le Livret', locale: 'fr' },
  { id: 117, type: 'ObjectivePage', url: '/fr/livret/objectif-3/', title: 'Objectif 3', locale: 'fr' },
];
const TREES: Record<string, Item[]> = { en: EN, fr: FR, es: [] };

function listing(items: Item[]) {
  return {
    meta: { total_count: items.length },
    items: items.map((item) => ({
      id: item.id,
      title: item.title,
      meta: { type: `guidance_pages.${item.type}`, html_url: `http://localhost${item.url}`, slug: 'x', locale: item.locale },
    })),
  };
}

before(() => {
  process.env.BACKEND_URL = 'http://backend.test';
  globalThis.fetch = (async (input: string | URL | Request) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const json = (body: unknown, status = 200) =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    if (url.pathname === '/api/v2/pages/') return json(listing(TREES[url.searchParams.get('locale') ?? 'en'] ?? []));
    const detail = /^\/api\/v2\/pages\/(\d+)\/$/.exec(url.pathname);
    if (detail) {
      const item = [...EN, ...FR].find((entry) => entry.id === Number(detail[1]));
      if (!item) return json({ message: 'not found' }, 404);
      const objective = item.type === 'ObjectivePage' ? { number: 3, title: 't', short_label: 's' } : undefined;
      return json({ ...listing([item]).items[0], objective, body: [] });
    }
    if (url.pathname === '/api/v1/objectives/') {
      // the language switcher reads each language's objectives list (with each objective's page there)
      const locale = url.searchParams.get('locale') ?? 'en';
      const page = locale === 'fr' ? { id: 117, slug: 'objectif-3', locale: 'fr' } : { id: 17, slug: 'objective-3', locale: 'en' };
      const objective = { number: 3, title: 't', short_label: 's', locale, fallback: locale !== 'fr', page: { ...page, fallback: locale !== 'fr' } };
      return json({ items: [objective], count: 1 });
    }
    return json({}, 404);
  }) as typeof fetch;
});

test('a translated page is served in its language, an untranslated one falls back to English', async () => {
  const fr = await resolvePage('fr', '/livret/objectif-3/');
  assert.equal(fr?.detail.id, 117);
  assert.equal(fr?.fallback, false);
  const es = await resolvePage('es', '/booklet/objective-3/');
  assert.equal(es?.detail.id, 17);
  assert.equal(es?.fallback, true);
  assert.equal(es?.contentLang, 'en');
  const frOldPath = await resolvePage('fr', '/booklet/objective-3/');
  assert.equal(frOldPath?.fallback, true, 'English path under /fr/ still shows the English page');
  assert.equal(await resolvePage('fr', '/nowhere/'), undefined);
});

test('the language switcher finds the same objective under translated slugs', async () => {
  const en = await resolvePage('en', '/booklet/objective-3/');
  assert.ok(en);
  const links = await alternates(en);
  assert.deepEqual(links, [
    { lang: 'en', href: '/en/booklet/objective-3/', translated: true },
    { lang: 'fr', href: '/fr/livret/objectif-3/', translated: true },
    { lang: 'es', href: '/es/booklet/objective-3/', translated: false },
  ]);
  const fr = await resolvePage('fr', '/livret/objectif-3/');
  assert.ok(fr);
  assert.equal((await alternates(fr))[0]?.href, '/en/booklet/objective-3/');
});

test('section links follow translated slugs, with English as fallback', async () => {
  assert.deepEqual(await sectionPaths('fr'), { guide: 'guide', booklet: 'livret' });
  assert.deepEqual(await sectionPaths('es'), { guide: 'guide', booklet: 'booklet' });
  const fr = await resolvePage('fr', '/livret/');
  assert.ok(fr);
  assert.deepEqual(
    childrenOf(fr.tree, fr.path).map((page) => page.path),
    ['livret/objectif-3'],
  );
});

test('a page published after the tree was read is found once the tree is a few seconds old, not on every miss', async (t) => {
  await resolvePage('en', '/guide/'); // the English tree is now cached
  let listings = 0;
  const realFetch = globalThis.fetch;
  globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    if (String(input instanceof Request ? input.url : input).includes('/api/v2/pages/?')) listings += 1;
    return realFetch(input, init);
  }) as typeof fetch;
  t.after(() => {
    globalThis.fetch = realFetch;
    EN.pop();
  });
  EN.push({ id: 18, type: 'ObjectivePage', url: '/booklet/objective-4/', title: 'Objective 4', locale: 'en' });
  assert.equal(await resolvePage('en', '/booklet/objective-4/'), undefined, 'a young tree is trusted');
  assert.equal(listings, 0);
  t.mock.timers.enable({ apis: ['Date'], now: Date.now() + 5_000 });
  const found = await resolvePage('en', '/booklet/objective-4/');
  assert.equal(found?.detail.id, 18);
  assert.equal(listings, 1, 'one new listing of the tree');
  assert.equal(await resolvePage('en', '/no/such/page/'), undefined);
  assert.equal(listings, 1, 'an unknown address right after does not list the tree again');
});
