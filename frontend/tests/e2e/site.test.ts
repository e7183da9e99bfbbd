/**
 * End to end, against the real backend with the demo content: browsing in each language, switching language,
 * security headers, 404 and refused input, sitemap and robots, the one-origin proxy. The reading side (no
 * JavaScript, search, feeds, no client script, axe-core on every route) is site-reading.test.ts.
 */
import type { BrowserContext } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { LANGS, NOTES, open as openIn, siteContext } from './site-context.ts';

test.describe('public site', () => {
  const site = siteContext();
  const open = (path: string, ctx?: BrowserContext) => openIn(site, path, ctx);

  test('/ redirects by Accept-Language', async () => {
    for (const [header, lang] of [
      ['fr-CH,fr;q=0.9', 'fr'],
      ['es', 'es'],
      ['de-DE', 'en'],
    ] as const) {
      const response = await fetch(`${site.stack.site}/`, { headers: { 'accept-language': header }, redirect: 'manual' });
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
      // the demo guidance is translated: no fallback note, content in the reader's language; its placeholder
      // paragraphs stay in English, which the staleness notice says (issue 13), never on English pages
      await expect(page.locator('.notice:not(.stale-notice)')).toHaveCount(0);
      await expect(page.locator('.stale-notice')).toHaveCount(lang === 'en' ? 0 : 1);
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
      // French puts a no-break space before the colon (issue 17)
      expect(h1).toMatch(new RegExp(`^${word} 3${lang === 'fr' ? '\u00A0' : ''}:`));
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
      const page = await site.stack.browser.newPage();
      const response = await page.goto(`${site.stack.site}/${lang}/guide/guiding-principles/`);
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
    const other = await (await fetch(`${site.stack.site}/en/guide/six-step-process/`)).text();
    expect(other).not.toMatch(/principles-title/);
  });

  test('redirects carry the security headers; HSTS and Permissions-Policy when served over https', async () => {
    // the 303 to the sign-in page; a proxy in front of the production site says https in X-Forwarded-Proto
    const redirect = await fetch(`${site.stack.site}/en/submit/`, { redirect: 'manual', headers: { 'x-forwarded-proto': 'https' } });
    expect(redirect.status).toBe(303);
    expect(redirect.headers.get('content-security-policy') ?? '').toMatch(/frame-ancestors 'none'/);
    expect(redirect.headers.get('x-frame-options')).toBe('DENY');
    expect(redirect.headers.get('permissions-policy') ?? '').toMatch(/camera=\(\)/);
    expect(redirect.headers.get('strict-transport-security') ?? '').toMatch(/^max-age=31536000/);
    const plain = await fetch(`${site.stack.site}/en/booklet/objective-3/`);
    expect(plain.headers.get('permissions-policy') ?? '').toMatch(/geolocation=\(\)/);
    expect(plain.headers.get('strict-transport-security'), 'plain http: no HSTS').toBe(null);
  });

  test('HTML pages forbid scripts and framing; the breadcrumb marks the current page', async () => {
    const response = await fetch(`${site.stack.site}/en/booklet/objective-3/`);
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

  test('the library on a phone, without JavaScript: the first result on the first screen, the filters in a disclosure', async () => {
    const phone = await site.stack.browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const { page } = await open('/en/examples/', phone);
    const first = page.locator('.result-list > li').first();
    await expect(first).toBeVisible();
    const box = await first.locator('h3').boundingBox();
    expect(box, 'the first result is laid out').not.toBeNull();
    expect(box!.y + box!.height, `the first result's title ends at ${box!.y + box!.height}px of 844`).toBeLessThan(844);
    const africa = page.locator('input[name="region"][value="africa"]');
    await expect(africa, 'the facets start folded').toBeHidden();
    await page.locator('details.filter-panel > summary').click();
    await expect(africa, 'the disclosure opens without JavaScript').toBeVisible();
    await africa.check();
    await page.locator('.filter-panel-body button[type="submit"]').click();
    await page.waitForURL(/region=africa/);
    await expect(page.locator('#results-title')).toHaveText(/^\s*2(?!\d)/, { useInnerText: true });
    await page.close();
    // wide screens show the facets beside the results, without opening anything
    const wide = await site.stack.browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });
    const { page: desk } = await open('/en/examples/', wide);
    await expect(desk.locator('input[name="region"][value="africa"]')).toBeVisible();
    const [form, results] = await Promise.all([desk.locator('form.filters').boundingBox(), desk.locator('section.results').boundingBox()]);
    expect(form!.x + form!.width <= results!.x, 'the facets are beside the results').toBeTruthy();
    await desk.close();
    await wide.close();
    await phone.close();
  });

  test('active filters are chips: each removes its own filter and keeps the others', async () => {
    const noJs = await site.stack.browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const { page } = await open('/en/examples/?region=africa&objective=3&sort=title', noJs);
    await expect(page.locator('#results-title')).toHaveText(/^\s*1(?!\d)/, { useInnerText: true });
    const chips = page.locator('.active-filters a.chip');
    await expect(chips).toHaveCount(2);
    await expect(page.locator('.filter-panel > summary')).toContainText('(2 active)', { useInnerText: true });
    const objectiveChip = chips.filter({ hasText: 'GCM objective' });
    await expect(objectiveChip, 'the chip is named for what it does').toHaveAccessibleName(/^Remove filter: GCM objective: 3\. /);
    await objectiveChip.click();
    await page.waitForURL((url) => !url.searchParams.has('objective'));
    const url = new URL(page.url());
    expect(url.searchParams.getAll('region')).toEqual(['africa']);
    expect(url.searchParams.get('sort'), 'the sort is kept').toBe('title');
    await expect(page.locator('#results-title')).toHaveText(/^\s*2(?!\d)/, { useInnerText: true });
    await expect(chips).toHaveCount(1);
    await expect(page.locator('input[name="region"][value="africa"]')).toBeChecked();
    await expect(page.locator('input[name="objective"][value="3"]')).not.toBeChecked();
    await chips.first().click();
    await page.waitForURL((url) => !url.searchParams.has('region'));
    await expect(page.locator('#results-title')).toHaveText(/^\s*5(?!\d)/, { useInnerText: true });
    await expect(page.locator('.active-filters')).toHaveCount(0);
    await noJs.close();
  });

  test('the language switcher keeps the library\'s filters and the search words', async () => {
    const { page } = await open('/en/examples/?region=africa&objective=3&page=1');
    const french = page.locator('nav.lang-switcher a[hreflang="fr"]');
    await expect(french).toHaveAttribute('href', '/fr/examples/?objective=3&region=africa');
    await french.click();
    await expect(page).toHaveURL((url) => url.pathname === '/fr/examples/' && url.searchParams.get('region') === 'africa');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.locator('input[name="objective"][value="3"]')).toBeChecked();
    await expect(page.locator('input[name="region"][value="africa"]')).toBeChecked();
    await expect(page.locator('.active-filters a.chip')).toHaveCount(2);
    const canonical = await page.locator('link[rel="alternate"][hreflang="en"]').getAttribute('href');
    expect(canonical?.endsWith('/en/examples/'), `hreflang stays the page's own address: ${canonical}`).toBeTruthy();
    const { page: search } = await open('/en/search/?q=remittance');
    await expect(search.locator('nav.lang-switcher a[hreflang="es"]')).toHaveAttribute('href', '/es/search/?q=remittance');
    await search.close();
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
      const refused = await fetch(site.stack.site + api);
      expect(refused.status, api).toBe(422);
      const { detail } = (await refused.json()) as { detail: string };
      const { page, status } = await open(path);
      expect(status, path).toBe(400);
      await expect(page.locator('h1'), path).toHaveText(title, { useInnerText: true });
      await expect(page.locator('.refusal'), path).toHaveText(detail, { useInnerText: true });
      expect((await fetch(site.stack.site + path)).statusText, `${path}: the reason phrase matches`).toBe('Bad Request');
      await page.close();
    }
  });

  test('sitemap.xml and robots.txt', async () => {
    const sitemap = await fetch(`${site.stack.site}/sitemap.xml`);
    expect(sitemap.status).toBe(200);
    expect(sitemap.headers.get('content-type') ?? '').toMatch(/xml/);
    const xml = await sitemap.text();
    expect(xml.includes(`<loc>${site.stack.site}/en/examples/demo-remittance-cost-comparison/</loc>`), 'example pages are listed').toBeTruthy();
    expect(xml.includes(`<loc>${site.stack.site}/en/booklet/objective-23/</loc>`)).toBeTruthy();
    expect(xml.includes(`<loc>${site.stack.site}/en/guide/six-step-process/step-6/</loc>`)).toBeTruthy();
    expect((xml.match(/<url>/g) ?? []).length >= 35).toBe(true);
    const robots = await (await fetch(`${site.stack.site}/robots.txt`)).text();
    expect(robots.includes(`Sitemap: ${site.stack.site}/sitemap.xml`)).toBeTruthy();
  });

  test('one origin: /api/, /documents/ and /media/ are proxied to Django with Cache-Control', async () => {
    const response = await fetch(`${site.stack.site}/api/v1/objectives/3/?locale=es`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control') ?? '').toMatch(/max-age=/);
    const body = (await response.json()) as { number: number; locale: string };
    expect(body.number).toBe(3);
    expect(body.locale).toBe('es');
    const missing = await fetch(`${site.stack.site}/api/v1/objectives/99/`);
    expect(missing.status).toBe(422);
    expect(missing.headers.get('cache-control')).toBe('no-store');
    for (const path of ['/documents/9999/missing.pdf', '/media/missing.png']) {
      const proxied = await fetch(site.stack.site + path);
      expect(proxied.status, `${path} answered by Django through the proxy`).toBe(404);
      expect(proxied.headers.get('cache-control')).toBe('no-store');
    }
  });

});
