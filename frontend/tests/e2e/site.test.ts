/**
 * End to end, against the real backend with the demo content: browsing in each language, switching language,
 * 404, sitemap, reading without JavaScript, no client JavaScript on content pages, and axe-core (WCAG 2.1
 * A/AA) on every route in every language.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { startStack, type Stack } from './harness.ts';

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
];
const STEP_2 = { en: 'Step 2', fr: 'Étape 2', es: 'Paso 2' } as const;

let stack: Stack;
let context: BrowserContext;

async function open(path: string, ctx: BrowserContext = context): Promise<{ page: Page; status: number }> {
  const page = await ctx.newPage();
  const response = await page.goto(stack.site + path, { waitUntil: 'load' });
  return { page, status: response?.status() ?? 0 };
}

describe('public site', { timeout: 240_000 }, () => {
  before(async () => {
    const started = Date.now();
    stack = await startStack();
    context = await stack.browser.newContext();
    console.log(`# stack ready in ${Date.now() - started} ms (Django ${stack.backend}, site ${stack.site})`);
  });
  after(async () => {
    await context?.close();
    await stack?.stop();
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
      // The demo translates the whole guidance tree through wagtail-localize: no English fallback note.
      assert.equal(await page.locator('h1').innerText(), STEP_2[lang]);
      assert.ok(await page.locator('a[rel="next"][href$="/step-3/"]').isVisible());
      assert.equal(await page.locator('.notice').count(), 0);
      await page.close();
    });

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
    assert.equal(await page.locator('.notice').count(), 0); // a real French page, not the English fallback
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

  test('sitemap.xml and robots.txt', async () => {
    const sitemap = await fetch(`${stack.site}/sitemap.xml`);
    assert.equal(sitemap.status, 200);
    assert.match(sitemap.headers.get('content-type') ?? '', /xml/);
    const xml = await sitemap.text();
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
    for (const path of ['/fr/booklet/', '/en/guide/six-step-process/step-2/', '/es/booklet/objective-3/']) {
      await overflow.goto(stack.site + path);
      const width = await overflow.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 320, `${path} is ${width}px wide at 320px`);
    }
    await noJs.close();
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
});
