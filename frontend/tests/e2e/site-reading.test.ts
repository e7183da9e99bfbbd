/**
 * End to end, the public site as people read it: without JavaScript and at 320px, full-text and site search,
 * objective pages and their examples, Atom feeds, no client JavaScript on content pages, axe-core (WCAG 2.1
 * A/AA) on every route in every language, and examples resolved one by one outside the page tree.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { LANGS, ROUTES, open as openIn, siteContext } from './site-context.ts';

test.describe('public site', () => {
  const site = siteContext();
  const open = (path: string, ctx?: BrowserContext) => openIn(site, path, ctx);

  test('readable with JavaScript disabled, and at 320px without sideways scrolling', async () => {
    const noJs = await site.stack.browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 640 } });
    const { page } = await open('/es/booklet/objective-3/', noJs);
    await expect(page.locator('h1')).toBeVisible();
    await expect(page.locator('article')).toContainText('How governments and stakeholders', { useInnerText: true });
    const overflow = await noJs.newPage();
    for (const path of ['/fr/booklet/', '/en/guide/six-step-process/step-2/', '/es/booklet/objective-3/', '/fr/examples/', '/es/examples/demo-remittance-cost-comparison/']) {
      await overflow.goto(site.stack.site + path);
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
      const ctx = javaScriptEnabled ? site.context : await site.stack.browser.newContext({ javaScriptEnabled: false });
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
      // one library in every language: an English example listed to a French reader says its language
      if (lang === 'fr') await expect(page.locator('.result-list .lang-badge').first(), 'English examples are announced').toContainText('English');
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

  test('reading aids: the contents link to ids on the page; previous/next lead to pages that exist; paragraphs link to themselves', async () => {
    const noJs = await site.stack.browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    for (const path of ['/en/booklet/objective-3/', '/fr/booklet/objective-3/', '/en/guide/six-step-process/', '/es/guide/guiding-principles/']) {
      const { page, status } = await open(path, noJs);
      expect(status, path).toBe(200);
      const toc = page.locator('nav.toc[aria-labelledby="toc-title"]');
      await expect(toc, `${path} has its contents`).toHaveCount(1);
      const targets = await toc.locator('a').evaluateAll((links) =>
        links.map((link) => {
          const id = decodeURIComponent((link.getAttribute('href') ?? '').replace(/^#/, ''));
          return { id, found: Boolean(document.getElementById(id)) };
        }),
      );
      expect(targets.length > 0, path).toBeTruthy();
      for (const target of targets) expect(target.found, `${path}#${target.id} exists`).toBeTruthy();
      await page.close();
    }
    const { page } = await open('/en/booklet/objective-3/', noJs);
    await expect(page.locator('#objective-examples-title')).toBeVisible();
    await expect(page.locator('.practical h2')).toHaveCount(1);
    const paragraph = page.locator('.para').first();
    await expect(paragraph.locator('> a.para-number')).toHaveAttribute('href', `#${await paragraph.getAttribute('id')}`);
    await page.close();
    for (const [path, prev, next] of [
      ['/en/booklet/objective-3/', '/en/booklet/objective-2/', '/en/booklet/objective-4/'],
      ['/fr/guide/six-step-process/step-2/', '/fr/guide/six-step-process/step-1/', '/fr/guide/six-step-process/step-3/'],
    ] as const) {
      const { page: current } = await open(path, noJs);
      await expect(current.locator('a[rel="prev"]')).toHaveAttribute('href', prev);
      await expect(current.locator('a[rel="next"]')).toHaveAttribute('href', next);
      for (const href of [prev, next]) expect((await fetch(site.stack.site + href)).status, href).toBe(200);
      await current.locator('a[rel="next"]').click();
      await expect(current).toHaveURL((url) => url.pathname === next);
      await current.close();
    }
    const { page: last } = await open('/en/booklet/objective-23/', noJs);
    await expect(last.locator('a[rel="next"]'), 'the last objective has no next').toHaveCount(0);
    await expect(last.locator('a[rel="prev"]')).toHaveAttribute('href', '/en/booklet/objective-22/');
    await last.close();
    await noJs.close();
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

  test('the library links its open data: CSV, XLSX and JSON of the page\'s language, with licence and date', async () => {
    const { page } = await open('/fr/examples/');
    const links = page.locator('.open-data a');
    await expect(links).toHaveText(['CSV', 'XLSX', 'JSON']);
    const hrefs = await links.evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href') ?? ''));
    for (const href of hrefs) {
      expect(href).toMatch(/^\/api\/v1\/open-data\/examples\.(csv|xlsx|json)\?locale=fr$/);
      const response = await fetch(site.stack.site + href);
      expect(response.status, href).toBe(200);
      expect(response.headers.get('content-disposition') ?? '', href).toMatch(/attachment; filename="gcm-examples-fr-/);
    }
    const json = await (await fetch(site.stack.site + hrefs[2])).json();
    expect(json.language).toBe('fr');
    expect(json.licence && json.generated_at && Array.isArray(json.examples)).toBeTruthy();
    const csv = await (await fetch(site.stack.site + hrefs[0])).text();
    expect(csv.startsWith('# ') && csv.includes('licence')).toBeTruthy();
    await page.close();
  });

  test('Atom feeds are valid XML with entries, and announced by the pages', async () => {
    const page = await site.context.newPage();
    for (const [path, entries] of [
      ['/en/feeds/examples.xml', 5],
      ['/fr/feeds/objectives/3.xml', 1],
    ] as const) {
      const response = await fetch(site.stack.site + path);
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
    expect((await fetch(`${site.stack.site}/en/feeds/objectives/24.xml`)).status).toBe(404);
    const html = await (await fetch(`${site.stack.site}/es/booklet/objective-3/`)).text();
    expect(html).toMatch(/<link rel="alternate" type="application\/atom\+xml"[^>]+href="[^"]+\/es\/feeds\/objectives\/3\.xml"/);
    await page.close();
  });

  test('content pages ship no client JavaScript', async () => {
    let scriptBytes = 0;
    let scriptTags = 0;
    for (const lang of LANGS) {
      for (const route of ROUTES) {
        const page = await site.context.newPage();
        const scripts: string[] = [];
        page.on('response', (response) => {
          if (response.request().resourceType() === 'script') scripts.push(response.url());
        });
        const response = await page.goto(`${site.stack.site}/${lang}/${route}`);
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
    const page = await site.context.newPage();
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
        const page = await site.context.newPage();
        await page.goto(`${site.stack.site}/${lang}/${route}`);
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

  /** Links and controls under 24 × 24 px, except links inline in a run of text (WCAG 2.5.8 exempts them). */
  const smallTargets = (page: Page) =>
    page.evaluate(() => {
      const found: string[] = [];
      let measured = 0;
      const controls = document.querySelectorAll<HTMLElement>('a[href], button, input:not([type="hidden"]), select, textarea, summary, [tabindex]:not([tabindex="-1"])');
      for (const element of controls) {
        const box = element.getBoundingClientRect();
        const style = getComputedStyle(element);
        if (box.width === 0 || box.height === 0 || style.visibility === 'hidden' || element.closest('.visually-hidden')) continue;
        if (element.tagName === 'A' && style.display === 'inline') {
          const text = element.closest('p, li, dd, td, figcaption')?.textContent?.trim() ?? '';
          if (text.length > (element.textContent?.trim().length ?? 0)) continue;
        }
        measured += 1;
        if (box.width < 24 || box.height < 24) {
          found.push(`${element.tagName.toLowerCase()}.${element.className || '-'} "${(element.textContent ?? '').trim().slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`);
        }
      }
      return { measured, found };
    });

  test('every link and control on the library and objective pages is at least 24 × 24 px at 390px', async () => {
    const phone = await site.stack.browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const failures: string[] = [];
    for (const path of ['/en/examples/', '/fr/examples/?region=africa&objective=3', '/en/booklet/objective-3/', '/fr/booklet/objective-20/', '/en/search/?q=remittance']) {
      const { page } = await open(path, phone);
      const summary = page.locator('details.filter-panel > summary');
      if (await summary.count()) await summary.click();
      const { measured, found } = await smallTargets(page);
      expect(measured > 10, `${path}: ${measured} targets measured`).toBeTruthy();
      failures.push(...found.map((entry) => `${path}: ${entry}`));
      await page.close();
    }
    await phone.close();
    expect(failures).toEqual([]);
  });

  test('axe-core: no WCAG 2.2 A/AA violations on the library, search and reading pages at 390px and 1280px, in English and French', async () => {
    const failures: string[] = [];
    const paths = ['examples/', 'examples/?region=africa&objective=3&sort=newest', 'booklet/objective-3/', 'guide/six-step-process/', 'guide/six-step-process/step-2/', 'search/?q=migration'];
    for (const width of [390, 1280]) {
      const ctx = await site.stack.browser.newContext({ viewport: { width, height: width === 390 ? 844 : 800 } });
      for (const lang of ['en', 'fr']) {
        for (const path of paths) {
          const page = await ctx.newPage();
          await page.goto(`${site.stack.site}/${lang}/${path}`);
          const summary = page.locator('details.filter-panel > summary');
          if (width === 390 && (await summary.count())) await summary.click();
          const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
          expect(results.passes.length > 10, `axe ran on /${lang}/${path}`).toBeTruthy();
          for (const violation of results.violations) {
            failures.push(`${width}px /${lang}/${path}: ${violation.id} (${violation.nodes.length}) ${violation.help}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
          }
          await page.close();
        }
      }
      await ctx.close();
    }
    expect(failures).toEqual([]);
  });

  test('the page tree leaves examples out: examples resolve one by one, sitemaps and feeds read the read model', async () => {
    const tree = (await (await fetch(`${site.stack.backend}/api/v2/pages/?locale=en&limit=100&exclude_type=examples_library.ExamplePage`)).json()) as {
      items: { meta: { type: string } }[];
    };
    expect(tree.items.length > 30 && tree.items.every((item) => item.meta.type !== 'examples_library.ExamplePage')).toBeTruthy();
    const refused = await fetch(`${site.stack.backend}/api/v2/pages/?exclude_type=nope&locale=fr`);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { message: string }).message).toMatch(/^exclude_type : nope n'est pas un type de page/);
    for (const lang of LANGS) {
      const { page, status } = await open(`/${lang}/examples/demo-remittance-cost-comparison/`);
      expect(status, `example in ${lang}`).toBe(200);
      expect((await page.locator('h1').innerText()).length > 0).toBeTruthy();
      await expect(page.locator(`nav.breadcrumb a[href="/${lang}/examples/"]`), 'breadcrumb to the library').toHaveCount(1);
      await page.close();
      for (let i = 0; i < 3; i += 1) {
        expect((await fetch(`${site.stack.site}/${lang}/examples/no-such-example-${i}/`)).status, 'a missing example is a 404').toBe(404);
      }
    }
    // an objective page links its examples to pages that exist: each at its own address, in its language
    const { page } = await open('/fr/booklet/objective-20/');
    const link = page.locator('a[href$="/examples/demo-remittance-cost-comparison/"]').first();
    const href = await link.getAttribute('href');
    expect(href).toBe('/en/examples/demo-remittance-cost-comparison/');
    expect(await link.getAttribute('hreflang')).toBe('en');
    await page.close();
    expect((await fetch(site.stack.site + href)).status).toBe(200);
    // sitemaps: guidance from the tree, examples in chunks from the read model, hreflang kept
    const pages = await (await fetch(`${site.stack.site}/sitemaps/pages.xml`)).text();
    expect(pages.includes(`<loc>${site.stack.site}/fr/booklet/objective-23/</loc>`)).toBeTruthy();
    expect(pages.includes(`hreflang="es" href="${site.stack.site}/es/guide/six-step-process/step-6/"`)).toBeTruthy();
    expect(!pages.includes('demo-remittance-cost-comparison')).toBeTruthy();
    const chunk = await fetch(`${site.stack.site}/sitemaps/examples-1.xml`);
    expect(chunk.status).toBe(200);
    expect(chunk.headers.get('content-type') ?? '').toMatch(/xml/);
    const examples = await chunk.text();
    expect(examples).toMatch(new RegExp(`<url><loc>${site.stack.site}/en/examples/demo-remittance-cost-comparison/</loc><lastmod>\\d{4}-\\d{2}-\\d{2}</lastmod><xhtml:link rel="alternate" hreflang="en"`));
    expect(!examples.includes('/booklet/')).toBeTruthy();
    for (const missing of ['examples-2.xml', 'examples-0.xml', 'examples-x.xml']) {
      expect((await fetch(`${site.stack.site}/sitemaps/${missing}`)).status, missing).toBe(404);
    }
    const sitemap = await (await fetch(`${site.stack.site}/sitemap.xml`)).text();
    expect(sitemap.includes('<urlset') && sitemap.includes('demo-remittance-cost-comparison'), 'the demo fits in one sitemap').toBeTruthy();
    // feeds: publication dates from the read model, not 1970
    const feed = await (await fetch(`${site.stack.site}/en/feeds/examples.xml`)).text();
    const published = [...feed.matchAll(/<published>([^<]+)<\/published>/g)].map((match) => match[1] ?? '');
    expect(published.length >= 5 && published.every((date) => !date.startsWith('1970')), published.join(', ')).toBeTruthy();
  });
});

