/**
 * The Champions and pilots pages (issue 15) with JavaScript off: the list names the demo Champion (Mexico) in the
 * reader's language with its roles and its pilot (steps, status); the country's page shows the pilot's findings and
 * the example it produced, whose link answers 200; no script; axe-core (in a JavaScript context, since axe runs in
 * the page) finds nothing.
 */
import { axe, clickAndLoad, expect, present, test } from './fixtures.ts';
import { siteContext } from './site-context.ts';

const EXPECTED = {
  en: { country: 'Mexico', role: 'Tester piloting the guidance', status: 'Completed', findings: 'Mapping the actors first', steps: 'Step 1, Step 2, and Step 3' },
  fr: { country: 'Mexique', role: 'Testeur pilotant les orientations', status: 'Terminé', findings: "Cartographier d'abord les acteurs", steps: 'Étape 1, Étape 2 et Étape 3' },
} as const;
const EXAMPLE = 'A national labour migration data platform (demo)';

test.describe('Champions and pilots', () => {
  const site = siteContext();

  for (const lang of ['en', 'fr'] as const) {
    const expected = EXPECTED[lang];
    test(`/${lang}/champions/ without JavaScript: the demo Champion, its pilot and the pilot's example`, async () => {
      const noJs = await site.stack.browser.newContext({ javaScriptEnabled: false });
      const page = await noJs.newPage();
      const scripts: string[] = [];
      page.on('request', (request) => {
        if (request.resourceType() === 'script') scripts.push(request.url());
      });
      const response = await page.goto(`${site.stack.site}/${lang}/champions/`);
      expect(response?.status()).toBe(200);
      expect((await response?.text())?.match(/<script\b/gi) ?? []).toHaveLength(0);
      const mexico = page.locator('li.champion[data-code="MX"]');
      await expect(mexico.locator('h2')).toHaveText(expected.country);
      await expect(mexico.locator('.champion-roles')).toContainText(expected.role);
      await expect(mexico.locator('.pilot .pilot-status')).toHaveText(expected.status);
      await expect(mexico.locator('.pilot .pilot-facts')).toContainText(expected.steps);

      await clickAndLoad(page, mexico.locator('h2 a'));
      expect(new URL(page.url()).pathname).toBe(`/${lang}/champions/mx/`);
      await expect(page.locator('h1')).toHaveText(expected.country);
      const pilot = page.locator('li.pilot');
      await expect(pilot).toHaveCount(1);
      await expect(pilot.locator('.pilot-findings')).toContainText(expected.findings);
      await expect(pilot.locator('.pilot-status')).toHaveText(expected.status);
      const example = pilot.locator('.pilot-examples a');
      await expect(example).toHaveText(EXAMPLE);
      // The example is English only: a French reader is told its language.
      await expect(example).toHaveAttribute('hreflang', 'en');
      const href = await example.getAttribute('href');
      present(href);
      expect(href).toBe(`/${lang}/examples/demo-labour-migration-data-platform/`);
      const opened = await page.request.get(`${site.stack.site}${href}`);
      expect(opened.status()).toBe(200);
      await clickAndLoad(page, example);
      await expect(page.locator('h1')).toHaveText(EXAMPLE);
      expect(scripts).toEqual([]);
      await noJs.close();
    });
  }

  test('an unknown country is a 404 page, a code that is no country code a 400 page that says why', async () => {
    const page = await site.context.newPage();
    expect((await page.goto(`${site.stack.site}/en/champions/zz/`))?.status()).toBe(404);
    expect((await page.goto(`${site.stack.site}/fr/champions/x1/`))?.status()).toBe(400);
    await expect(page.locator('main')).toContainText("x1 n'est pas un code de pays");
    await page.close();
  });

  test('axe finds nothing on the Champions pages', async () => {
    const page = await site.context.newPage();
    const failures: string[] = [];
    for (const path of ['en/champions/', 'fr/champions/', 'es/champions/mx/', 'fr/champions/mx/']) {
      expect((await page.goto(`${site.stack.site}/${path}`))?.status()).toBe(200);
      await axe(page, path, failures);
    }
    expect(failures).toEqual([]);
    await page.close();
  });
});
