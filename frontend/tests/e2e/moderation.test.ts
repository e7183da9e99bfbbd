/**
 * The admin's moderation screens in a browser (issue 11, point 21): a contributor submits on the site, the demo
 * moderator passes the submission on from the page editor, the demo reviewer (objective 1) approves it there.
 * Each action says once what happened, the last task's buttons say "Publish" once, and the reviewer, who may not
 * open the published page in the admin, lands on their dashboard.
 */
import type { Page } from '@playwright/test';
import { AxeBuilder } from '@axe-core/playwright';
import { clickAndLoad, signIn, type Stack, expect, present, test } from './fixtures.ts';

const PASSWORD = 'gcm-demo-password';
let stack: Stack;

async function adminSignIn(page: Page, username: string): Promise<void> {
  await page.goto(`${stack.backend}/admin/login/`);
  await page.fill('input[name="username"]', username);
  await page.fill('input[name="password"]', PASSWORD);
  await Promise.all([page.waitForURL(/\/admin\/$/), page.click('button[type="submit"]')]);
}

/** Clicks a workflow button of the page editor (it may sit in the action menu's dropdown, hence a DOM click). */
async function workflowAction(page: Page, selector: string): Promise<void> {
  const editor = page.url();
  await Promise.all([
    page.waitForURL((url) => url.toString() !== editor, { waitUntil: 'load' }),
    page.evaluate((target) => (document.querySelector(target) as HTMLButtonElement).click(), selector),
  ]);
}

async function messages(page: Page): Promise<string[]> {
  return (await page.locator('.messages li').allInnerTexts()).map((text) => text.trim()).filter(Boolean);
}

/** A contributor's submission on objective 1 (the demo reviewer's), through the site's form. */
async function submitExample(title: string): Promise<{ id: string; pageId: string }> {
  const site = await stack.browser.newContext({ javaScriptEnabled: false });
  const contributor = await site.newPage();
  await signIn(stack, contributor, 'en', 'stakeholder@example.org', PASSWORD);
  await contributor.goto(`${stack.site}/en/submit/`);
  await contributor.fill('#submit-title', title);
  await contributor.fill('#submit-summary', 'Desks in three border towns give migrants accurate information.');
  await contributor.fill('#submit-body', 'The desks are run by municipalities.');
  await contributor.selectOption('#submit-primary-objective', '1');
  await contributor.selectOption('#submit-country', 'GH');
  await contributor.selectOption('#submit-language', 'en');
  await clickAndLoad(contributor, 'form.submission-form button[type="submit"]');
  const id = /\/account\/submissions\/(\d+)\//.exec(contributor.url())?.[1];
  present(id, contributor.url());
  await site.close();
  const pageId = stack
    .manage(['shell', '--no-imports', '-c', `from examples_library.models import Submission; print(Submission.objects.get(pk=${id}).page_id)`])
    .trim();
  expect(pageId).toMatch(/^\d+$/);
  return { id, pageId };
}

test.describe('moderation screens', () => {
  test.beforeAll(({ stack: started }) => {
    stack = started;
  });

  test('pass on, approve and publish from the page editor: one message each, "Publish" once, the reviewer on their dashboard', async () => {
    const title = `Border desks ${Date.now()}`;
    const { id, pageId } = await submitExample(title);

    const staff = await stack.browser.newContext();
    const moderator = await staff.newPage();
    await adminSignIn(moderator, 'moderator');
    await moderator.goto(`${stack.backend}/admin/pages/${pageId}/edit/`);
    await workflowAction(moderator, 'button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])');
    const afterPass = await messages(moderator);
    expect(afterPass.filter((text) => text.includes(title)).length, afterPass.join(' | ')).toBe(1);
    await staff.clearCookies();

    const reviewer = moderator;
    await adminSignIn(reviewer, 'reviewer');
    await reviewer.goto(`${stack.backend}/admin/pages/${pageId}/edit/`);
    const labels = (await reviewer.locator('button[data-workflow-action-name]').allTextContents()).map((text) => text.trim().replace(/\s+/g, ' '));
    expect(labels.includes('Approve and Publish'), labels.join(' | ')).toBeTruthy();
    expect(labels.includes('Reject'), labels.join(' | ')).toBeTruthy();
    for (const label of labels) expect((label.match(/publish/gi) ?? []).length <= 1, label).toBeTruthy();
    await workflowAction(reviewer, 'button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])');
    expect(new URL(reviewer.url()).pathname, reviewer.url()).toBe('/admin/');
    expect(!(await reviewer.content()).includes('Sorry, you do not have permission')).toBeTruthy();
    const afterApprove = await messages(reviewer);
    expect(afterApprove.filter((text) => text.includes(title)).length, afterApprove.join(' | ')).toBe(1);
    expect(stack.manage(['shell', '--no-imports', '-c', `from examples_library.models import Submission; print(Submission.objects.get(pk=${id}).status)`])).toMatch(/published/);
    await staff.close();
  });
  test('a change request with its reason in the dialog: one message', async () => {
    const title = `Border desks ${Date.now()}`;
    const { pageId } = await submitExample(title);
    const staff = await stack.browser.newContext();
    const moderator = await staff.newPage();
    await adminSignIn(moderator, 'moderator');
    await moderator.goto(`${stack.backend}/admin/pages/${pageId}/edit/`);
    await moderator.evaluate(() => (document.querySelector('button[data-workflow-action-name="request_changes"]') as HTMLButtonElement).click());
    const reason = moderator.locator('.modal textarea[name="comment"]');
    await reason.waitFor({ state: 'visible' });
    await reason.fill('Please add the year the desks closed.');
    const editor = moderator.url();
    await Promise.all([
      moderator.waitForURL((url) => url.toString() !== editor, { waitUntil: 'load' }),
      moderator.locator('.modal button[type="submit"]').click(),
    ]);
    const shown = await messages(moderator);
    expect(shown.filter((text) => text.includes(title)).length, shown.join(' | ')).toBe(1);
    await staff.close();
  });

  test("the editors' dashboard in English and French with JavaScript off: SVG charts with a title and a description, tables, axe finds nothing", async () => {
    // The demo editor reads the admin in French (Wagtail's per-account admin language).
    stack.manage([
      'shell', '--no-imports', '-c',
      "from django.contrib.auth import get_user_model; from wagtail.users.models import UserProfile; "
        + "UserProfile.objects.update_or_create(user=get_user_model().objects.get(username='editor'), defaults={'preferred_language': 'fr'})",
    ]);
    for (const [username, heading, waiting] of [
      ['moderator', 'Moderation and discussions', 'Submissions waiting at each step'],
      ['editor', 'Modération et discussions', 'Propositions en attente à chaque étape'],
    ] as const) {
      const context = await stack.browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await adminSignIn(page, username);
      const response = await page.goto(`${stack.backend}/admin/moderation-dashboard/`);
      expect(response?.status()).toBe(200);
      expect(await page.locator('h1').innerText()).toContain(heading);
      expect(await page.locator('#waiting-heading').innerText()).toBe(waiting);
      const charts = page.locator('#moderation-dashboard svg[role="img"]');
      expect(await charts.count()).toBeGreaterThanOrEqual(2);
      for (const chart of await charts.all()) {
        const [titleId, descId] = ((await chart.getAttribute('aria-labelledby')) ?? '').split(' ');
        expect((await chart.locator(`title#${titleId}`).textContent())?.trim()).toBeTruthy();
        expect((await chart.locator(`desc#${descId}`).textContent())?.trim()).toBeTruthy();
      }
      expect(await page.locator('#moderation-dashboard table').count()).toBe(7);
      await context.close();

      // axe runs as a script in the page: the same dashboard with JavaScript on, the admin's chrome included.
      const scripted = await stack.browser.newContext();
      const checked = await scripted.newPage();
      await adminSignIn(checked, username);
      await checked.goto(`${stack.backend}/admin/moderation-dashboard/`);
      const results = await new AxeBuilder({ page: checked }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      expect(results.passes.length).toBeGreaterThan(10);
      expect(results.violations.map((v) => `${username}: ${v.id} ${v.help}`)).toEqual([]);
      await scripted.close();
    }
  });
});
