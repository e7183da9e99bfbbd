/**
 * The coverage page (/<lang>/insight/, issue 16) with JavaScript off: SVG charts with <title> and <desc>, tables
 * with the API's numbers, filters through the address, CSV downloads with the same numbers, no script, and
 * axe-core (run in a JavaScript context, since axe runs in the page) finding nothing.
 */
import type { Page } from '@playwright/test';
import { axe, expect, test } from './fixtures.ts';
import { siteContext } from './site-context.ts';

interface Bucket { value: string; label?: string | null; count: number }
interface Coverage {
  total: number;
  objectives: { number: number; label: string; count: number }[];
  regions: { value: string; label: string }[];
  matrix: number[][];
  principles: Bucket[];
  kinds: Bucket[];
  champions: Bucket[];
  gaps: { objective: number; region: string; region_label: string }[];
}

const plain = (text: string) => Number.parseInt(text.replace(/[^\d]/g, ''), 10);

async function tableRows(page: Page, id: string): Promise<string[][]> {
  return page.locator(`#${id}-table tbody tr`).evaluateAll((rows) =>
    rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim())),
  );
}

test.describe('coverage page', () => {
  const site = siteContext();

  const coverage = async (lang: string, query = ''): Promise<Coverage> => {
    const response = await fetch(`${site.stack.site}/api/v1/insight/coverage/?locale=${lang}${query}`);
    expect(response.status).toBe(200);
    return (await response.json()) as Coverage;
  };

  for (const lang of ['en', 'fr'] as const) {
    test(`/${lang}/insight/ without JavaScript: SVG charts, tables with the API's numbers, CSV, filters`, async () => {
      const noJs = await site.stack.browser.newContext({ javaScriptEnabled: false });
      const page = await noJs.newPage();
      const scripts: string[] = [];
      page.on('request', (request) => {
        if (request.resourceType() === 'script') scripts.push(request.url());
      });
      const response = await page.goto(`${site.stack.site}/${lang}/insight/`);
      expect(response?.status()).toBe(200);
      expect((await response?.text())?.match(/<script\b/gi) ?? []).toHaveLength(0);
      // A language without published examples shows the English library's figures, and says so (as the library).
      const own = await coverage(lang);
      const source = own.total > 0 ? lang : 'en';
      const api = source === lang ? own : await coverage('en');
      expect(api.total).toBeGreaterThan(0);
      await expect(page.locator('.notice[role="note"]')).toHaveCount(source === lang ? 0 : 1);

      // Six charts, each an SVG image with a title and a description, and its table.
      for (const id of ['regions', 'subregions', 'principles', 'kinds', 'years', 'champions']) {
        const svg = page.locator(`svg[role="img"][aria-labelledby="${id}-title ${id}-desc"]`);
        await expect(svg).toHaveCount(1);
        await expect(svg.locator('title')).not.toBeEmpty();
        await expect(svg.locator('desc')).not.toBeEmpty();
        await expect(page.locator(`#${id}-table caption`)).not.toBeEmpty();
        await expect(page.locator(`#${id}-table th[scope="col"]`).first()).toBeVisible();
      }
      await expect(page.locator('#regions-title')).toHaveText(lang === 'fr' ? /par région/ : /per GCM objective and region/);

      // The heat map's table and cells hold the API's matrix.
      const rows = await tableRows(page, 'regions');
      expect(rows.length).toBe(api.objectives.length);
      expect(rows.map((row) => row.slice(1).map(plain))).toEqual(api.matrix);
      const cells = await page.locator('svg.heatmap').first().locator('text.cell').allTextContents();
      expect(cells.map(plain)).toEqual(api.matrix.flat());
      const kinds = await tableRows(page, 'kinds');
      expect(kinds.map(([label, count]) => [label, plain(count ?? '')])).toEqual(api.kinds.map((b) => [b.label, b.count]));
      const principles = await tableRows(page, 'principles');
      expect(principles.map(([, count]) => plain(count ?? ''))).toEqual(api.principles.map((b) => b.count));
      const champions = await tableRows(page, 'champions');
      expect(champions.map(([label, count]) => [label, plain(count ?? '')])).toEqual(api.champions.map((b) => [b.label, b.count]));

      // Gaps named in words, one sentence per region with any.
      const gaps = page.locator('.insight-gaps li');
      const regionsWithGaps = new Set(api.gaps.map((gap) => gap.region));
      await expect(gaps).toHaveCount(regionsWithGaps.size);
      const oneGap = api.gaps[0];
      if (oneGap) {
        const sentence = await page.locator(`.insight-gaps li[data-region="${oneGap.region}"]`).textContent();
        expect(sentence).toContain(oneGap.region_label);
        expect(sentence).toMatch(lang === 'fr' ? /^Aucun exemple publié pour l/ : /^No published example for objective/);
        expect(sentence).toContain(String(oneGap.objective));
      }

      // The CSV of the kinds: text/csv, an attachment, the same numbers.
      const csvLink = await page.locator('a[href*="coverage.csv?chart=kinds"]').getAttribute('href');
      expect(csvLink).toBeTruthy();
      const csv = await fetch(`${site.stack.site}${csvLink}`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="gcm-coverage-kinds-/);
      const lines = (await csv.text()).trim().split('\r\n');
      expect(lines.slice(1)).toEqual(api.kinds.map((b) => `${b.label},${b.count}`));

      // A filter through the form (a plain GET) changes the figures as the API does.
      const region = api.regions.find((r) => api.matrix.some((row) => row[api.regions.indexOf(r)]))!;
      await page.locator(`.insight-filters input[name="region"][value="${region.value}"]`).check();
      await Promise.all([page.waitForURL(/region=/), page.locator('.insight-filters button[type="submit"]').click()]);
      const filtered = await coverage(source, `&region=${region.value}`);
      expect(filtered.total).toBeLessThan(api.total);
      const total = await page.locator('#insight-total').textContent();
      expect(plain(total ?? '')).toBe(filtered.total);
      const filteredKinds = await tableRows(page, 'kinds');
      expect(filteredKinds.map(([, count]) => plain(count ?? ''))).toEqual(filtered.kinds.map((b) => b.count));
      const filteredCsv = await page.locator('a[href*="coverage.csv?chart=regions"]').getAttribute('href');
      expect(filteredCsv).toContain(`region=${region.value}`);
      const matrixCsv = (await (await fetch(`${site.stack.site}${filteredCsv}`)).text()).trim().split('\r\n');
      expect(matrixCsv.slice(1).map((line) => line.split(',').slice(-filtered.regions.length).map(Number))).toEqual(filtered.matrix);
      expect(scripts).toEqual([]);
      await noJs.close();
    });
  }

  test('bad filters and charts are refused with a message', async () => {
    const csv = await fetch(`${site.stack.site}/en/insight/coverage.csv?chart=pie`);
    expect(csv.status).toBe(400);
    expect(await csv.text()).toMatch(/chart/);
    const page = await site.context.newPage();
    const response = await page.goto(`${site.stack.site}/en/insight/?q=${'x'.repeat(199)}%00`);
    expect(response?.status()).toBe(400);
    await page.close();
  });

  test('axe-core finds nothing on /en/insight/ and /fr/insight/ (filtered too)', async () => {
    const failures: string[] = [];
    for (const path of ['/en/insight/', '/fr/insight/', '/fr/insight/?region=africa&kind=practice']) {
      const page = await site.context.newPage();
      await page.goto(site.stack.site + path);
      await axe(page, path, failures);
      await page.close();
    }
    expect(failures).toEqual([]);
  });

  test('the library links to the coverage page', async () => {
    const page = await site.context.newPage();
    await page.goto(`${site.stack.site}/es/examples/`);
    await Promise.all([page.waitForURL(/\/es\/insight\/$/), page.locator('main a[href="/es/insight/"]').click()]);
    await expect(page.locator('h1')).toHaveText('Cobertura de los objetivos del Pacto Mundial');
    await page.close();
  });
});
