/**
 * Freshness and preview end to end, on a stack with the task worker and a purge secret (as in production):
 * a published change replaces the cached render within seconds (Django's task posts a signed purge), and an
 * editor previews a draft in the frontend while readers still see the published page.
 */
import type { Page } from '@playwright/test';
import { axe, type Stack, expect, present, test } from './fixtures.ts';
import { pathFromHtmlUrl } from '../../src/api/pages.ts';

const PASSWORD = 'gcm-demo-password';
let stack: Stack;

interface Listing {
  items: { id: number; title: string; meta: { html_url: string | null } }[];
}

async function firstPage(type: string, fields = ''): Promise<{ id: number; title: string; path: string }> {
  const url = `${stack.backend}/api/v2/pages/?type=${type}&locale=en&limit=1${fields}`;
  const response = await fetch(url).catch(() => fetch(url));
  const listing = (await response.json()) as Listing;
  const item = listing.items[0];
  present(item, `a published ${type}`);
  return { id: item.id, title: item.title, path: `/en/${pathFromHtmlUrl(item.meta.html_url, 'en')}/` };
}

async function html(path: string): Promise<{ text: string; cache: string | null }> {
  // manage() blocks the event loop for seconds: a kept-alive socket the server closed meanwhile fails once
  const response = await fetch(stack.site + path).catch(() => fetch(stack.site + path));
  expect(response.status, path).toBe(200);
  return { text: await response.text(), cache: response.headers.get('x-page-cache') };
}

/** Publish a new title from Django (as the admin, a workflow or the shell would). */
function publishTitle(type: 'examples_library.ExamplePage' | 'guidance_pages.ChapterPage', id: number, title: string): void {
  const [app, model] = type.split('.');
  stack.manage([
    'shell',
    '-c',
    `from ${app}.models import ${model} as M\np = M.objects.get(pk=${id})\np.title = ${JSON.stringify(title)}\np.save_revision().publish()`,
  ]);
}

/** Milliseconds until `check` holds (polled every 250 ms by expect.poll), failing after `timeoutMs`. */
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<number> {
  const started = Date.now();
  await expect.poll(check, { message: what, timeout: timeoutMs, intervals: [250] }).toBe(true);
  return Date.now() - started;
}


test.describe('freshness and preview', () => {
  // this suite's stack runs the task worker and the page cache (tests/e2e/stack.ts SUITES)
  test.beforeAll(({ stack: started }) => {
    stack = started;
  });

  test('the purge endpoint refuses unsigned purges', async () => {
    const response = await fetch(`${stack.site}/_purge`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"paths": ["/en/*"]}',
    });
    expect(response.status).toBe(403);
  });

  test('a published example shows on its page and its objective page within seconds', async () => {
    const example = await firstPage('examples_library.ExamplePage', '&fields=primary_objective');
    const detail = (await (await fetch(`${stack.backend}/api/v2/pages/${example.id}/`)).json()) as {
      primary_objective: { number: number };
    };
    const objectivePath = `/en/booklet/objective-${detail.primary_objective.number}/`;
    for (const path of [example.path, objectivePath]) {
      await html(path);
      const again = await html(path);
      expect(again.cache, `${path} is served from the page cache before the change`).toBe('hit');
    }
    const title = `Freshly published example ${Date.now()}`;
    publishTitle('examples_library.ExamplePage', example.id, title);
    const onPage = await until('the example page shows the new title', async () => (await html(example.path)).text.includes(title));
    const onObjective = await until('the objective page lists the new title', async () => (await html(objectivePath)).text.includes(title));
    console.log(`# published → visible: example page ${onPage} ms, objective page ${onObjective} ms (max-age is 60 s)`);
    expect(onPage < 10_000 && onObjective < 10_000).toBeTruthy();
  });

  test('a published chapter title changes the whole Guide at once', async () => {
    const chapter = await firstPage('guidance_pages.ChapterPage');
    const guide = chapter.path.split('/').slice(0, 3).join('/') + '/';
    await html(guide);
    expect((await html(guide)).cache).toBe('hit');
    const title = `Renamed chapter ${Date.now()}`;
    publishTitle('guidance_pages.ChapterPage', chapter.id, title);
    const elapsed = await until('the Guide lists the renamed chapter', async () => (await html(guide)).text.includes(title));
    expect((await html(chapter.path)).text.includes(title)).toBeTruthy();
    console.log(`# published → visible on the Guide: ${elapsed} ms`);
  });

  test('an editor previews a draft in the frontend; readers still see the published page', async () => {
    const chapter = await firstPage('guidance_pages.ChapterPage');
    const context = await stack.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${stack.backend}/admin/login/`);
    await page.fill('input[name="username"]', 'editor');
    await page.fill('input[name="password"]', PASSWORD);
    await Promise.all([page.waitForURL(/\/admin\/$/), page.click('button[type="submit"]')]);

    await page.goto(`${stack.backend}/admin/pages/${chapter.id}/edit/`);
    const draftTitle = `Draft only ${Date.now()}`;
    await page.fill('#id_title', draftTitle);
    // "Save draft" (it may sit in the action menu's dropdown, hence a DOM click); the URL does not change,
    // so wait for the POST itself and the page it leads to.
    const [saveResponse] = await Promise.all([
      page.waitForResponse((response) => response.request().method() === 'POST' && response.url().includes(`/admin/pages/${chapter.id}/edit/`)),
      page.evaluate(() => (document.querySelector('button.action-save') as HTMLButtonElement).click()),
    ]);
    expect(saveResponse.status() < 400, `saving the draft answered ${saveResponse.status()}`).toBeTruthy();
    await page.waitForLoadState('load');
    const saved = (await (await fetch(`${stack.backend}/api/v2/pages/${chapter.id}/`)).json()) as { title: string };
    expect(saved.title, 'saving a draft does not publish it').not.toBe(draftTitle);

    const response = await page.goto(`${stack.backend}/admin/pages/${chapter.id}/view_draft/`);
    await expect(page).toHaveURL((url) => url.href.startsWith(`${stack.site}/preview/?`));
    expect(response?.status()).toBe(200);
    await expect(page.locator('h1')).toHaveText(draftTitle, { useInnerText: true });
    await expect(page.locator('.notice')).toBeVisible();
    const headers = (await response?.allHeaders()) ?? {};
    expect(headers['cache-control']).toBe('no-store');
    expect(headers['x-robots-tag']).toBe('noindex');
    expect(headers['content-security-policy'] ?? '').toMatch(new RegExp(`frame-ancestors 'self' ${stack.backend}`));
    const failures: string[] = [];
    await axe(page, 'preview', failures);

    const reader = await fetch(stack.site + chapter.path);
    const published = await reader.text();
    expect(!published.includes(draftTitle), 'the public page does not show the draft').toBeTruthy();

    // a forged token is a 404 in the reader's language, never the draft
    const forged = new URL(page.url());
    forged.searchParams.set('token', `${forged.searchParams.get('token')?.slice(0, -3)}xyz`);
    for (const lang of ['en', 'fr', 'es'] as const) {
      const readerContext = await stack.browser.newContext({ locale: lang, extraHTTPHeaders: { 'accept-language': lang } });
      const readerPage = await readerContext.newPage();
      const refused = await readerPage.goto(forged.toString());
      expect(refused?.status()).toBe(404);
      expect(!(await readerPage.content()).includes(draftTitle)).toBeTruthy();
      await expect(readerPage.locator('html')).toHaveAttribute('lang', lang);
      await axe(readerPage, `preview refused (${lang})`, failures);
      await readerContext.close();
    }
    await context.close();
    expect(failures).toEqual([]);
  });
  test('an example previews as it will be published: every field, through the published page\'s component', async () => {
    const example = await firstPage('examples_library.ExamplePage');
    const context = await stack.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${stack.backend}/admin/login/`);
    await page.fill('input[name="username"]', 'admin');
    await page.fill('input[name="password"]', PASSWORD);
    await Promise.all([page.waitForURL(/\/admin\/$/), page.click('button[type="submit"]')]);

    await page.goto(`${stack.backend}/admin/pages/${example.id}/edit/`);
    const implementer = `Draft implementer ${Date.now()}`;
    await page.fill('#id_main_implementer', implementer);
    const [saveResponse] = await Promise.all([
      page.waitForResponse((response) => response.request().method() === 'POST' && response.url().includes(`/admin/pages/${example.id}/edit/`)),
      page.evaluate(() => (document.querySelector('button.action-save') as HTMLButtonElement).click()),
    ]);
    expect(saveResponse.status() < 400, `saving the draft answered ${saveResponse.status()}`).toBeTruthy();
    await page.waitForLoadState('load');

    const response = await page.goto(`${stack.backend}/admin/pages/${example.id}/view_draft/`);
    await expect(page).toHaveURL((url) => url.href.startsWith(`${stack.site}/preview/?`));
    expect(response?.status()).toBe(200);
    await expect(page.locator('h1')).toHaveText(example.title, { useInnerText: true });
    await expect(page.locator('.example-facts')).toHaveText(new RegExp(implementer), { useInnerText: true });
    const failures: string[] = [];
    await axe(page, 'example preview', failures);

    // the same facts, under the same headings, as readers see on the published page
    const reader = await context.newPage();
    await reader.goto(stack.site + example.path);
    expect(!(await reader.content()).includes(implementer), 'the public page does not show the draft').toBeTruthy();
    const sections = async (where: typeof page) => where.locator('main article h2').allInnerTexts();
    const facts = async (where: typeof page) => where.locator('main .example-facts dt').allInnerTexts();
    expect(await sections(page)).toEqual(await sections(reader));
    const previewFacts = await facts(page);
    for (const fact of await facts(reader)) expect(previewFacts.includes(fact), `the preview shows ${fact}`).toBeTruthy();
    await context.close();
    expect(failures).toEqual([]);
  });
});
