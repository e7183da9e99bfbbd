/**
 * End to end, against the real backend with the demo content: browsing in each language, switching language,
 * 404, sitemap, reading without JavaScript, no client JavaScript on content pages, and axe-core (WCAG 2.1
 * A/AA) on every route in every language.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { type Stack, useStack } from './harness.ts';

const LANGS = ['en', 'fr', 'es'] as const;
const ROUTES = [
  '',
  'guide/',
  'guide/the-gcm-and-its-vision/',
  'guide/six-step-process/',
  'guide/six-step-process/step-2/',
  'booklet/',
  'booklet/objective-3/',
  'booklet/objective-23/',
  'no-such-page/',
  'examples/',
  'examples/?q=remittance&objective=20&objective_scope=primary',
  'examples/demo-remittance-cost-comparison/',
  'search/?q=migration',
];
const NOTES = {
  fr: "Cette page n'est pas encore disponible en français",
  es: 'Esta página aún no está disponible en español',
};

let stack: Stack;
let context: BrowserContext;

async function open(path: string, ctx: BrowserContext = context): Promise<{ page: Page; status: number }> {
  const page = await ctx.newPage();
  const response = await page.goto(stack.site + path, { waitUntil: 'load' });
  return { page, status: response?.status() ?? 0 };
}

// The whole suite, stack start-up included, runs in about three minutes on 2 cores; the limit leaves room for slower CI.
describe('public site', { timeout: 900_000 }, () => {
  // stopping the stack closes the browser and with it this context
  useStack(async (started) => {
    stack = started;
    context = await stack.browser.newContext();
  });

  test('/ redirects by Accept-Language', async () => {
    for (const [header, lang] of [
      ['fr-CH,fr;q=0.9', 'fr'],
      ['es', 'es'],
      ['de-DE', 'en'],
    ] as const) {
      const response = await fetch(`${stack.site}/`, { headers: { 'accept-language': header }, redirect: 'manual' });
      assert.equal(response.status, 302);
      assert.equal(response.headers.get('location'), `/${lang}/`);
    }
  });

  for (const lang of LANGS) {
    test(`browse the Guide to a step in ${lang}`, async () => {
      const { page, status } = await open(`/${lang}/`);
      assert.equal(status, 200);
      assert.equal(await page.getAttribute('html', 'lang'), lang);
      await page.locator('main a[href$="/guide/"]').first().click();
      assert.equal(new URL(page.url()).pathname, `/${lang}/guide/`);
      await page.locator('main a[href$="/guide/six-step-process/"]').click();
      await page.locator('main a[href$="/step-2/"]').click();
      assert.equal(new URL(page.url()).pathname, `/${lang}/guide/six-step-process/step-2/`);
      assert.equal(await page.locator('h1').count(), 1);
      assert.equal(await page.locator('h1').innerText(), { en: 'Step 2', fr: 'Étape 2', es: 'Paso 2' }[lang]);
      assert.ok(await page.locator('a[rel="next"][href$="/step-3/"]').isVisible());
      // the demo guidance is translated: no fallback note, content in the reader's language
      assert.equal(await page.locator('.notice').count(), 0);
      assert.equal(await page.locator('article').getAttribute('lang'), lang);
      await page.close();
    });

    if (lang !== 'en') {
      test(`an English-only example under /${lang}/ says so and keeps lang="en" on its content`, async () => {
        const { page, status } = await open(`/${lang}/examples/demo-remittance-cost-comparison/`);
        assert.equal(status, 200);
        assert.equal(await page.getAttribute('html', 'lang'), lang);
        assert.match(await page.locator('.notice').innerText(), new RegExp(NOTES[lang]));
        assert.equal(await page.locator('article').getAttribute('lang'), 'en');
        const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
        assert.ok(canonical?.endsWith('/en/examples/demo-remittance-cost-comparison/'), canonical ?? '');
        const hreflangs = await page.locator('link[rel="alternate"][hreflang]').evaluateAll((links) =>
          links.map((link) => link.getAttribute('hreflang')),
        );
        assert.deepEqual(hreflangs, ['en', 'x-default'], 'hreflang lists only the languages it exists in');
        await page.close();
      });
    }

    test(`objective page in ${lang}: number, title, short label and blocks`, async () => {
      const { page, status } = await open(`/${lang}/booklet/objective-3/`);
      assert.equal(status, 200);
      assert.equal(await page.locator('h1').count(), 1);
      const h1 = await page.locator('h1').innerText();
      const word = { en: 'Objective', fr: 'Objectif', es: 'Objetivo' }[lang];
      assert.match(h1, new RegExp(`^${word} 3:`));
      const label = { en: 'Information provision', fr: "Fourniture d'informations", es: '' }[lang];
      const meta = await page.locator('.objective-meta').innerText();
      if (label) assert.ok(meta.includes(label), `${meta} includes ${label}`);
      assert.equal(await page.locator('.callout--covid-19').count(), 1);
      assert.equal(await page.locator('.practical h2').count(), 1);
      const hreflangs = await page.locator('link[rel="alternate"][hreflang]').evaluateAll((links) =>
        links.map((link) => link.getAttribute('hreflang')),
      );
      assert.ok(hreflangs.includes('en') && hreflangs.includes('x-default'));
      await page.close();
    });
  }

  test('the guiding principles chapter lists the ten principles in each language', async () => {
    const expected = {
      en: ['People-centred', 'Whole-of-society approach', 'GCM paragraph 15(a)'],
      fr: ['Priorité à la dimension humaine', "Approche mobilisant l'ensemble de la société", 'PMM, paragraphe 15(a)'],
      es: ['Centrada en las personas', 'Enfoque pansocial', 'PMM, párrafo 15(a)'],
    };
    for (const [lang, [first, last, paragraph]] of Object.entries(expected)) {
      const page = await stack.browser.newPage();
      const response = await page.goto(`${stack.site}/${lang}/guide/guiding-principles/`);
      assert.equal(response?.status(), 200, lang);
      const items = page.locator('section[aria-labelledby="principles-title"] ol.principles > li');
      assert.equal(await items.count(), 10, lang);
      assert.equal(await items.first().locator('.label').innerText(), first);
      assert.equal(await items.last().locator('.label').innerText(), last);
      assert.equal(await items.first().locator('.label').getAttribute('lang'), lang, 'translated, not a fallback');
      assert.equal(await items.first().locator('.number').innerText(), paragraph);
      await page.close();
    }
    // only the chapter that says so lists them
    const other = await (await fetch(`${stack.site}/en/guide/six-step-process/`)).text();
    assert.doesNotMatch(other, /principles-title/);
  });

  test('redirects carry the security headers; HSTS and Permissions-Policy when served over https', async () => {
    // the 303 to the sign-in page; a proxy in front of the production site says https in X-Forwarded-Proto
    const redirect = await fetch(`${stack.site}/en/submit/`, { redirect: 'manual', headers: { 'x-forwarded-proto': 'https' } });
    assert.equal(redirect.status, 303);
    assert.match(redirect.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    assert.equal(redirect.headers.get('x-frame-options'), 'DENY');
    assert.match(redirect.headers.get('permissions-policy') ?? '', /camera=\(\)/);
    assert.match(redirect.headers.get('strict-transport-security') ?? '', /^max-age=31536000/);
    const plain = await fetch(`${stack.site}/en/booklet/objective-3/`);
    assert.match(plain.headers.get('permissions-policy') ?? '', /geolocation=\(\)/);
    assert.equal(plain.headers.get('strict-transport-security'), null, 'plain http: no HSTS');
  });

  test('HTML pages forbid scripts and framing; the breadcrumb marks the current page', async () => {
    const response = await fetch(`${stack.site}/en/booklet/objective-3/`);
    assert.match(response.headers.get('content-security-policy') ?? '', /script-src 'none'/);
    assert.equal(response.headers.get('x-frame-options'), 'DENY');
    assert.match(response.headers.get('cache-control') ?? '', /max-age=60/);
    const html = await response.text();
    assert.match(html, /<span aria-current="page">Objective 3: /);
  });

  test('the Booklet lists the 23 objectives with labels in the reader language', async () => {
    const { page } = await open('/fr/booklet/');
    assert.equal(await page.locator('main .card-list li').count(), 23);
    assert.ok((await page.locator('main').innerText()).includes("Fourniture d'informations"));
    await page.close();
  });

  test('the language switcher keeps the reader on the same objective', async () => {
    const { page } = await open('/en/booklet/objective-3/');
    await page.locator('nav.lang-switcher a[hreflang="fr"]').click();
    assert.equal(new URL(page.url()).pathname, '/fr/booklet/objective-3/');
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    assert.equal(await page.locator('article').getAttribute('lang'), 'fr');
    await page.locator('nav.lang-switcher a[hreflang="es"]').click();
    assert.equal(new URL(page.url()).pathname, '/es/booklet/objective-3/');
    assert.equal(await page.getAttribute('html', 'lang'), 'es');
    assert.equal(await page.locator('nav.lang-switcher a[aria-current="true"]').innerText(), 'Español');
    await page.close();
  });

  test('unknown pages answer 404 in the reader language', async () => {
    for (const [path, title] of [
      ['/en/no-such-page/', 'Page not found'],
      ['/fr/no-such-page/', 'Page introuvable'],
      ['/es/guide/no-such-chapter/', 'Página no encontrada'],
      ['/zz/whatever/', 'Page not found'],
    ] as const) {
      const { page, status } = await open(path);
      assert.equal(status, 404, path);
      assert.equal(await page.locator('h1').innerText(), title);
      await page.close();
    }
  });

  test('input the API refuses is shown in its words with a 400, not as "temporarily unavailable" (503)', async () => {
    for (const [path, api, title] of [
      ['/en/search/?q=%00', '/api/v1/search/?q=%00&locale=en&per_group=10', 'This request cannot be answered'],
      ['/fr/search/?q=%00', '/api/v1/search/?q=%00&locale=fr&per_group=10', 'Cette demande ne peut pas aboutir'],
      ['/en/examples/?q=%00', '/api/v1/examples/?q=%00&locale=en', 'This request cannot be answered'],
    ] as const) {
      const refused = await fetch(stack.site + api);
      assert.equal(refused.status, 422, api);
      const { detail } = (await refused.json()) as { detail: string };
      const { page, status } = await open(path);
      assert.equal(status, 400, path);
      assert.equal(await page.locator('h1').innerText(), title, path);
      assert.equal(await page.locator('.refusal').innerText(), detail, path);
      assert.equal((await fetch(stack.site + path)).statusText, 'Bad Request', `${path}: the reason phrase matches`);
      await page.close();
    }
  });

  test('sitemap.xml and robots.txt', async () => {
    const sitemap = await fetch(`${stack.site}/sitemap.xml`);
    assert.equal(sitemap.status, 200);
    assert.match(sitemap.headers.get('content-type') ?? '', /xml/);
    const xml = await sitemap.text();
    assert.ok(xml.includes(`<loc>${stack.site}/en/examples/demo-remittance-cost-comparison/</loc>`), 'example pages are listed');
    assert.ok(xml.includes(`<loc>${stack.site}/en/booklet/objective-23/</loc>`));
    assert.ok(xml.includes(`<loc>${stack.site}/en/guide/six-step-process/step-6/</loc>`));
    assert.equal((xml.match(/<url>/g) ?? []).length >= 35, true);
    const robots = await (await fetch(`${stack.site}/robots.txt`)).text();
    assert.ok(robots.includes(`Sitemap: ${stack.site}/sitemap.xml`));
  });

  test('one origin: /api/, /documents/ and /media/ are proxied to Django with Cache-Control', async () => {
    const response = await fetch(`${stack.site}/api/v1/objectives/3/?locale=es`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('cache-control') ?? '', /max-age=/);
    const body = (await response.json()) as { number: number; locale: string };
    assert.equal(body.number, 3);
    assert.equal(body.locale, 'es');
    const missing = await fetch(`${stack.site}/api/v1/objectives/99/`);
    assert.equal(missing.status, 422);
    assert.equal(missing.headers.get('cache-control'), 'no-store');
    for (const path of ['/documents/9999/missing.pdf', '/media/missing.png']) {
      const proxied = await fetch(stack.site + path);
      assert.equal(proxied.status, 404, `${path} answered by Django through the proxy`);
      assert.equal(proxied.headers.get('cache-control'), 'no-store');
    }
  });

  test('readable with JavaScript disabled, and at 320px without sideways scrolling', async () => {
    const noJs = await stack.browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 640 } });
    const { page } = await open('/es/booklet/objective-3/', noJs);
    assert.ok(await page.locator('h1').isVisible());
    assert.ok((await page.locator('article').innerText()).includes('How governments and stakeholders'));
    const overflow = await noJs.newPage();
    for (const path of ['/fr/booklet/', '/en/guide/six-step-process/step-2/', '/es/booklet/objective-3/', '/fr/examples/', '/es/examples/demo-remittance-cost-comparison/']) {
      await overflow.goto(stack.site + path);
      const width = await overflow.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 320, `${path} is ${width}px wide at 320px`);
    }
    await noJs.close();
  });

  const resultCount = async (page: Page) => Number.parseInt(await page.locator('#results-title').innerText(), 10);

  for (const javaScriptEnabled of [true, false]) {
    test(`filter the examples by region then objective, counts change (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const ctx = javaScriptEnabled ? context : await stack.browser.newContext({ javaScriptEnabled: false });
      const lang = javaScriptEnabled ? 'en' : 'fr';
      const { page, status } = await open(`/${lang}/examples/`, ctx);
      assert.equal(status, 200);
      assert.equal(await resultCount(page), 5);
      const africa = page.locator('input[name="region"][value="africa"]');
      assert.match(await page.locator(`label[for="${await africa.getAttribute('id')}"]`).innerText(), /\(2\)/);
      await africa.check();
      await page.locator('form.filters button[type="submit"]').first().click();
      await page.waitForURL(/region=africa/);
      assert.equal(await resultCount(page), 2);
      const three = page.locator('input[name="objective"][value="3"]');
      assert.ok(await africa.isChecked(), 'the selection is kept');
      await three.check();
      await page.locator('form.filters button[type="submit"]').last().click();
      await page.waitForURL(/objective=3/);
      assert.equal(await resultCount(page), 1);
      const url = new URL(page.url());
      assert.deepEqual(url.searchParams.getAll('objective'), ['3']);
      assert.equal(await page.locator('.result-list h3 a').innerText(), 'Migrant resource centres in border towns (demo)');
      // the region facet counts ignore the region selection but follow the objective one
      assert.match(await page.locator(`label[for="${await africa.getAttribute('id')}"]`).innerText(), /\(1\)/);
      if (lang === 'fr') assert.ok(await page.locator('.results .notice').isVisible(), 'English examples are announced');
      await page.close();
      if (!javaScriptEnabled) await ctx.close();
    });
  }

  test('full-text search finds the remittance example, then its page renders', async () => {
    const { page } = await open('/en/examples/');
    await page.locator('#q').fill('remittance');
    await page.locator('form.filters button[type="submit"]').first().click();
    await page.waitForURL(/q=remittance/);
    assert.equal(await resultCount(page), 1);
    assert.match(await page.locator('.result-list .snippet mark').first().innerText(), /remittance/i);
    await page.locator('.result-list h3 a').click();
    assert.equal(new URL(page.url()).pathname, '/en/examples/demo-remittance-cost-comparison/');
    assert.equal(await page.locator('h1').innerText(), 'A remittance cost comparison portal (demo)');
    const facts = await page.locator('.example-facts').innerText();
    assert.ok(facts.includes('Morocco') && facts.includes('Objective 20'), facts);
    assert.equal(await page.locator('.example-facts a[href="/en/booklet/objective-20/"]').count(), 1);
    assert.ok((await page.locator('article').innerText()).includes('Demo lessons.'));
    await page.close();
  });

  test('an empty search says so', async () => {
    const { page } = await open('/es/examples/?q=zzzznothing');
    assert.equal(await resultCount(page), 0);
    assert.ok(await page.locator('.results .empty').isVisible());
    await page.close();
  });

  test("objective 3's page lists its example, linking to the example page", async () => {
    const { page } = await open('/en/booklet/objective-3/');
    const link = page.locator('#objective-examples-title ~ .result-list a', { hasText: 'Migrant resource centres in border towns (demo)' });
    assert.equal(await link.count(), 1);
    await link.click();
    assert.equal(new URL(page.url()).pathname, '/en/examples/demo-migrant-resource-centres/');
    assert.equal(await page.locator('h1').innerText(), 'Migrant resource centres in border towns (demo)');
    await page.close();
  });

  test('site search from the header box, with grouped results', async () => {
    const { page } = await open('/en/guide/');
    await page.locator('#site-q').fill('remittance');
    await page.locator('.site-search button').click();
    await page.waitForURL(/\/en\/search\/\?q=remittance/);
    assert.equal(await page.locator('#site-q').inputValue(), 'remittance');
    assert.ok(await page.locator('#guidance-title').isVisible());
    const examples = page.locator('#examples-title ~ .result-list a');
    assert.equal(await examples.first().innerText(), 'A remittance cost comparison portal (demo)');
    await page.close();
  });

  test('Atom feeds are valid XML with entries, and announced by the pages', async () => {
    const page = await context.newPage();
    for (const [path, entries] of [
      ['/en/feeds/examples.xml', 5],
      ['/fr/feeds/objectives/3.xml', 1],
    ] as const) {
      const response = await fetch(stack.site + path);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /application\/atom\+xml/);
      const xml = await response.text();
      const parsed = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'application/xml');
        return {
          error: doc.getElementsByTagName('parsererror').length,
          root: doc.documentElement.namespaceURI,
          entries: doc.getElementsByTagName('entry').length,
        };
      }, xml);
      assert.deepEqual(parsed, { error: 0, root: 'http://www.w3.org/2005/Atom', entries }, path);
    }
    assert.equal((await fetch(`${stack.site}/en/feeds/objectives/24.xml`)).status, 404);
    const html = await (await fetch(`${stack.site}/es/booklet/objective-3/`)).text();
    assert.match(html, /<link rel="alternate" type="application\/atom\+xml"[^>]+href="[^"]+\/es\/feeds\/objectives\/3\.xml"/);
    await page.close();
  });

  test('content pages ship no client JavaScript', async () => {
    let scriptBytes = 0;
    let scriptTags = 0;
    for (const lang of LANGS) {
      for (const route of ROUTES) {
        const page = await context.newPage();
        const scripts: string[] = [];
        page.on('response', (response) => {
          if (response.request().resourceType() === 'script') scripts.push(response.url());
        });
        const response = await page.goto(`${stack.site}/${lang}/${route}`);
        const html = (await response?.text()) ?? '';
        scriptTags += (html.match(/<script\b/gi) ?? []).length;
        for (const url of scripts) scriptBytes += (await (await fetch(url)).arrayBuffer()).byteLength;
        await page.close();
      }
    }
    console.log(`# client JavaScript on ${LANGS.length * ROUTES.length} routes: ${scriptTags} script tags, ${scriptBytes} bytes`);
    assert.equal(scriptTags, 0);
    assert.equal(scriptBytes, 0);
  });

  test('axe-core is live: it reports a violation planted in a page', async () => {
    const page = await context.newPage();
    await page.setContent('<!doctype html><html lang="en"><title>t</title><main><img src="x.png"></main></html>');
    const results = await new AxeBuilder({ page }).withTags(['wcag2a']).analyze();
    assert.ok(results.violations.some((violation) => violation.id === 'image-alt'));
    await page.close();
  });

  test('axe-core: no WCAG 2.1 A/AA violations on any route in any language', async () => {
    const failures: string[] = [];
    let scanned = 0;
    for (const lang of LANGS) {
      for (const route of ROUTES) {
        const page = await context.newPage();
        await page.goto(`${stack.site}/${lang}/${route}`);
        const results = await new AxeBuilder({ page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
          .analyze();
        scanned += 1;
        assert.ok(results.passes.length > 10, `axe ran its rules on /${lang}/${route}`);
        for (const violation of results.violations) {
          failures.push(`/${lang}/${route}: ${violation.id} (${violation.nodes.length}) ${violation.help}`);
        }
        await page.close();
      }
    }
    console.log(`# axe-core: ${scanned} pages scanned, ${failures.length} violations`);
    assert.deepEqual(failures, []);
  });

  test('the page tree leaves examples out: examples resolve one by one, sitemaps and feeds read the read model', async () => {
    const tree = (await (await fetch(`${stack.backend}/api/v2/pages/?locale=en&limit=100&exclude_type=examples_library.ExamplePage`)).json()) as {
      items: { meta: { type: string } }[];
    };
    assert.ok(tree.items.length > 30 && tree.items.every((item) => item.meta.type !== 'examples_library.ExamplePage'));
    const refused = await fetch(`${stack.backend}/api/v2/pages/?exclude_type=nope&locale=fr`);
    assert.equal(refused.status, 400);
    assert.match(((await refused.json()) as { message: string }).message, /^exclude_type : nope n'est pas un type de page/);
    for (const lang of LANGS) {
      const { page, status } = await open(`/${lang}/examples/demo-remittance-cost-comparison/`);
      assert.equal(status, 200, `example in ${lang}`);
      assert.ok((await page.locator('h1').innerText()).length > 0);
      assert.equal(await page.locator(`nav.breadcrumb a[href="/${lang}/examples/"]`).count(), 1, 'breadcrumb to the library');
      await page.close();
      for (let i = 0; i < 3; i += 1) {
        assert.equal((await fetch(`${stack.site}/${lang}/examples/no-such-example-${i}/`)).status, 404, 'a missing example is a 404');
      }
    }
    // an objective page links its examples to pages that exist
    const { page } = await open('/fr/booklet/objective-20/');
    const href = await page.locator('a[href$="/examples/demo-remittance-cost-comparison/"]').first().getAttribute('href');
    assert.equal(href, '/fr/examples/demo-remittance-cost-comparison/');
    await page.close();
    assert.equal((await fetch(stack.site + href)).status, 200);
    // sitemaps: guidance from the tree, examples in chunks from the read model, hreflang kept
    const pages = await (await fetch(`${stack.site}/sitemaps/pages.xml`)).text();
    assert.ok(pages.includes(`<loc>${stack.site}/fr/booklet/objective-23/</loc>`));
    assert.ok(pages.includes(`hreflang="es" href="${stack.site}/es/guide/six-step-process/step-6/"`));
    assert.ok(!pages.includes('demo-remittance-cost-comparison'));
    const chunk = await fetch(`${stack.site}/sitemaps/examples-1.xml`);
    assert.equal(chunk.status, 200);
    assert.match(chunk.headers.get('content-type') ?? '', /xml/);
    const examples = await chunk.text();
    assert.match(examples, new RegExp(`<url><loc>${stack.site}/en/examples/demo-remittance-cost-comparison/</loc><lastmod>\\d{4}-\\d{2}-\\d{2}</lastmod><xhtml:link rel="alternate" hreflang="en"`));
    assert.ok(!examples.includes('/booklet/'));
    for (const missing of ['examples-2.xml', 'examples-0.xml', 'examples-x.xml']) {
      assert.equal((await fetch(`${stack.site}/sitemaps/${missing}`)).status, 404, missing);
    }
    const sitemap = await (await fetch(`${stack.site}/sitemap.xml`)).text();
    assert.ok(sitemap.includes('<urlset') && sitemap.includes('demo-remittance-cost-comparison'), 'the demo fits in one sitemap');
    // feeds: publication dates from the read model, not 1970
    const feed = await (await fetch(`${stack.site}/en/feeds/examples.xml`)).text();
    const published = [...feed.matchAll(/<published>([^<]+)<\/published>/g)].map((match) => match[1] ?? '');
    assert.ok(published.length >= 5 && published.every((date) => !date.startsWith('1970')), published.join(', '));
  });
});
