/**
 * The living document from the editor's desk to the reader, on the stack with the task worker and the page cache
 * (as in production): an editor publishes a substantive change with a note in the Wagtail admin, then a new
 * edition; readers with JavaScript off see the note on the page, in its history, the changed words in the diff,
 * the edition's page and the page as it stood in edition 1, in English, French and Spanish; the French and
 * Spanish pages say at once that they fell behind English. axe finds nothing on any of them.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { axe, clickAndLoad, expect, present, test, type Stack } from './fixtures.ts';

const PASSWORD = 'gcm-demo-password';
const LANGS = ['en', 'fr', 'es'] as const;
let stack: Stack;

interface Listing {
  items: {
    id: number;
    title: string;
    objective?: { number: number };
    meta: { html_url: string | null; locale?: string };
  }[];
}

interface Versions {
  items: { id: number; kind: string; note: string; editions: number[] }[];
}

async function json<T>(path: string): Promise<T> {
  const response = await fetch(stack.backend + path).catch(() => fetch(stack.backend + path));
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

/** The path below the language's home of a page's frontend URL, e.g. "booklet/objective-5". */
function below(htmlUrl: string | null): string {
  present(htmlUrl, 'the page has a URL');
  return new URL(htmlUrl).pathname.split('/').filter(Boolean).slice(1).join('/');
}

type Lang = (typeof LANGS)[number];
interface PageInfo {
  id: number;
  title: string;
  below: string;
}

/** The objective page of objective `number` in each language: id, title and path below home. */
async function objectivePages(number: number): Promise<Record<Lang, PageInfo>> {
  const pages = {} as Record<Lang, PageInfo>;
  for (const lang of LANGS) {
    const listing = await json<Listing>(`/api/v2/pages/?type=guidance_pages.ObjectivePage&locale=${lang}&fields=objective&limit=50`);
    const item = listing.items.find((entry) => entry.objective?.number === number);
    present(item, `objective ${number} has a ${lang} page`);
    pages[lang] = { id: item.id, title: item.title, below: below(item.meta.html_url) };
  }
  return pages;
}

async function html(path: string): Promise<string> {
  const response = await fetch(stack.site + path).catch(() => fetch(stack.site + path));
  expect(response.status, path).toBe(200);
  return response.text();
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  await expect.poll(check, { message: what, timeout: timeoutMs, intervals: [250] }).toBe(true);
}

async function adminSignIn(page: Page): Promise<void> {
  await page.goto(`${stack.backend}/admin/login/`);
  await page.fill('#id_username', 'editor');
  await page.fill('#id_password', PASSWORD);
  await clickAndLoad(page, 'button[type="submit"]');
  await expect(page).not.toHaveURL(/login/);
}

test.describe('an editor publishes a change and an edition; readers follow it', () => {
  test.beforeAll(({ stack: started }) => {
    stack = started;
  });

  test('the note, the history, the diff, the new edition and edition 1, in three languages, JavaScript off', async () => {
    const number = 5;
    const pages = await objectivePages(number);
    const english = pages.en;
    const original = await json<{ summary: string }>(`/api/v2/pages/${english.id}/`);
    // Warm the page cache: what readers see next must come from the purge, not from a cold cache.
    for (const lang of LANGS) await html(`/${lang}/${pages[lang].below}/`);

    const stamp = Date.now().toString(36);
    const note = `Consular protection added to the summary (${stamp}).`;
    const added = `Consular protection reaches every migrant abroad ${stamp}.`;

    const editor = await stack.browser.newContext();
    const admin = await editor.newPage();
    await adminSignIn(admin);
    await admin.goto(`${stack.backend}/admin/pages/${english.id}/edit/`);
    await admin.fill('#id_summary', `${original.summary} ${added}`);
    // Publishing without saying what kind of change this is, is refused with a message.
    await admin.locator('footer [data-w-dropdown-target="toggle"], footer .dropdown-toggle').first().click();
    await clickAndLoad(admin, admin.locator('button[name="action-publish"]'));
    await expect(admin.getByText('The page could not be saved due to validation errors.')).toBeVisible();
    await expect(admin.getByText('Say what kind of change this is')).toBeVisible();
    await admin.getByLabel('Substantive change (with a public change note)').check();
    await admin.fill('#id_change_note', note);
    await admin.locator('footer [data-w-dropdown-target="toggle"], footer .dropdown-toggle').first().click();
    await clickAndLoad(admin, admin.locator('button[name="action-publish"]'));
    await expect(admin.locator('.messages')).toContainText(english.title);

    // A new edition, numbered after the demo's two, published from the editions admin.
    const editions = await json<{ items: { number: number }[] }>('/api/v1/editions/?limit=50');
    const next = Math.max(...editions.items.map((edition) => edition.number)) + 1;
    await admin.goto(`${stack.backend}/admin/snippets/guidance_pages/edition/add/`);
    await admin.fill('#id_number', String(next));
    await admin.fill('#id_name', `Edition ${next} (${stamp})`);
    // the date as an editor picks it: a day in the picker (which then closes; it covers the footer while open)
    await admin.locator('#id_date').click();
    const picker = admin.locator('.xdsoft_datetimepicker').filter({ visible: true });
    await picker.locator('td.xdsoft_date:not(.xdsoft_other_month)[data-date="15"]').click();
    await expect(picker).toHaveCount(0);
    await expect(admin.locator('#id_date')).not.toHaveValue('');
    const save = admin.getByRole('navigation', { name: 'Actions (footer)' }).getByRole('button', { name: 'Save' });
    await Promise.all([admin.waitForEvent('load'), save.click({ timeout: 20_000 })]);
    await admin.goto(`${stack.backend}/admin/snippets/guidance_pages/edition/`);
    await clickAndLoad(admin, admin.getByRole('row').filter({ hasText: `(${stamp})` }).getByRole('link', { name: 'Publish edition' }));
    await clickAndLoad(admin, admin.getByRole('button', { name: 'Yes, publish this edition' }));
    await expect(admin.locator('.messages')).toContainText(String(next));
    await editor.close();

    const history = await json<Versions>(`/api/v1/pages/${english.id}/history/`);
    const version = history.items[0];
    present(version, 'the page has public versions');
    expect(version.note).toBe(note);
    expect(version.editions).toContain(next);

    const reader: BrowserContext = await stack.browser.newContext({ javaScriptEnabled: false });
    const axeContext: BrowserContext = await stack.browser.newContext();
    const failures: string[] = [];
    const visit = async (path: string): Promise<Page> => {
      const page = await reader.newPage();
      const response = await page.goto(stack.site + path);
      expect(response?.status(), path).toBe(200);
      const checked = await axeContext.newPage();
      await checked.goto(stack.site + path);
      await axe(checked, path, failures);
      await checked.close();
      return page;
    };
    try {
      const path = `/en/${english.below}/`;
      await until('the English page shows the change note', async () => (await html(path)).includes(note));
      const page = await visit(path);
      await expect(page.locator('main')).toContainText(note);
      // the summary is the page's description (listings, search results, link previews)
      await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', new RegExp(added.replace(/[.()]/g, '\\$&')));
      await page.close();

      const historyPage = await visit(`/en/history/${english.below}/`);
      await expect(historyPage.locator('main')).toContainText(note);
      await historyPage.close();

      const diff = await visit(`/en/diff/${english.below}/?to=${version.id}`);
      await expect(diff.locator('main ins').filter({ hasText: 'Consular' }).first()).toBeVisible();
      await diff.close();

      const pointInTime = await visit(`/en/editions/1/${english.below}/`);
      await expect(pointInTime.locator('main .summary')).toHaveText(original.summary);
      await expect(pointInTime.locator('.point-in-time')).toBeVisible();
      await pointInTime.close();

      for (const lang of LANGS) {
        const editionPage = await visit(`/${lang}/editions/${next}/`);
        await expect(editionPage.locator('main')).toContainText(`(${stamp})`);
        await editionPage.close();
        // the edition fixed every language's page, changed or not
        const fixed = await visit(`/${lang}/editions/${next}/${pages[lang].below}/`);
        await expect(fixed.locator('h1')).toHaveText(pages[lang].title);
        await expect(fixed.locator('.point-in-time')).toBeVisible();
        await fixed.close();
      }
      // The English edition page lists the page it changed with its change note.
      const englishEdition = await visit(`/en/editions/${next}/`);
      await expect(englishEdition.locator('main')).toContainText(english.title);
      await expect(englishEdition.locator('main')).toContainText(note);
      await englishEdition.close();

      for (const lang of ['fr', 'es'] as const) {
        const translated = `/${lang}/${pages[lang].below}/`;
        // No sync was run: the substantive English change alone puts the translation behind, on the next render.
        await until(`the ${lang} page says it is behind English`, async () => (await html(translated)).includes('stale-notice'));
        const stale = await visit(translated);
        const notice = stale.locator('.stale-notice');
        await expect(notice.locator(`a[href="/en/${english.below}/"]`)).toHaveCount(1);
        await expect(notice.locator(`a[href^="/en/diff/${english.below}/"]`)).toHaveCount(1);
        await stale.close();
        const status = await json<{ stale_translation: { status: string } | null }>(`/api/v2/pages/${pages[lang].id}/`);
        expect(status.stale_translation?.status, `${lang} is outdated, not only partly translated`).toBe('outdated');

        const translatedHistory = await visit(`/${lang}/history/${pages[lang].below}/`);
        await expect(translatedHistory.locator('h1')).toContainText(pages[lang].title);
        await translatedHistory.close();
        const translatedPast = await visit(`/${lang}/editions/1/${pages[lang].below}/`);
        await expect(translatedPast.locator('main')).toContainText(pages[lang].title);
        await translatedPast.close();
      }

      // Issue 19: the worker renders the new edition's PDF in each language (retried on failure, never blocking the
      // publication above); once stored, the edition page and the guidance pages link it in the reader's language.
      type Pdf = { language: string; url: string; bytes: number };
      let french: Pdf | undefined;
      await until(
        `the worker renders edition ${next} in French`,
        async () => {
          const edition = await json<{ pdfs: Pdf[] }>(`/api/v1/editions/${next}/?locale=fr`);
          french = edition.pdfs.find((pdf) => pdf.language === 'fr');
          return french !== undefined;
        },
        240_000,
      );
      present(french);
      expect(french.url).toBe(`/api/v1/editions/${next}/pdf/fr/`);
      const frenchEdition = `/fr/editions/${next}/`;
      await until('the French edition page links its PDF', async () => (await html(frenchEdition)).includes(french?.url ?? '?'));
      const editionPage = await visit(frenchEdition);
      const own = editionPage.locator('.edition-pdfs a[hreflang="fr"]');
      await expect(own).toHaveAttribute('href', french.url);
      await expect(own).toHaveText(/^Télécharger cette édition \(PDF, [\d,]+\s(Mo|ko)\)$/);
      await editionPage.close();
      const frenchPage = `/fr/${pages.fr.below}/`;
      await until('the French guidance page links the edition PDF', async () => (await html(frenchPage)).includes(french?.url ?? '?'));
      const guidance = await visit(frenchPage);
      await expect(guidance.locator('.edition-download a[type="application/pdf"]')).toHaveAttribute('href', french.url);
      await guidance.close();
      const file = await fetch(stack.site + french.url);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toContain('application/pdf');
      const bytes = new Uint8Array(await file.arrayBuffer());
      expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
      expect(bytes.length).toBe(french.bytes);
    } finally {
      await reader.close();
      await axeContext.close();
    }
    expect(failures, failures.join('\n')).toEqual([]);
  });
});
