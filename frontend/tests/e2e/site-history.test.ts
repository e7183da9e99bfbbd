/**
 * End to end, the living document as readers see it (issue 13), with JavaScript off, in the three languages:
 * the editions, an edition's changes, a page as it stood in edition 1, the page's history and a diff with the
 * changed words marked, the changes list and its Atom feed, the last-updated line and the staleness notice; bad
 * addresses give 4xx pages; axe finds nothing; no script. The pages and versions are read from the demo's two
 * editions through the domain API, so the test follows whatever the demo changed between them.
 */
import type { BrowserContext } from '@playwright/test';
import { axe, expect, present, test } from './fixtures.ts';
import { LANGS, open as openIn, siteContext } from './site-context.ts';

interface EditionChange {
  page: { id: number; title: string; locale: string; path: string };
  diff_from: string | null;
  diff_to: string;
}

test.describe('living document', () => {
  const site = siteContext();
  let noJs: BrowserContext;
  test.beforeAll(async () => {
    noJs = await site.stack.browser.newContext({ javaScriptEnabled: false });
  });
  test.afterAll(async () => {
    await noJs.close();
  });
  const open = (path: string, ctx: BrowserContext = noJs) => openIn(site, path, ctx);

  async function api<T>(path: string): Promise<T> {
    const response = await fetch(site.stack.backend + path);
    expect(response.status, path).toBe(200);
    return (await response.json()) as T;
  }

  /** A page edition 2 changed (not one it added), in a language, and its path below home. */
  async function changedPage(lang: string): Promise<{ change: EditionChange; below: string }> {
    const edition = await api<{ changes: EditionChange[] }>(`/api/v1/editions/2/?locale=${lang}`);
    const change = edition.changes.find((entry) => entry.diff_from !== null);
    present(change, `edition 2 changed a page that edition 1 had (${lang})`);
    const below = new URL(change.page.path, 'http://x').pathname.split('/').filter(Boolean).slice(1).join('/');
    return { change, below };
  }

  for (const lang of LANGS) {
    test(`editions, an edition, a page in edition 1, its history and a diff (${lang}, JavaScript off)`, async () => {
      const { change, below } = await changedPage(lang);

      const { page: list, status: listStatus } = await open(`/${lang}/editions/`);
      expect(listStatus).toBe(200);
      // the demo's two editions at least (another test may have published more)
      expect(await list.locator('ol.editions > li').count()).toBeGreaterThanOrEqual(2);
      await expect(list.locator(`ol.editions a[href="/${lang}/editions/2/"]`)).toHaveCount(1);
      await list.close();

      const { page: edition, status: editionStatus } = await open(`/${lang}/editions/2/`);
      expect(editionStatus).toBe(200);
      await expect(edition.locator('h1')).toContainText('2', { useInnerText: true });
      const item = edition.locator('.edition-changes > li').filter({ hasText: change.page.title });
      await expect(item.locator('h3 a')).toHaveAttribute('href', `/${lang}/${below}/`);
      await expect(item.locator(`a[href^="/${lang}/diff/${below}/?from="]`)).toHaveCount(1);
      await expect(edition.locator(`a[href="/${lang}/changes/?since=2"]`)).toHaveCount(1);
      await expect(edition.locator(`a[href="/${lang}/editions/1/"][rel="prev"]`)).toHaveCount(1);
      await edition.close();

      const { page: then, status: thenStatus } = await open(`/${lang}/editions/1/${below}/`);
      expect(thenStatus).toBe(200);
      await expect(then.locator('.point-in-time')).toContainText('1', { useInnerText: true });
      await expect(then.locator(`.point-in-time a[href="/${lang}/${below}/"]`)).toHaveCount(1);
      await expect(then.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex');
      await expect(then.locator('article h1')).toBeVisible();
      // the paragraphs carry the numbers they had in edition 1, with the same anchors as the live page
      const firstNumbered = then.locator('article .para').first();
      await expect(firstNumbered).toHaveAttribute('id', /^para-[A-Z0-9]+\.1$/);
      await expect(firstNumbered.locator('a.para-number')).toHaveText(/^¶ [A-Z0-9]+\.1$/);
      await then.close();

      const { page: history, status: historyStatus } = await open(`/${lang}/history/${below}/`);
      expect(historyStatus).toBe(200);
      const rows = history.locator('.history-table tbody tr');
      expect(await rows.count(), 'the page has at least two public versions').toBeGreaterThanOrEqual(2);
      await expect(rows.first().locator('a[href*="/editions/2/"]')).toHaveCount(1);
      // the no-JavaScript form: compare the oldest with the newest
      const oldest = await history.locator('#compare-from option').last().getAttribute('value');
      present(oldest);
      await history.locator('#compare-from').selectOption(oldest);
      await Promise.all([history.waitForURL(/\/diff\//), history.locator('form.compare-form button[type="submit"]').click()]);
      const url = new URL(history.url());
      expect(url.pathname).toBe(`/${lang}/diff/${below}/`);
      expect(url.searchParams.get('from')).toBe(oldest);
      await expect(history.locator('.diff-block').first()).toBeVisible();
      await history.close();

      const { page: diff, status: diffStatus } = await open(`/${lang}/diff/${below}/?from=${change.diff_from}&to=${change.diff_to}`);
      expect(diffStatus).toBe(200);
      await expect(diff.locator('.diff-block .diff-op').first()).toBeVisible();
      const marked = diff.locator('.diff-changed ins, .diff-changed del');
      expect(await marked.count(), 'changed words are marked with <ins>/<del>').toBeGreaterThan(0);
      // each mark is announced in words (visually hidden), not only by colour
      await expect(marked.first().locator('.visually-hidden').first()).toBeAttached();
      await diff.close();
    });

    test(`the changes list, its feed, the last-updated line and the staleness notice (${lang}, JavaScript off)`, async () => {
      const { change, below } = await changedPage(lang);
      const { page: changes, status } = await open(`/${lang}/changes/`);
      expect(status).toBe(200);
      expect(await changes.locator('ol.changes > li').count()).toBeGreaterThan(0);
      const feedHref = await changes.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute('href');
      present(feedHref);
      expect(new URL(feedHref).pathname).toBe(`/${lang}/feeds/changes.xml`);
      const feed = await fetch(`${site.stack.site}/${lang}/feeds/changes.xml`);
      expect(feed.status).toBe(200);
      expect(feed.headers.get('content-type')).toContain('application/atom+xml');
      const xml = await feed.text();
      expect(xml).toContain(`xml:lang="${lang}"`);
      expect(xml).toContain('<entry>');
      await changes.close();

      const { page: since, status: sinceStatus } = await open(`/${lang}/changes/?since=1`);
      expect(sinceStatus).toBe(200);
      await expect(since.locator('ol.changes > li').filter({ hasText: change.page.title }).first()).toBeVisible();
      await since.close();

      const { page: current } = await open(`/${lang}/${below}/`);
      const line = current.locator('.last-updated');
      await expect(line).toBeVisible();
      await expect(line.locator(`a[href="/${lang}/history/${below}/"]`)).toHaveCount(1);
      // the notice follows the API: shown exactly when the translation is behind English
      const detail = await api<{ stale_translation?: unknown }>(`/api/v2/pages/${change.page.id}/`);
      await expect(current.locator('.stale-notice')).toHaveCount(lang !== 'en' && change.page.locale === lang && detail.stale_translation ? 1 : 0);
      await current.close();
    });
  }

  test('a French page behind its English source says so, with links to English and its diff', async () => {
    const { change, below } = await changedPage('fr');
    test.skip(change.page.locale !== 'fr', 'the demo has no French translation of the changed page');
    type Stale = { status: string; since: string | null; diff_from: unknown; diff_to: unknown; source: { path: string } | null };
    const detail = await api<{ stale_translation: Stale | null }>(`/api/v2/pages/${change.page.id}/`);
    const { page } = await open(`/fr/${below}/`);
    if (detail.stale_translation) {
      const notice = page.locator('.stale-notice');
      const says: Record<string, string> = {
        outdated: 'Cette traduction est en retard sur la page anglaise',
        partly_translated: "Cette page n'est que partiellement traduite",
        not_translated: "Cette page n'est pas encore traduite",
      };
      await expect(notice).toContainText(says[detail.stale_translation.status] ?? '', { useInnerText: true });
      if (detail.stale_translation.source) await expect(notice.locator(`a[href="${detail.stale_translation.source.path}"]`)).toHaveCount(1);
      const { diff_from: from, diff_to: to } = detail.stale_translation;
      await expect(notice.locator('a[href^="/en/diff/"]')).toHaveCount(from && to && from !== to ? 1 : 0);
    } else {
      await expect(page.locator('.stale-notice')).toHaveCount(0);
    }
    await page.close();
  });

  test('wrong addresses: 404 for examples and unknown pages or editions, 400 with a reason for bad input', async () => {
    for (const path of ['/en/history/examples/demo-remittance-cost-comparison/', '/fr/history/no-such-page/', '/es/diff/no-such-page/', '/en/editions/99/', '/en/editions/abc/', '/fr/editions/1/no-such-page/']) {
      const { page, status } = await open(path);
      expect(status, path).toBe(404);
      await page.close();
    }
    const { below } = await changedPage('en');
    const { page: badDiff, status: badDiffStatus } = await open(`/fr/diff/${below}/?from=nonsense&to=e1`);
    expect(badDiffStatus).toBeGreaterThanOrEqual(400);
    expect(badDiffStatus).toBeLessThan(500);
    await expect(badDiff.locator('.refusal')).not.toBeEmpty();
    await badDiff.close();
    const { page: badSince, status: badSinceStatus } = await open('/es/changes/?since=abc');
    expect(badSinceStatus).toBe(400);
    await expect(badSince.locator('.refusal')).toContainText('?since=1', { useInnerText: true });
    await badSince.close();
  });

  test('axe finds nothing and no page carries script, on every new route in every language', async () => {
    const failures: string[] = [];
    let scripts = 0;
    for (const lang of LANGS) {
      const { change, below } = await changedPage(lang);
      const routes = [
        `/${lang}/editions/`,
        `/${lang}/editions/2/`,
        `/${lang}/editions/1/${below}/`,
        `/${lang}/history/${below}/`,
        `/${lang}/diff/${below}/?from=${change.diff_from}&to=${change.diff_to}`,
        `/${lang}/changes/`,
        `/${lang}/${below}/`,
      ];
      for (const path of routes) {
        const { page, status } = await open(path, site.context);
        expect(status, path).toBe(200);
        scripts += (await page.content()).match(/<script\b/gi)?.length ?? 0;
        await axe(page, path, failures);
        await page.close();
      }
    }
    expect(failures).toEqual([]);
    expect(scripts).toBe(0);
  });
});
