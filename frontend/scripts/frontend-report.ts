/**
 * `make frontend-report`: Lighthouse (mobile profile, its default: simulated slow 4G and a 4x slower CPU)
 * against the production build of the site on loopback, with Django and the demo content behind it (the
 * end-to-end suites' launchers start both: tests/e2e/stack.ts), for representative routes in English and French. Prints performance /
 * accessibility / best practices / SEO per route and the client JavaScript each route loads, gzipped.
 *
 * Not part of `make test`: scores depend on the machine and its load. Record the table in docs/benchmarks.md.
 * REPORT_LANGS=en,fr,es, REPORT_ROUTES=home,chapter (names below) and REPORT_JSON=path (full figures) override
 * the defaults.
 */
import { gzipSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { CHROMIUM, CHROMIUM_FLAGS, startServers } from '../tests/e2e/stack.ts';
import { pathFromHtmlUrl } from '../src/api/pages.ts';

const LANGS = (process.env.REPORT_LANGS ?? 'en,fr').split(',').map((lang) => lang.trim());
const ONLY = process.env.REPORT_ROUTES ? new Set(process.env.REPORT_ROUTES.split(',').map((name) => name.trim())) : undefined;
const METRICS = { fcp: 'first-contentful-paint', lcp: 'largest-contentful-paint', tbt: 'total-blocking-time', cls: 'cumulative-layout-shift' } as const;
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const TARGETS = { performance: 90, accessibility: 100, 'best-practices': 95, seo: 95 } as const;
/** gzipped client JavaScript allowed per route: none on content routes, 30 KB on interactive ones */
const JS_BUDGET = { content: 0, interactive: 30 * 1024 } as const;

interface Route {
  name: string;
  path: (lang: string) => string;
  kind: keyof typeof JS_BUDGET;
}

interface Row {
  route: string;
  lang: string;
  url: string;
  scores: Record<(typeof CATEGORIES)[number], number>;
  jsBytesGzip: number;
  jsBudget: number;
  failedAudits: string[];
  /** simulated mobile timings (ms; CLS unitless) */
  metrics: Record<keyof typeof METRICS, number>;
}

async function json<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return (await response.json()) as T;
}

interface Listing {
  items: { id: number; meta: { html_url: string | null } }[];
}

async function firstPath(stack: { backend: string }, type: string): Promise<{ id: number; path: string }> {
  const listing = await json<Listing>(`${stack.backend}/api/v2/pages/?type=${type}&locale=en&limit=1`);
  const item = listing.items[0];
  if (!item) throw new Error(`no published ${type} in the demo`);
  return { id: item.id, path: pathFromHtmlUrl(item.meta.html_url, 'en') ?? '' };
}

async function routes(stack: { backend: string }): Promise<Route[]> {
  const chapter = await firstPath(stack, 'guidance_pages.ChapterPage');
  const step = await firstPath(stack, 'guidance_pages.StepPage');
  const steps = step.path.split('/').slice(0, -1).join('/');
  const objective = await firstPath(stack, 'guidance_pages.ObjectivePage');
  const example = await firstPath(stack, 'examples_library.ExamplePage');
  return [
    { name: 'home', path: (lang) => `/${lang}/`, kind: 'content' },
    { name: 'chapter', path: (lang) => `/${lang}/${chapter.path}/`, kind: 'content' },
    { name: 'six steps', path: (lang) => `/${lang}/${steps}/`, kind: 'content' },
    { name: 'a step', path: (lang) => `/${lang}/${step.path}/`, kind: 'content' },
    { name: 'objective', path: (lang) => `/${lang}/${objective.path}/`, kind: 'content' },
    { name: 'examples search', path: (lang) => `/${lang}/examples/?objective=3&region=africa`, kind: 'interactive' },
    { name: 'example', path: (lang) => `/${lang}/${example.path}/`, kind: 'content' },
    { name: 'site search', path: (lang) => `/${lang}/search/?q=migration`, kind: 'interactive' },
    { name: 'sign in', path: (lang) => `/${lang}/account/signin/`, kind: 'interactive' },
  ];
}

/** gzipped size of every script the page loaded (fetched again and compressed: the Node server sends identity). */
async function scriptBytes(lhr: { audits: Record<string, { details?: { items?: { url: string; resourceType?: string }[] } }> }): Promise<number> {
  const items = lhr.audits['network-requests']?.details?.items ?? [];
  let total = 0;
  for (const item of items) {
    if (item.resourceType !== 'Script') continue;
    const body = new Uint8Array(await (await fetch(item.url)).arrayBuffer());
    total += gzipSync(body, { level: 9 }).byteLength;
  }
  return total;
}

async function main(): Promise<void> {
  const started = Date.now();
  // production-like: the Astro page cache and the purge secret are on
  const stack = await startServers('report');
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: CHROMIUM_FLAGS,
  });
  const rows: Row[] = [];
  try {
    const list = (await routes(stack)).filter((route) => !ONLY || ONLY.has(route.name));
    for (const lang of LANGS) {
      for (const route of list) {
        const url = stack.site + route.path(lang);
        await fetch(url); // warm the server's caches, as a live site's would be
        const result = await lighthouse(url, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: [...CATEGORIES],
        });
        if (!result) throw new Error(`no Lighthouse result for ${url}`);
        const lhr = result.lhr;
        const scores = Object.fromEntries(
          CATEGORIES.map((category) => [category, Math.round((lhr.categories[category]?.score ?? 0) * 100)]),
        ) as Row['scores'];
        const failedAudits = Object.values(lhr.audits)
          .filter((audit) => audit.score !== null && audit.score < 0.9 && audit.scoreDisplayMode === 'binary')
          .map((audit) => audit.id);
        const row: Row = {
          route: route.name,
          lang,
          url: route.path(lang),
          scores,
          jsBytesGzip: await scriptBytes(lhr as never),
          jsBudget: JS_BUDGET[route.kind],
          failedAudits,
          metrics: Object.fromEntries(
            Object.entries(METRICS).map(([name, id]) => [name, Math.round((lhr.audits[id]?.numericValue ?? 0) * (name === 'cls' ? 1000 : 1)) / (name === 'cls' ? 1000 : 1)]),
          ) as Row['metrics'],
        };
        rows.push(row);
        console.error(`# ${lang} ${route.name}: ${CATEGORIES.map((c) => `${c} ${scores[c]}`).join(', ')}, JS ${row.jsBytesGzip} B`);
      }
    }
  } finally {
    chrome.kill();
    stack.stop();
  }

  const lines = [
    '| route | lang | performance | accessibility | best practices | SEO | client JS (gzip) | FCP / LCP / TBT ms, CLS |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (row) =>
        `| ${row.route} (\`${row.url}\`) | ${row.lang} | ${row.scores.performance} | ${row.scores.accessibility} | ` +
        `${row.scores['best-practices']} | ${row.scores.seo} | ${row.jsBytesGzip} B | ` +
        `${row.metrics.fcp} / ${row.metrics.lcp} / ${row.metrics.tbt}, ${row.metrics.cls} |`,
    ),
  ];
  console.log(lines.join('\n'));
  const misses: string[] = [];
  for (const row of rows) {
    for (const category of CATEGORIES) {
      if (row.scores[category] < TARGETS[category]) {
        misses.push(`${row.lang} ${row.route}: ${category} ${row.scores[category]} < ${TARGETS[category]} (failed audits: ${row.failedAudits.join(', ') || 'none binary'})`);
      }
    }
    if (row.jsBytesGzip > row.jsBudget) misses.push(`${row.lang} ${row.route}: ${row.jsBytesGzip} B of JavaScript > ${row.jsBudget} B`);
  }
  console.log(misses.length ? `\nTargets missed:\n- ${misses.join('\n- ')}` : '\nEvery target met.');
  console.log(`\n(${rows.length} Lighthouse runs in ${Math.round((Date.now() - started) / 1000)} s)`);
  if (process.env.REPORT_JSON) writeFileSync(process.env.REPORT_JSON, JSON.stringify(rows, null, 2));
}

await main();
