/**
 * What both public-site suites (site.test.ts, site-reading.test.ts) share: the languages and routes they walk, the
 * English-fallback notes, and a browser context opened once per suite.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { type Stack, test } from './fixtures.ts';

export const LANGS = ['en', 'fr', 'es'] as const;
export const ROUTES = [
  '',
  'guide/',
  'guide/the-gcm-and-its-vision/',
  'guide/six-step-process/',
  'guide/six-step-process/step-2/',
  'booklet/',
  'booklet/objective-3/',
  'booklet/objective-23/',
  'no-such-page/',
  'examples/',
  'examples/?q=remittance&objective=20&objective_scope=primary',
  'examples/demo-remittance-cost-comparison/',
  'search/?q=migration',
];
export const NOTES = {
  fr: "Cette page n'est pas encore disponible en français",
  es: 'Esta página aún no está disponible en español',
};

export interface Site {
  stack: Stack;
  context: BrowserContext;
}

/** Opens a context for the suite (in its beforeAll), closes it after; `site.stack` and `site.context` then hold. */
export function siteContext(): Site {
  const site = {} as Site;
  test.beforeAll(async ({ stack }) => {
    site.stack = stack;
    site.context = await stack.browser.newContext();
  });
  test.afterAll(async () => {
    await site.context.close();
  });
  return site;
}

export async function open(site: Site, path: string, ctx: BrowserContext = site.context): Promise<{ page: Page; status: number }> {
  const page = await ctx.newPage();
  const response = await page.goto(site.stack.site + path, { waitUntil: 'load' });
  return { page, status: response?.status() ?? 0 };
}
