/**
 * The admin's moderation screens in a browser (issue 11, point 21): a contributor submits on the site, the demo
 * moderator passes the submission on from the page editor, the demo reviewer (objective 1) approves it there.
 * Each action says once what happened, the last task's buttons say "Publish" once, and the reviewer, who may not
 * open the published page in the admin, lands on their dashboard.
 */
import type { Page } from '@playwright/test';
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
});
