/**
 * The page tree holds the guidance structure only; an example path is one look-up by slug under the examples
 * index (with the English fallback), a missing example is a 404 without re-reading the tree; and the sitemaps
 * read the examples from the read model in chunks. Against a fake backend that counts the calls.
 */
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { alternates, examplesIndexOf, forgetTrees, localeTree, resolvePage } from '../../src/api/pages.ts';
import {
  API_PAGE_SIZE,
  CHUNK_SIZE,
  apiPagesOfChunk,
  chunkCount,
  exampleEntries,
  examplesOfChunk,
  fitsInOneSitemap,
  guidanceEntries,
  indexLocations,
  sitemapIndex,
  urlset,
} from '../../src/lib/sitemap.ts';

type Item = { id: number; type: string; url: string; title: string; locale: string; parent?: number };
const page = (id: number, type: string, url: string, locale: string, parent?: number): Item => ({
  id,
  type,
  url,
  title: `${type} ${id}`,
  locale,
  parent,
});
const GUIDANCE: Record<string, Item[]> = {
  en: [
    page(3, 'guidance_pages.HomePage', '/', 'en'),
    page(14, 'guidance_pages.BookletPage', '/booklet/', 'en'),
    page(50, 'examples_library.ExamplesIndexPage', '/examples/', 'en'),
  ],
  fr: [page(103, 'guidance_pages.HomePage', '/fr/', 'fr'), page(150, 'examples_library.ExamplesIndexPage', '/fr/examples/', 'fr')],
  es: [page(203, 'guidance_pages.HomePage', '/es/', 'es')],
};
const EXAMPLES: Item[] = [
  page(501, 'examples_library.ExamplePage', '/examples/water-points/', 'en', 50),
  page(502, 'examples_library.ExamplePage', '/examples/only-english/', 'en', 50),
  page(601, 'examples_library.ExamplePage', '/fr/examples/water-points/', 'fr', 150),
];
const slugOf = (item: Item) => item.url.split('/').filter(Boolean).pop();

let calls: string[] = [];
let indexGone = false;
const SITEMAP_TOTAL = 25_500;

function listing(items: Item[]) {
  return {
    meta: { total_count: items.length },
    items: items.map((item) => ({
      id: item.id,
      title: item.title,
      meta: { type: item.type, html_url: `http://localhost${item.url}`, slug: slugOf(item) ?? '', locale: item.locale },
    })),
  };
}

beforeEach(() => {
  forgetTrees();
  calls = [];
  indexGone = false;
  process.env.BACKEND_URL = 'http://backend.test';
  globalThis.fetch = (async (input: string | URL | Request) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    calls.push(url.pathname + url.search);
    const json = (body: unknown, status = 200) =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    const query = url.searchParams;
    if (url.pathname === '/api/v2/pages/' && query.has('child_of')) {
      // as Wagtail: a child_of page that does not exist (any more) is a 400
      if (indexGone) return json({ message: 'parent page does not exist' }, 400);
      const found = EXAMPLES.filter((item) => item.parent === Number(query.get('child_of')) && slugOf(item) === query.get('slug'));
      return json(listing(found));
    }
    if (url.pathname === '/api/v2/pages/') {
      const locale = query.get('locale') ?? 'en';
      const guidance = GUIDANCE[locale] ?? [];
      // as the real API: without exclude_type the examples are listed too
      const examples = query.get('exclude_type') === 'examples_library.ExamplePage' ? [] : EXAMPLES.filter((item) => item.locale === locale);
      return json(listing([...guidance, ...examples]));
    }
    const detail = /^\/api\/v2\/pages\/(\d+)\/$/.exec(url.pathname);
    if (detail) {
      const item = [...Object.values(GUIDANCE).flat(), ...EXAMPLES].find((entry) => entry.id === Number(detail[1]));
      return item ? json({ ...listing([item]).items[0], body: [] }) : json({ message: 'not found' }, 404);
    }
    if (url.pathname === '/api/v1/sitemap/examples/') {
      const number = Number(query.get('page'));
      const size = Number(query.get('page_size'));
      const start = (number - 1) * size;
      const items = [];
      for (let index = start; index < Math.min(start + size, SITEMAP_TOTAL); index += 1) {
        items.push({ path: `/en/examples/e-${index}/`, locale: 'en', published_at: '2026-01-02T03:04:05Z', alternates: [] });
      }
      return json({ count: SITEMAP_TOTAL, page: number, page_size: size, items });
    }
    return json({}, 404);
  }) as typeof fetch;
});

test('the tree lists the guidance structure without examples, in one request per language', async () => {
  const tree = await localeTree('en');
  assert.deepEqual(
    tree.pages.map((entry) => entry.path),
    ['', 'booklet', 'examples'],
  );
  assert.equal(calls.length, 1);
  assert.match(calls[0] ?? '', /exclude_type=examples_library\.ExamplePage/);
  assert.equal(examplesIndexOf(tree, 'examples/anything')?.id, 50);
  assert.equal(examplesIndexOf(tree, 'booklet/objective-3'), undefined);
  assert.equal(examplesIndexOf(tree, 'examples'), undefined);
});

test('an example path is one look-up by slug under the examples index', async () => {
  const en = await resolvePage('en', '/examples/water-points/');
  assert.equal(en?.detail.id, 501);
  assert.equal(en?.fallback, false);
  assert.equal(en?.path, 'examples/water-points');
  assert.deepEqual(calls, [
    '/api/v2/pages/?locale=en&exclude_type=examples_library.ExamplePage&limit=100&offset=0',
    '/api/v2/pages/?child_of=50&slug=water-points&limit=1',
    '/api/v2/pages/501/',
  ]);
  const links = await alternates(en);
  assert.deepEqual(links[0], { lang: 'en', href: '/en/examples/water-points/', translated: true });
});

test('an example under an examples index unpublished since the tree was read is not found, not a failure', async () => {
  await localeTree('en');
  indexGone = true;
  assert.equal(await resolvePage('en', '/examples/water-points/'), undefined);
  assert.ok(calls.some((call) => call.startsWith('/api/v2/pages/?child_of=50&')));
});

test('examples follow the English fallback rules of every page', async () => {
  const fr = await resolvePage('fr', '/examples/water-points/');
  assert.equal(fr?.detail.id, 601, 'the French example');
  assert.equal(fr?.fallback, false);
  const frOnlyEnglish = await resolvePage('fr', '/examples/only-english/');
  assert.equal(frOnlyEnglish?.detail.id, 502, 'not translated: the English example');
  assert.equal(frOnlyEnglish?.fallback, true);
  assert.equal(frOnlyEnglish?.contentLang, 'en');
  const es = await resolvePage('es', '/examples/water-points/');
  assert.equal(es?.detail.id, 501, 'no Spanish library yet: the English example');
  assert.equal(es?.fallback, true);
});

test('a missing example is not found with one look-up per language, and never re-reads the tree', async (t) => {
  await localeTree('en');
  await localeTree('fr');
  t.mock.timers.enable({ apis: ['Date'], now: Date.now() + 60_000 }); // trees old enough for a reload on a guidance miss
  calls = [];
  assert.equal(await resolvePage('fr', '/examples/no-such-example/'), undefined);
  // the cached trees were past CACHE_MS, so each language's tree is listed once (cache expiry), then one look-up
  assert.deepEqual(
    calls.filter((call) => call.includes('child_of')),
    ['/api/v2/pages/?child_of=150&slug=no-such-example&limit=1', '/api/v2/pages/?child_of=50&slug=no-such-example&limit=1'],
  );
  const listings = calls.filter((call) => call.includes('exclude_type')).length;
  assert.ok(listings <= 2, `at most one listing per language (cache expiry), got ${listings}`);
  calls = [];
  for (let i = 0; i < 5; i += 1) {
    t.mock.timers.tick(4_000); // older than MISS_RELOAD_MS, younger than the cache's 30 s
    assert.equal(await resolvePage('en', '/examples/still-missing/'), undefined);
  }
  assert.equal(calls.filter((call) => call.includes('exclude_type')).length, 0, 'missing examples never list the tree');
  assert.equal(calls.length, 5);
});

test('sitemap chunks: at most CHUNK_SIZE URLs, read in pages of the API maximum', async () => {
  assert.equal(CHUNK_SIZE, 10_000);
  assert.equal(API_PAGE_SIZE, 1_000);
  assert.equal(chunkCount(0), 0);
  assert.equal(chunkCount(1), 1);
  assert.equal(chunkCount(10_000), 1);
  assert.equal(chunkCount(100_001), 11);
  assert.deepEqual(apiPagesOfChunk(1, 2_500), [1, 2, 3]);
  assert.deepEqual(apiPagesOfChunk(2, 25_500), [11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
  assert.deepEqual(apiPagesOfChunk(3, 25_500), [21, 22, 23, 24, 25, 26]);
  assert.ok(fitsInOneSitemap(40, 9_960));
  assert.ok(!fitsInOneSitemap(40, 9_961));
  assert.deepEqual(indexLocations('https://x.org', 25_500), [
    'https://x.org/sitemaps/pages.xml',
    'https://x.org/sitemaps/examples-1.xml',
    'https://x.org/sitemaps/examples-2.xml',
    'https://x.org/sitemaps/examples-3.xml',
  ]);
  const third = await examplesOfChunk(3, SITEMAP_TOTAL);
  assert.equal(third.length, 5_500);
  assert.equal(third[0]?.path, '/en/examples/e-20000/');
  assert.deepEqual(
    calls.map((call) => new URL(call, 'http://x').searchParams.get('page')),
    ['21', '22', '23', '24', '25', '26'],
  );
  assert.ok(calls.every((call) => call.includes('page_size=1000')));
});

test('sitemap XML: urlset with hreflang alternates, and a sitemap index', async () => {
  const entries = exampleEntries(
    [
      {
        path: '/en/examples/a&b/',
        locale: 'en',
        published_at: '2026-05-06T07:08:09Z',
        alternates: [
          { locale: 'en', path: '/en/examples/a&b/' },
          { locale: 'fr', path: '/fr/examples/a&b/' },
        ],
      },
    ],
    'https://x.org',
  );
  assert.deepEqual(entries, [
    '<url><loc>https://x.org/en/examples/a&amp;b/</loc><lastmod>2026-05-06</lastmod>' +
      '<xhtml:link rel="alternate" hreflang="en" href="https://x.org/en/examples/a&amp;b/"/>' +
      '<xhtml:link rel="alternate" hreflang="fr" href="https://x.org/fr/examples/a&amp;b/"/></url>',
  ]);
  const xml = urlset(entries);
  assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<urlset xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9" xmlns:xhtml=/);
  assert.ok(xml.endsWith('</url>\n</urlset>\n'));
  const index = sitemapIndex(['https://x.org/sitemaps/pages.xml']);
  assert.match(index, /<sitemapindex xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">\n<sitemap><loc>https:\/\/x.org\/sitemaps\/pages.xml<\/loc><\/sitemap>\n<\/sitemapindex>\n$/);
  const trees = await Promise.all((['en', 'fr', 'es'] as const).map((lang) => localeTree(lang)));
  const guidance = guidanceEntries(trees, 'https://x.org');
  assert.equal(guidance.length, 6);
  assert.ok(guidance.every((entry) => !entry.includes('water-points')));
  assert.ok(
    guidance.includes(
      '<url><loc>https://x.org/fr/examples/</loc>' +
        '<xhtml:link rel="alternate" hreflang="en" href="https://x.org/en/examples/"/>' +
        '<xhtml:link rel="alternate" hreflang="fr" href="https://x.org/fr/examples/"/></url>',
    ),
  );
});
