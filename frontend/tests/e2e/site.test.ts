/**
 * End to end, against the real backend with the demo content: browsing in each language, switching language,
 * 404, sitemap, reading without JavaScript, no client JavaScript on content pages, and axe-core (WCAG 2.1
 * A/AA) on every route in every language.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { BrowserContext, Page } from '@playwright/test';
import { type Stack, expect, test } from './fixtures.ts';

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

test.describe('public site', () => {
  test.beforeAll(async ({ stack: started }) => {
    stack = started;
    context = await stack.browser.newContext();
  });
  test.afterAll(async () => {
    await context.close();
  });

  test('/ redirects by Accept-Language', async () => {
    for (const [header, lang] of [
      ['fr-CH,fr;q=0.9', 'fr'],
      ['es', 'es'],
      ['de-DE', 'en'],
    ] as const) {
      const response = await fetch(`${stack.site}/`, { headers: { 'accept-language': header }, redirect: 'manual' });
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe(`/${lang}/`);
    }
  });

  for (const lang of LANGS) {
    test(`browse the Guide to a step in ${lang}`, async () => {
      const { page, status } = await open(`/${lang}/`);
      expect(status).toBe(200);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await page.locator('main a[href$="/guide/"]').first().click();
      await expect(page).toHaveURL((url) => url.pathname === `/${lang}/guide/`);
      await page.locator('main a[href$="/guide/six-step-process/"]').click();
      await page.locator('main a[href$="/step-2/"]').click();
      await expect(page).toHaveURL((url) => url.pathname === `/${lang}/guide/six-step-process/step-2/`);
      await expect(page.locator('h1')).toHaveCount(1);
      await expect(page.locator('h1')).toHaveText({ en: 'Step 2', fr: 'Étape 2', es: 'Paso 2' }[lang], { useInnerText: true });
      await expect(page.locator('a[rel="next"][href$="/step-3/"]')).toBeVisible();
      // the demo guidance is translated: no fallback note, content in the reader's language
      await expect(page.locator('.notice')).toHaveCount(0);
      await expect(page.locator('article')).toHaveAttribute('lang', lang);
      await page.close();
    });

    if (lang !== 'en') {
      test(`an English-only example under /${lang}/ says so and keeps lang="en" on its content`, async () => {
        const { page, status } = await open(`/${lang}/examples/demo-remittance-cost-comparison/`);
        expect(status).toBe(200);
        await expect(page.locator('html')).toHaveAttribute('lang', lang);
        await expect(page.locator('.notice')).toHaveText(new RegExp(NOTES[lang]), { useInnerText: true });
        await expect(page.locator('article')).toHaveAttribute('lang', 'en');
        const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
        expect(canonical?.endsWith('/en/examples/demo-remittance-cost-comparison/'), canonical ?? '').toBeTruthy();
        const hreflangs = await page.locator('link[rel="alternate"][hreflang]').evaluateAll((links) =>
          links.map((link) => link.getAttribute('hreflang')),
        );
        expect(hreflangs, 'hreflang lists only the languages it exists in').toEqual(['en', 'x-default']);
        await page.close();
      });
    }

    test(`objective page in ${lang}: number, title, short label and blocks`, async () => {
      const { page, status } = await open(`/${lang}/booklet/objective-3/`);
      expect(status).toBe(200);
      await expect(page.locator('h1')).toHaveCount(1);
      const h1 = await page.locator('h1').innerText();
      const word = { en: 'Objective', fr: 'Objectif', es: 'Objetivo' }[lang];
      expect(h1).toMatch(new RegExp(`^${word} 3:`));
      const label = { en: 'Information provision', fr: "Fourniture d'informations", es: '' }[lang];
      const meta = await page.locator('.objective-meta').innerText();
      if (label) expect(meta.includes(label), `${meta} includes ${label}`).toBeTruthy();
      await expect(page.locator('.callout--covid-19')).toHaveCount(1);
      await expect(page.locator('.practical h2')).toHaveCount(1);
      const hreflangs = await page.locator('link[rel="alternate"][hreflang]').evaluateAll((links) =>
        links.map((link) => link.getAttribute('hreflang')),
      );
      expect(hreflangs.includes('en') && hreflangs.includes('x-default')).toBeTruthy();
      await page.close();
    });
  }

  test('the guiding principles chapter lists the ten principles in each language', async () => {
    const expected = {
      en: ['People-centred', 'Whole-of-society approach', 'GCM paragraph 15(a)'],
      fr: ['Priorité à la dimension humaine', "Approche mobilisant l'ensemble de la société", 'PMM, paragraphe 15(a)'],
      es: ['Centrada en las personas', 'Enfoque pansocial', 'PMM, párrafo 15(a)'],
    };
    for (const [lang, [first, last, paragraph]] of Object.entries(expected) as [string, [string, string, string]][]) {
      const page = await stack.browser.newPage();
      const response = await page.goto(`${stack.site}/${lang}/guide/guiding-principles/`);
      expect(response?.status(), lang).toBe(200);
      const items = page.locator('section[aria-labelledby="principles-title"] ol.principles > li');
      await expect(items, lang).toHaveCount(10);
      await expect(items.first().locator('.label')).toHaveText(first, { useInnerText: true });
      await expect(items.last().locator('.label')).toHaveText(last, { useInnerText: true });
      await expect(items.first().locator('.label'), 'translated, not a fallback').toHaveAttribute('lang', lang);
      await expect(items.first().locator('.number')).toHaveText(paragraph, { useInnerText: true });
      await page.close();
    }
    // only the chapter that says so lists them
    const other = await (await fetch(`${stack.site}/en/guide/six-step-process/`)).text();
    expect(other).not.toMatch(/principles-title/);
  });

  test('redirects carry the security headers; HSTS and Permissions-Policy when served over https', async () => {
    // the 303 to the sign-in page; a proxy in front of the production site says https in X-Forwarded-Proto
    const redirect = await fetch(`${stack.site}/en/submit/`, { redirect: 'manual', headers: { 'x-forwarded-proto': 'https' } });
    expect(redirect.status).toBe(303);
    expect(redirect.headers.get('content-security-policy') ?? '').toMatch(/frame-ancestors 'none'/);
    expect(redirect.headers.get('x-frame-options')).toBe('DENY');
    expect(redirect.headers.get('permissions-policy') ?? '').toMatch(/camera=\(\)/);
    expect(redirect.headers.get('strict-transport-security') ?? '').toMatch(/^max-age=31536000/);
    const plain = await fetch(`${stack.site}/en/booklet/objective-3/`);
    expect(plain.headers.get('permissions-policy') ?? '').toMatch(/geolocation=\(\)/);
    expect(plain.headers.get('strict-transport-security'), 'plain http: no HSTS').toBe(null);
  });

  test('HTML pages forbid scripts and framing; the breadcrumb marks the current page', async () => {
    const response = await fetch(`${stack.site}/en/booklet/objective-3/`);
    expect(response.headers.get('content-security-policy') ?? '').toMatch(/script-src 'none'/);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('cache-control') ?? '').toMatch(/max-age=60/);
    const html = await response.text();
    expect(html).toMatch(/<span aria-current="page">Objective 3: /);
  });

  test('the Booklet lists the 23 objectives with labels in the reader language', async () => {
    const { page } = await open('/fr/booklet/');
    await expect(page.locator('main .card-list li')).toHaveCount(23);
    await expect(page.locator('main')).toContainText("Fourniture d'informations", { useInnerText: true });
    await page.close();
  });

  test('the language switcher keeps the reader on the same objective', async () => {
    const { page } = await open('/en/booklet/objective-3/');
    await page.locator('nav.lang-switcher a[hreflang="fr"]').click();
    await expect(page).toHaveURL((url) => url.pathname === '/fr/booklet/objective-3/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.locator('article')).toHaveAttribute('lang', 'fr');
    await page.locator('nav.lang-switcher a[hreflang="es"]').click();
    await expect(page).toHaveURL((url) => url.pathname === '/es/booklet/objective-3/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expect(page.locator('nav.lang-switcher a[aria-current="true"]')).toHaveText('Español', { useInnerText: true });
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
      expect(status, path).toBe(404);
      await expect(page.locator('h1')).toHaveText(title, { useInnerText: true });
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
      expect(refused.status, api).toBe(422);
      const { detail } = (await refused.json()) as { detail: string };
      const { page, status } = await open(path);
      expect(status, path).toBe(400);
      await expect(page.locator('h1'), path).toHaveText(title, { useInnerText: true });
      await expect(page.locator('.refusal'), path).toHaveText(detail, { useInnerText: true });
      expect((await fetch(stack.site + path)).statusText, `${path}: the reason phrase matches`).toBe('Bad Request');
      await page.close();
    }
  });

  test('sitemap.xml and robots.txt', async () => {
    const sitemap = await fetch(`${stack.site}/sitemap.xml`);
    expect(sitemap.status).toBe(200);
    expect(sitemap.headers.get('content-type') ?? '').toMatch(/xml/);
    const xml = await sitemap.text();
    expect(xml.includes(`<loc>${stack.site}/en/examples/demo-remittance-cost-comparison/</loc>`), 'example pages are listed').toBeTruthy();
    expect(xml.includes(`<loc>${stack.site}/en/booklet/objective-23/</loc>`)).toBeTruthy();
    expect(xml.includes(`<loc>${stack.site}/en/guide/six-step-process/step-6/</loc>`)).toBeTruthy();
    expect((xml.match(/<url>/g) ?? []).length >= 35).toBe(true);
    const robots = await (await fetch(`${stack.site}/robots.txt`)).text();
    expect(robots.includes(`Sitemap: ${stack.site}/sitemap.xml`)).toBeTruthy();
  });

  test('one origin: /api/, /documents/ and /media/ are proxied to Django with Cache-Control', async () => {
    const response = await fetch(`${stack.site}/api/v1/objectives/3/?locale=es`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control') ?? '').toMatch(/max-age=/);
    const body = (await response.json()) as { number: number; locale: string };
    expect(body.number).toBe(3);
    expect(body.locale).toBe('es');
    const missing = await fetch(`${stack.site}/api/v1/objectives/99/`);
    expect(missing.status).toBe(422);
    expect(missing.headers.get('cache-control')).toBe('no-store');
    for (const path of ['/documents/9999/missing.pdf', '/media/missing.png']) {
      const proxied = await fetch(stack.site + path);
      expect(proxied.status, `${path} answered by Django through the proxy`).toBe(404);
      expect(proxied.headers.get('cache-control')).toBe('no-store');
    }
  });

  test('readable with JavaScript disabled, and at 320px without sideways scrolling', async () => {
    const noJs = await stack.browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 640 } });
    const { page } = await open('/es/booklet/objective-3/', noJs);
    await expect(page.locator('h1')).toBeVisible();
    await expect(page.locator('article')).toContainText('How governments and stakeholders', { useInnerText: true });
    const overflow = await noJs.newPage();
    for (const path of ['/fr/booklet/', '/en/guide/six-step-process/step-2/', '/es/booklet/objective-3/', '/fr/examples/', '/es/examples/demo-remittance-cost-comparison/']) {
      await overflow.goto(stack.site + path);
      const width = await overflow.evaluate(() => document.documentElement.scrollWidth);
      expect(width <= 320, `${path} is ${width}px wide at 320px`).toBeTruthy();
    }
    await noJs.close();
  });

  /** The results heading starts with their number. */
  const expectResults = (page: Page, count: number) =>
    expect(page.locator('#results-title')).toHaveText(new RegExp(`^\\s*${count}(?!\\d)`), { useInnerText: true });

  for (const javaScriptEnabled of [true, false]) {
    test(`filter the examples by region then objective, counts change (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const ctx = javaScriptEnabled ? context : await stack.browser.newContext({ javaScriptEnabled: false });
      const lang = javaScriptEnabled ? 'en' : 'fr';
      const { page, status } = await open(`/${lang}/examples/`, ctx);
      expect(status).toBe(200);
      await expectResults(page, 5);
      const africa = page.locator('input[name="region"][value="africa"]');
      await expect(page.locator(`label[for="${await africa.getAttribute('id')}"]`)).toHaveText(/\(2\)/, { useInnerText: true });
      await africa.check();
      await page.locator('form.filters button[type="submit"]').first().click();
      await page.waitForURL(/region=africa/);
      await expectResults(page, 2);
      const three = page.locator('input[name="objective"][value="3"]');
      await expect(africa, 'the selection is kept').toBeChecked();
      await three.check();
      await page.locator('form.filters button[type="submit"]').last().click();
      await page.waitForURL(/objective=3/);
      await expectResults(page, 1);
      const url = new URL(page.url());
      expect(url.searchParams.getAll('objective')).toEqual(['3']);
      await expect(page.locator('.result-list h3 a')).toHaveText('Migrant resource centres in border towns (demo)', { useInnerText: true });
      // the region facet counts ignore the region selection but follow the objective one
      await expect(page.locator(`label[for="${await africa.getAttribute('id')}"]`)).toHaveText(/\(1\)/, { useInnerText: true });
      if (lang === 'fr') await expect(page.locator('.results .notice'), 'English examples are announced').toBeVisible();
      await page.close();
      if (!javaScriptEnabled) await ctx.close();
    });
  }

  test('full-text search finds the remittance example, then its page renders', async () => {
    const { page } = await open('/en/examples/');
    await page.locator('#q').fill('remittance');
    await page.locator('form.filters button[type="submit"]').first().click();
    await page.waitForURL(/q=remittance/);
    await expectResults(page, 1);
    await expect(page.locator('.result-list .snippet mark').first()).toHaveText(/remittance/i, { useInnerText: true });
    await page.locator('.result-list h3 a').click();
    await expect(page).toHaveURL((url) => url.pathname === '/en/examples/demo-remittance-cost-comparison/');
    await expect(page.locator('h1')).toHaveText('A remittance cost comparison portal (demo)', { useInnerText: true });
    const facts = await page.locator('.example-facts').innerText();
    expect(facts.includes('Morocco') && facts.includes('Objective 20'), facts).toBeTruthy();
    await expect(page.locator('.example-facts a[href="/en/booklet/objective-20/"]')).toHaveCount(1);
    await expect(page.locator('article')).toContainText('Demo lessons.', { useInnerText: true });
    await page.close();
  });

  test('an empty search says so', async () => {
    const { page } = await open('/es/examples/?q=zzzznothing');
    await expectResults(page, 0);
    await expect(page.locator('.results .empty')).toBeVisible();
    await page.close();
  });

  test("objective 3's page lists its example, linking to the example page", async () => {
    const { page } = await open('/en/booklet/objective-3/');
    const link = page.locator('#objective-examples-title ~ .result-list a', { hasText: 'Migrant resource centres in border towns (demo)' });
    await expect(link).toHaveCount(1);
    await link.click();
    await expect(page).toHaveURL((url) => url.pathname === '/en/examples/demo-migrant-resource-centres/');
    await expect(page.locator('h1')).toHaveText('Migrant resource centres in border towns (demo)', { useInnerText: true });
    await page.close();
  });

  test('site search from the header box, with grouped results', async () => {
    const { page } = await open('/en/guide/');
    await page.locator('#site-q').fill('remittance');
    await page.locator('.site-search button').click();
    await page.waitForURL(/\/en\/search\/\?q=remittance/);
    await expect(page.locator('#site-q')).toHaveValue('remittance');
    await expect(page.locator('#guidance-title')).toBeVisible();
    const examples = page.locator('#examples-title ~ .result-list a');
    await expect(examples.first()).toHaveText('A remittance cost comparison portal (demo)', { useInnerText: true });
    await page.close();
  });

  test('Atom feeds are valid XML with entries, and announced by the pages', async () => {
    const page = await context.newPage();
    for (const [path, entries] of [
      ['/en/feeds/examples.xml', 5],
      ['/fr/feeds/objectives/3.xml', 1],
    ] as const) {
      const response = await fetch(stack.site + path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type') ?? '').toMatch(/application\/atom\+xml/);
      const xml = await response.text();
      const parsed = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'application/xml');
        return {
          error: doc.getElementsByTagName('parsererror').length,
          root: doc.documentElement.namespaceURI,
          entries: doc.getElementsByTagName('entry').length,
        };
      }, xml);
      expect(parsed, path).toEqual({ error: 0, root: 'http://www.w3.org/2005/Atom', entries });
    }
    expect((await fetch(`${stack.site}/en/feeds/objectives/24.xml`)).status).toBe(404);
    const html = await (await fetch(`${stack.site}/es/booklet/objective-3/`)).text();
    expect(html).toMatch(/<link rel="alternate" type="application\/atom\+xml"[^>]+href="[^"]+\/es\/feeds\/objectives\/3\.xml"/);
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
    expect(scriptTags).toBe(0);
    expect(scriptBytes).toBe(0);
  });

  test('axe-core is live: it reports a violation planted in a page', async () => {
    const page = await context.newPage();
    await page.setContent('<!doctype html><html lang="en"><title>t</title><main><img src="x.png"></main></html>');
    const results = await new AxeBuilder({ page }).withTags(['wcag2a']).analyze();
    expect(results.violations.some((violation) => violation.id === 'image-alt')).toBeTruthy();
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
        expect(results.passes.length > 10, `axe ran its rules on /${lang}/${route}`).toBeTruthy();
        for (const violation of results.violations) {
          failures.push(`/${lang}/${route}: ${violation.id} (${violation.nodes.length}) ${violation.help}`);
        }
        await page.close();
      }
    }
    console.log(`# axe-core: ${scanned} pages scanned, ${failures.length} violations`);
    expect(failures).toEqual([]);
  });

  test('the page tree leaves examples out: examples resolve one by one, sitemaps and feeds read the read model', async () => {
    const tree = (await (await fetch(`${stack.backend}/api/v2/pages/?locale=en&limit=100&exclude_type=examples_library.ExamplePage`)).json()) as {
      items: { meta: { type: string } }[];
    };
    expect(tree.items.length > 30 && tree.items.every((item) => item.meta.type !== 'examples_library.ExamplePage')).toBeTruthy();
    const refused = await fetch(`${stack.backend}/api/v2/pages/?exclude_type=nope&locale=fr`);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { message: string }).message).toMatch(/^exclude_type : nope n'est pas un type de page/);
    for (const lang of LANGS) {
      const { page, status } = await open(`/${lang}/examples/demo-remittance-cost-comparison/`);
      expect(status, `example in ${lang}`).toBe(200);
      expect((await page.locator('h1').innerText()).length > 0).toBeTruthy();
      await expect(page.locator(`nav.breadcrumb a[href="/${lang}/examples/"]`), 'breadcrumb to the library').toHaveCount(1);
      await page.close();
      for (let i = 0; i < 3; i += 1) {
        expect((await fetch(`${stack.site}/${lang}/examples/no-such-example-${i}/`)).status, 'a missing example is a 404').toBe(404);
      }
    }
    // an objective page links its examples to pages that exist
    const { page } = await open('/fr/booklet/objective-20/');
    const href = await page.locator('a[href$="/examples/demo-remittance-cost-comparison/"]').first().getAttribute('href');
    expect(href).toBe('/fr/examples/demo-remittance-cost-comparison/');
    await page.close();
    expect((await fetch(stack.site + href)).status).toBe(200);
    // sitemaps: guidance from the tree, examples in chunks from the read model, hreflang kept
    const pages = await (await fetch(`${stack.site}/sitemaps/pages.xml`)).text();
    expect(pages.includes(`<loc>${stack.site}/fr/booklet/objective-23/</loc>`)).toBeTruthy();
    expect(pages.includes(`hreflang="es" href="${stack.site}/es/guide/six-step-process/step-6/"`)).toBeTruthy();
    expect(!pages.includes('demo-remittance-cost-comparison')).toBeTruthy();
    const chunk = await fetch(`${stack.site}/sitemaps/examples-1.xml`);
    expect(chunk.status).toBe(200);
    expect(chunk.headers.get('content-type') ?? '').toMatch(/xml/);
    const examples = await chunk.text();
    expect(examples).toMatch(new RegExp(`<url><loc>${stack.site}/en/examples/demo-remittance-cost-comparison/</loc><lastmod>\\d{4}-\\d{2}-\\d{2}</lastmod><xhtml:link rel="alternate" hreflang="en"`));
    expect(!examples.includes('/booklet/')).toBeTruthy();
    for (const missing of ['examples-2.xml', 'examples-0.xml', 'examples-x.xml']) {
      expect((await fetch(`${stack.site}/sitemaps/${missing}`)).status, missing).toBe(404);
    }
    const sitemap = await (await fetch(`${stack.site}/sitemap.xml`)).text();
    expect(sitemap.includes('<urlset') && sitemap.includes('demo-remittance-cost-comparison'), 'the demo fits in one sitemap').toBeTruthy();
    // feeds: publication dates from the read model, not 1970
    const feed = await (await fetch(`${stack.site}/en/feeds/examples.xml`)).text();
    const published = [...feed.matchAll(/<published>([^<]+)<\/published>/g)].map((match) => match[1] ?? '');
    expect(published.length >= 5 && published.every((date) => !date.startsWith('1970')), published.join(', ')).toBeTruthy();
  });
});
