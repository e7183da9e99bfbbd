/**
 * End to end, the guidance on paper and cited by paragraph (issue 19): an objective page printed with Chromium's
 * print emulation and as a real PDF (headless Chromium's page.pdf(), its text read back with pypdf) has its text
 * and paragraph numbers but no navigation, search box, language switcher or skip link, and prints the full
 * address of the site's own links; paragraph anchors (#para-1.1) exist and carry the same numbers in French;
 * the changed pages pass axe with JavaScript off; and the edition PDFs are linked once they have been rendered.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { axe, expect, present, test } from './fixtures.ts';
import { LANGS, open as openIn, siteContext } from './site-context.ts';
import { PYTHON, ROOT, run } from './stack.ts';

const OBJECTIVE = '/en/booklet/objective-1/';

/** The text of a PDF in reading order, by pypdf (a dependency of the backend already). */
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'gcm-print-'));
  try {
    const file = join(dir, 'page.pdf');
    writeFileSync(file, pdf);
    const script = 'import sys, pypdf\nprint("\\n".join(page.extract_text() for page in pypdf.PdfReader(sys.argv[1]).pages))';
    return run(PYTHON, ['-c', script, file], process.env, ROOT);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The paragraph numbers on a page, in order, as their anchors and their visible "¶ n" links give them. */
async function paragraphNumbers(page: Page): Promise<{ ids: string[]; links: string[] }> {
  const ids = await page.locator('.para').evaluateAll((nodes) => nodes.map((node) => node.id));
  const links = await page.locator('.para > a.para-number').evaluateAll((nodes) => nodes.map((node) => `${node.getAttribute('href')} ${node.textContent}`));
  return { ids, links };
}

test.describe('print and paragraph numbers', () => {
  const site = siteContext();
  let noJs: BrowserContext;
  test.beforeAll(async () => {
    noJs = await site.stack.browser.newContext({ javaScriptEnabled: false });
  });
  test.afterAll(async () => {
    await noJs.close();
  });
  const open = (path: string, ctx: BrowserContext = noJs) => openIn(site, path, ctx);

  test('an objective page printed: no navigation, search, language switcher or skip link; the paragraph numbers and full link addresses', async () => {
    const { page, status } = await open(OBJECTIVE);
    expect(status).toBe(200);
    const header = page.locator('header.site-header');
    const hidden = [
      header.getByRole('navigation', { name: 'Main navigation' }),
      header.getByRole('search'),
      header.locator('.lang-switcher'),
      page.locator('.skip-link'),
      page.locator('.footer-nav'),
    ];
    const numbers = page.locator('.para-number');
    // on screen first, so that "not visible in print" is the print stylesheet's doing
    for (const element of hidden.slice(0, 3)) await expect(element).toBeVisible();
    await expect(numbers.first()).toBeVisible();
    await page.emulateMedia({ media: 'print' });
    for (const element of hidden) await expect(element).toBeHidden();
    await expect(page.locator('main h1')).toBeVisible();
    expect(await numbers.count()).toBeGreaterThan(1);
    await expect(numbers.first()).toBeVisible();
    await expect(numbers.first()).toHaveText(/^¶\s*1\.1$/);
    // boxes are kept whole on a page
    const box = page.locator('.callout, .practical').first();
    if ((await box.count()) > 0) expect(await box.evaluate((node) => getComputedStyle(node).breakInside)).toBe('avoid');

    // a real PDF from headless Chromium, read back as text
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.length).toBeGreaterThan(5_000);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    // compared without spaces: a line break in the PDF reads back as one ("evidence- based")
    const squeezed = text.replace(/\s/g, '');
    expect(squeezed).toContain((await page.locator('main h1').innerText()).replace(/\s/g, ''));
    expect(text).toMatch(/¶ ?1\.1/);
    expect(text).toMatch(/¶ ?1\.2/);
    // the header's links and button, the language switcher, the skip link and the footer's links
    for (const absent of ['Skip to main content', 'Discussions', 'Account', 'Search', 'Français', 'Español', 'Editions', 'Latest changes']) {
      expect(text, `"${absent}" printed`).not.toContain(absent);
    }
    // the site's own links print their full address (the origin from /print-origin.css, then the path)
    const internal = await page.locator('main a[href^="/"]:not(.para-number)').first().getAttribute('href');
    present(internal, 'the objective page links to another page of the site');
    expect(squeezed).toContain(`(${site.stack.site}${internal})`);
    await page.close();
  });

  test('the print origin stylesheet names the site and is allowed by the content security policy', async () => {
    const response = await fetch(`${site.stack.site}/print-origin.css`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/css');
    expect(await response.text()).toBe(`:root { --site-origin: "${site.stack.site}"; }\n`);
    const { page } = await open(OBJECTIVE, site.context);
    await expect(page.locator('link[rel="stylesheet"][media="print"][href="/print-origin.css"]')).toHaveCount(1);
    // loaded and applied in print (a stylesheet the policy refused would leave the property unset)
    await page.emulateMedia({ media: 'print' });
    const origin = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--site-origin').trim());
    expect(origin).toBe(`"${site.stack.site}"`);
    await page.close();
  });

  test('paragraph anchors: #para-1.1 exists, its link points at itself, and the French page has the same numbers', async () => {
    const { page } = await open(`${OBJECTIVE}#para-1.1`);
    const target = page.locator('[id="para-1.1"]');
    await expect(target).toHaveCount(1);
    await expect(target.locator('> a.para-number')).toHaveAttribute('href', '#para-1.1');
    await expect(target.getByRole('link', { name: 'Paragraph 1.1' })).toBeVisible();
    // the address's fragment scrolls the paragraph into view, with no script
    await expect(target).toBeInViewport();
    const english = await paragraphNumbers(page);
    expect(english.ids.slice(0, 2)).toEqual(['para-1.1', 'para-1.2']);
    // heading anchors are untouched
    expect(await page.locator('main h2[id]').count()).toBeGreaterThan(0);

    const frenchHref = await page.locator('.lang-switcher a[hreflang="fr"]').getAttribute('href');
    present(frenchHref, 'the language switcher links to the French objective page');
    const { page: french } = await open(frenchHref);
    const frenchNumbers = await paragraphNumbers(french);
    expect(frenchNumbers.ids).toEqual(english.ids);
    expect(frenchNumbers.links).toEqual(english.links);
    await expect(french.locator('[id="para-1.1"]').getByRole('link', { name: 'Paragraphe 1.1' })).toBeVisible();
    await page.close();
    await french.close();
  });

  test('a chapter under discussion keeps its discussion anchors around the numbered paragraphs; in print, no form or button', async () => {
    // the demo's discussion is about the Guide's chapters: each block in its block-<id> anchor, the number inside
    const { page } = await open('/en/guide/the-gcm-and-its-vision/');
    const numbered = page.locator('.block[id^="block-"] > .para[id^="para-C"]');
    expect(await numbered.count()).toBeGreaterThan(0);
    const first = numbered.first();
    const number = (await first.getAttribute('id'))?.slice('para-'.length);
    await expect(first.locator('> a.para-number')).toHaveText(`¶ ${number}`);
    // printed: the discussion's threads stay, what asks the reader to act does not (here: sign in to take part)
    const discussion = page.locator('#discussion');
    await expect(discussion).toHaveCount(1);
    const controls = page.locator('main form, main button, #discussion .take-part');
    expect(await controls.count()).toBeGreaterThan(0);
    await expect(controls.first()).toBeVisible();
    await page.emulateMedia({ media: 'print' });
    for (const control of await controls.all()) await expect(control).toBeHidden();
    await expect(discussion.locator('h2')).toBeVisible();
    await expect(first.locator('> a.para-number')).toBeVisible();
    await page.close();
  });

  test('axe finds nothing on the numbered pages and the edition page, on screen and in print; they ship no script', async () => {
    // axe runs in the page, so in a context with JavaScript on; the pages carry no script, so what it checks is
    // what a reader without JavaScript gets (the script count below holds that)
    const failures: string[] = [];
    let scripts = 0;
    for (const lang of LANGS) {
      for (const path of [`/${lang}/booklet/objective-1/`, `/${lang}/guide/the-gcm-and-its-vision/`, `/${lang}/guide/six-step-process/step-2/`, `/${lang}/editions/2/`]) {
        const { page, status } = await open(path, site.context);
        expect(status, path).toBe(200);
        scripts += (await page.content()).match(/<script\b/gi)?.length ?? 0;
        if (!path.includes('/editions/')) expect(await page.locator('.para-number').count(), `${path} numbers its paragraphs`).toBeGreaterThan(0);
        await axe(page, path, failures);
        await page.emulateMedia({ media: 'print' });
        await axe(page, `${path} (print)`, failures);
        await page.close();
      }
    }
    expect(failures).toEqual([]);
    expect(scripts).toBe(0);
  });
  // The download links once the worker has rendered an edition's PDFs: freshness-editions.test.ts (that stack runs it).

});
