/**
 * One library in every language (issue 14), end to end with the task worker as in production: an example
 * written in Spanish and published is listed in the English and French libraries, on its objective's page and
 * in site search, in Spanish with a language badge, and every link to it reaches its page.
 */
import { axe, type Stack, expect, test } from './fixtures.ts';

let stack: Stack;
const TITLE = `Registro de personas migrantes desaparecidas ${Date.now()}`;
const OBJECTIVE = 8;

/** Publish an example written in Spanish (an original, not a translation) as the admin or an import would. */
function publishSpanishExample(): string {
  const code = `
from examples_library.models import Country, ExamplePage, ExamplesIndexPage
from guidance_pages.models import Objective
index = ExamplesIndexPage.objects.get(locale__language_code="es")
country = Country.objects.get(locale=index.locale, iso2="MX")
page = ExamplePage(title=${JSON.stringify(TITLE)}, slug="registro-desaparecidas-e2e", summary="Un registro nacional.",
    kind="practice", primary_objective=Objective.objects.get(locale=index.locale, number=${OBJECTIVE}), country=country,
    region=country.region, subregion=country.subregion, start_year=2019, locale=index.locale, submission_language="es")
index.add_child(instance=page)
page.save_revision().publish()
print(page.pk)`;
  return stack.manage(['shell', '--no-imports', '-c', code]).trim();
}

async function body(path: string): Promise<string> {
  const response = await fetch(stack.site + path).catch(() => fetch(stack.site + path));
  expect(response.status, path).toBe(200);
  return response.text();
}

test.describe('one library in every language', () => {
  test.beforeAll(({ stack: started }) => {
    stack = started;
  });

  test('a Spanish example is listed, linked and found in English and French, without JavaScript', async ({ browser }) => {
    publishSpanishExample();
    const own = '/es/examples/registro-desaparecidas-e2e/';
    // the worker syncs the read model and purges the cached pages
    await expect.poll(async () => (await body('/en/examples/?sort=newest')).includes(TITLE), { timeout: 30_000 }).toBe(true);
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    for (const lang of ['en', 'fr']) {
      await page.goto(`${stack.site}/${lang}/examples/?sort=newest`);
      const link = page.getByRole('link', { name: TITLE });
      await expect(link).toHaveAttribute('href', own);
      await expect(link).toHaveAttribute('hreflang', 'es');
      await expect(page.locator('li', { has: link }).locator('.lang-badge')).toContainText('Español');
      const filtered = await body(`/${lang}/examples/?objective=${OBJECTIVE}`);
      expect(filtered).toContain(TITLE);
      const found = await body(`/${lang}/search/?q=${encodeURIComponent('desaparecidas')}`);
      expect(found).toContain(TITLE);
    }
    // the objective's page reads the same library, and links the example where it lives
    await page.goto(`${stack.site}/en/booklet/objective-${OBJECTIVE}/`);
    await expect(page.getByRole('link', { name: TITLE })).toHaveAttribute('href', own);
    await page.getByRole('link', { name: TITLE }).click();
    await expect(page).toHaveURL(stack.site + own);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(TITLE);
    // the switcher never leads to an address that does not exist
    for (const href of await page.locator('.lang-switcher a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))) {
      expect((await fetch(stack.site + href)).status, `switcher link ${href}`).toBe(200);
    }
    await context.close();

    const checked = await browser.newContext();
    const failures: string[] = [];
    const axePage = await checked.newPage();
    await axePage.goto(`${stack.site}/fr/examples/?sort=newest`);
    await axe(axePage, '/fr/examples/ with a Spanish example', failures);
    expect(failures).toEqual([]);
    await checked.close();
  });
});
