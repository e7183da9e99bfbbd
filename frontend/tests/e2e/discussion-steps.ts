/**
 * The discussions suite's steps (discussions.test.ts): the demo accounts, the discussion as the API gives it, and
 * the moderator's and editor's actions, in the admin or through the rules run by `manage.py shell`.
 */
import type { Page } from '@playwright/test';
import { clickAndLoad, signIn, type Stack, expect, present } from './fixtures.ts';

export const LANGS = ['en', 'fr', 'es'] as const;
export const CHAMPION = 'champion@example.org';
export const STAKEHOLDER = 'stakeholder@example.org';
export const PASSWORD = 'gcm-demo-password';

export interface DiscussionInfo {
  id: number;
  questions: { id: number; number: number; text: string }[];
  pages: { id: number; title: string; path: string }[];
}

let stack: Stack;

/** The suite's stack, for the helpers below (set once in the suite's beforeAll). */
export function useStack(started: Stack): void {
  stack = started;
}
export const discussions = new Map<string, DiscussionInfo>();

export async function signInAs(page: Page, lang: string, email: string): Promise<void> {
  await signIn(stack, page, lang, email, PASSWORD);
  await expect(page, `signed in as ${email}: ${page.url()}`).toHaveURL((url) => url.href.endsWith(`/${lang}/account/`));
}


/** The six-step chapter among the pages under discussion. */
export function sixStep(info: DiscussionInfo): { id: number; title: string; path: string } {
  const page = info.pages.find((entry) => entry.path.includes('six-step')) ?? info.pages[info.pages.length - 1];
  present(page, 'the discussion has pages');
  return page;
}

/** Runs Python in Django's shell against the test database (the moderator's and the editor's actions). */
export function django(code: string): string {
  return stack.manage(['shell', '-c', code]).trim();
}

export function approve(marker: string): number {
  return Number(
    django(`
from django.contrib.auth import get_user_model
from feedback import discussions
from feedback.models import DiscussionComment
comment = DiscussionComment.objects.get(comment__contains=${JSON.stringify(marker)})
discussions.moderate(get_user_model().objects.get(username="moderator"), comment, "approve")
print(comment.pk)
`).split('\n').pop(),
  );
}

export function markAddressed(commentId: number, response: string): number {
  return Number(
    django(`
from django.contrib.auth import get_user_model
from feedback import discussions
from feedback.models import DiscussionComment
editor = get_user_model().objects.get(username="editor")
comment = DiscussionComment.objects.get(pk=${commentId})
page = comment.page.specific
revision = page.save_revision(user=editor, log_action=True)
revision.publish(user=editor)
discussions.triage(editor, comment, "addressed", ${JSON.stringify(response)}, revision.pk)
print(revision.pk)
`).split('\n').pop(),
  );
}

/** Signs in to the Wagtail admin (on Django's own origin) as a demo user. */
export async function adminPage(username: string): Promise<Page> {
  const context = await stack.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${stack.backend}/admin/login/`);
  await page.fill('#id_username', username);
  await page.fill('#id_password', PASSWORD);
  await clickAndLoad(page, 'form button[type="submit"]');
  expect(new URL(page.url()).pathname === '/admin/', `${username} is in the admin: ${page.url()}`).toBeTruthy();
  return page;
}

/** The moderator approves the comment in the admin's moderation queue; returns its id. */
export async function approveInAdmin(marker: string): Promise<number> {
  const page = await adminPage('moderator');
  await page.goto(`${stack.backend}/admin/discussions/moderation/`);
  const row = page.locator('tr', { hasText: marker });
  await expect(row, 'the comment waits in the moderation queue').toHaveCount(1);
  const id = Number((await row.getAttribute('id'))?.replace('comment-', ''));
  await clickAndLoad(page, row.locator('button[value="approve"]'));
  await expect(page.locator('tr', { hasText: marker }), 'approved: out of the queue').toHaveCount(0);
  await page.context().close();
  return id;
}

/** The editor publishes a new revision of the page (shell), then marks the comment addressed in it (admin). */
export async function addressInAdmin(commentId: number, discussionId: number, response: string): Promise<number> {
  const revision = Number(
    django(`
from django.contrib.auth import get_user_model
from feedback.models import DiscussionComment
editor = get_user_model().objects.get(username="editor")
page = DiscussionComment.objects.get(pk=${commentId}).page.specific
revision = page.save_revision(user=editor, log_action=True)
revision.publish(user=editor)
print(revision.pk)
`).split('\n').pop(),
  );
  const page = await adminPage('editor');
  await page.goto(`${stack.backend}/admin/discussions/triage/?discussion=${discussionId}`);
  const row = page.locator(`tr#comment-${commentId}`);
  await row.locator(`#status-${commentId}`).selectOption('addressed');
  await row.locator(`#response-${commentId}`).fill(response);
  await row.locator(`#revision-${commentId}`).selectOption(String(revision));
  await clickAndLoad(page, row.locator('button'));
  await page.context().close();
  return revision;
}

/** Posts an answer to question 2 on the first paragraph of the six-step chapter from the page's own form. */
export async function answerQuestionTwo(page: Page, lang: string, body: string): Promise<{ blockId: string }> {
  const info = discussions.get(lang);
  present(info);
  await page.goto(`${stack.site}/${lang}/discussions/${info.id}/`);
  await clickAndLoad(page, `a[href="${sixStep(info).path}"]`);
  const question = info.questions.find((entry) => entry.number === 2);
  present(question);
  const form = page.locator('#take-part form.comment-form');
  await expect(form, 'the Champion gets the post form').toHaveCount(1);
  await form.locator('#comment-question').selectOption(String(question.id));
  const options = await form.locator('#comment-block option').evaluateAll((nodes) => nodes.map((node) => (node as HTMLOptionElement).value));
  const blockId = options.find((value) => value !== '') ?? '';
  present(blockId, 'the paragraphs of the page can be chosen');
  await form.locator('#comment-block').selectOption(blockId);
  await form.locator('#comment-body').fill(body);
  await form.locator('#comment-follow').check();
  await clickAndLoad(page, form.locator('button[type="submit"]'));
  return { blockId };
}
