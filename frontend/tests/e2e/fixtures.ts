/**
 * The suites' `test` and `expect`, with the `stack` fixture (the suite's own site, backend, browser and
 * manage.py), and the helpers several suites share.
 */
import { test as base, expect, type Browser, type Locator, type Page } from '@playwright/test';
import { AxeBuilder } from '@axe-core/playwright';
import { PYTHON, ROOT, djangoEnv, run, urls } from './stack.ts';

export { expect };

export interface Stack {
  site: string;
  backend: string;
  browser: Browser;
  /** runs `manage.py <args>` against the suite's database and returns its stdout (e.g. `send_mail` prints queued mail) */
  manage: (args: string[]) => string;
}

export interface StackOptions {
  /** the suite (tests/e2e/stack.ts SUITES) whose stack the tests run against: set per project */
  suite: string;
}

export const test = base.extend<object, StackOptions & { stack: Stack }>({
  suite: ['', { option: true, scope: 'worker' }],
  stack: [
    async ({ suite, browser }, use) => {
      const { site, backend } = urls(suite);
      const env = djangoEnv(suite);
      // E-mail is queued in the database (django-mailer); `manage.py send_mail` delivers it with the console backend.
      await use({ site, backend, browser, manage: (args) => run(PYTHON, ['manage.py', ...args], env, ROOT) });
    },
    { scope: 'worker' },
  ],
});

/**
 * Clicks what starts a navigation (a link, a form's button) and waits until the new document has loaded.
 *
 * `Promise.all([page.waitForLoadState('load'), click])` resolved at once, because the document being left was
 * loaded already; the next step then raced the navigation. When that step was `page.close()`, Chromium answered
 * `Target.closeTarget` with success but never closed the loading target, and playwright waited for the close
 * forever: the account suite hung until its 15-minute guard (seen in CI and reproduced with DEBUG=pw:protocol).
 */
export async function clickAndLoad(page: Page, target: string | Locator): Promise<void> {
  // page.click takes the first match of a selector, as the calls it replaced did; a Locator must match one element
  await Promise.all([page.waitForEvent('load'), typeof target === 'string' ? page.click(target) : target.click()]);
}

/** Signs in through the site's form (works with JavaScript off), and waits for the page it leads to. */
export async function signIn(stack: Stack, page: Page, lang: string, email: string, password: string): Promise<void> {
  await page.goto(`${stack.site}/${lang}/account/signin/`);
  await page.fill('#signin-email', email);
  await page.fill('#signin-password', password);
  await clickAndLoad(page, 'form.account-form button[type="submit"]');
}

/** axe-core's WCAG 2.0/2.1 A and AA rules on the page as it is; violations are added to `failures`. The page's
 * context must run JavaScript (axe runs in the page). */
export async function axe(page: Page, where: string, failures: string[]): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.passes.length, `axe ran its rules on ${where}`).toBeGreaterThan(10);
  for (const violation of results.violations) failures.push(`${where}: ${violation.id} (${violation.nodes.length}) ${violation.help}`);
}

/** `expect(value).toBeTruthy()` that also tells TypeScript the value is there, for the lines that use it next. */
export function present<T>(value: T | null | undefined, message?: string): asserts value is T {
  expect(value, message).toBeTruthy();
}
