/**
 * Discussions on the site: reading them from the domain API (/api/v1/discussions/, /api/v1/pages/{id}/comments/),
 * placing threads beside the paragraph (StreamField block) they address and under their guiding question, and
 * turning the API's answers to a posted comment into messages per form field.
 *
 * Posting goes through the Astro server with the reader's Django session (account.ts's BackendSession), so the
 * forms work without client JavaScript.
 */
import type { components } from '../api/schema';
import { answered, client, sessionClient, timeout } from '../api/client.ts';
import type { BackendSession } from './account.ts';
import { formatDate as formatLocalDate, type Lang, type MessageKey, type Translate } from './i18n.ts';

// The comment form's rules live beside; pages and components keep importing them from here.
export * from './comment-form.ts';

export type DiscussionSummary = components['schemas']['DiscussionSummaryOut'];
export type Discussion = components['schemas']['DiscussionOut'];
export type Question = components['schemas']['QuestionOut'];
export type Comment = components['schemas']['CommentOut'];
export type CommentPage = components['schemas']['CommentPageOut'];
export type PostedComment = components['schemas']['PostedCommentOut'];
export type Viewer = components['schemas']['ViewerOut'];

/** Replies are shown nested at most this many levels deep (the top-level comment is level 1). */
export const MAX_DEPTH = 3;
/** Threads read per page and request (the API's maximum page size). */
export const THREADS_PER_PAGE = 100;

const CACHE_MS = 30_000;
const lists = new Map<Lang, { at: number; value: Promise<DiscussionSummary[]> }>();
const details = new Map<number, { at: number; value: Promise<Discussion | undefined> }>();

function cached<K, V>(cache: Map<K, { at: number; value: Promise<V> }>, key: K, load: () => Promise<V>): Promise<V> {
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
  const value = load();
  cache.set(key, { at: Date.now(), value });
  value.catch(() => cache.delete(key));
  return value;
}

/** Forget the cached discussions (a purge from Django says comments or discussions changed). */
export function forgetDiscussions(): void {
  lists.clear();
  details.clear();
}

/** Every discussion in a language (upcoming, open and closed), newest first; cached briefly. */
export function listDiscussions(lang: Lang): Promise<DiscussionSummary[]> {
  return cached(lists, lang, async () => {
    const call = client().GET('/api/v1/discussions/', { params: { query: { locale: lang } }, signal: timeout() });
    const data = await answered('/api/v1/discussions/', call);
    return data?.items ?? [];
  });
}

/** A discussion as an anonymous reader sees it (questions, pages); cached briefly. */
export function getDiscussion(id: number): Promise<Discussion | undefined> {
  const path = { discussion_id: id };
  return cached(details, id, () => answered(`/api/v1/discussions/${id}/`, client().GET('/api/v1/discussions/{discussion_id}/', { params: { path }, signal: timeout() })));
}

/**
 * The discussion a guidance page is under: an open one first, else the most recently closed one. Upcoming
 * discussions are not shown on pages (their questions are not posted yet).
 */
export async function discussionForPage(lang: Lang, pageId: number): Promise<Discussion | undefined> {
  const summaries = (await listDiscussions(lang)).filter((entry) => entry.state !== 'upcoming');
  const found = await Promise.all(summaries.map((entry) => getDiscussion(entry.id)));
  const withPage = found.filter((entry): entry is Discussion => Boolean(entry?.pages.some((page) => page.id === pageId)));
  return withPage.find((entry) => entry.state === 'open') ?? withPage.sort((a, b) => b.closes_at.localeCompare(a.closes_at))[0];
}

/** One page of a page's approved threads in a discussion, with their replies. */
export async function pageComments(pageId: number, discussionId: number, page = 1): Promise<CommentPage> {
  const params = { path: { page_id: pageId }, query: { discussion: discussionId, page, page_size: THREADS_PER_PAGE } };
  const data = await answered(`/api/v1/pages/${pageId}/comments/`, client().GET('/api/v1/pages/{page_id}/comments/', { params, signal: timeout() }));
  return data ?? { count: 0, page, page_size: THREADS_PER_PAGE, results: [] };
}

/** Where each thread of a page is shown. */
export interface PlacedThreads {
  /** block id → threads about that paragraph, in the API's order */
  byBlock: Map<string, Comment[]>;
  /** question id → every thread of that question (those about a paragraph too, listed as links) */
  byQuestion: Map<number, Comment[]>;
}

/**
 * Places top-level threads: beside the block they address when that block is on the page (a block removed in a
 * later revision sends its threads back to their question only), and under their question.
 */
export function placeThreads(threads: Comment[], blockIds: Iterable<string>): PlacedThreads {
  const present = new Set(blockIds);
  const byBlock = new Map<string, Comment[]>();
  const byQuestion = new Map<number, Comment[]>();
  for (const thread of threads) {
    if (thread.block_id && present.has(thread.block_id)) {
      byBlock.set(thread.block_id, [...(byBlock.get(thread.block_id) ?? []), thread]);
    }
    byQuestion.set(thread.question_id, [...(byQuestion.get(thread.question_id) ?? []), thread]);
  }
  return { byBlock, byQuestion };
}

/** Whether a thread is shown beside its paragraph on this page (then its question lists a link to it). */
export function besideBlock(thread: Comment, placed: PlacedThreads): boolean {
  return Boolean(thread.block_id && placed.byBlock.get(thread.block_id)?.includes(thread));
}

/**
 * Replies to show under a comment at `depth` (1 for a top-level comment). Deeper replies than MAX_DEPTH are
 * lifted to the last shown level, in order, so that nothing the API returned is hidden.
 */
export function visibleReplies(comment: Comment, depth: number): Comment[] {
  if (depth < MAX_DEPTH - 1) return comment.replies ?? [];
  const flat: Comment[] = [];
  const walk = (list: Comment[]) => {
    for (const reply of list) {
      flat.push({ ...reply, replies: [] });
      walk(reply.replies ?? []);
    }
  };
  walk(comment.replies ?? []);
  return flat;
}

/** Whether a reply form may be offered under this comment (the API accepts replies up to level 2). */
export function canReplyTo(comment: Comment): boolean {
  return comment.level < MAX_DEPTH - 1;
}

/** Counts a thread's comments (itself and every reply). */
export function threadSize(comment: Comment): number {
  return 1 + (comment.replies ?? []).reduce((sum, reply) => sum + threadSize(reply), 0);
}

/** A date (and time when asked) in the reader's language, in UTC like the discussion's window. */
export function formatDate(value: string, lang: Lang, withTime = false): string {
  return formatLocalDate(lang, value, { dateStyle: 'long', ...(withTime ? { timeStyle: 'short' } : {}) });
}

export const STATUS_LABELS: Record<string, MessageKey> = {
  new: 'triageNew',
  under_consideration: 'triageUnderConsideration',
  addressed: 'triageAddressed',
  not_taken_up: 'triageNotTakenUp',
};

const LANGUAGE_NAMES: Record<string, MessageKey> = { en: 'langEnglish', fr: 'langFrench', es: 'langSpanish' };

export function languageName(code: string, t: Translate): string {
  const key = LANGUAGE_NAMES[code];
  return key ? t(key) : code;
}

export interface Participation {
  canPost: boolean;
  /** why the reader cannot post, in their language */
  message?: string;
  /** the reader is not signed in: offer the sign-in link */
  signIn?: boolean;
}

/**
 * Whether the reader may post, and otherwise why: the discussion's window first (closed on / opens on, with the
 * date in the reader's language), then signing in, then the API's own reason (Champions only, e-mail not verified).
 */
export function participation(
  discussion: Pick<Discussion, 'state' | 'opens_at' | 'closes_at'>,
  viewer: { can_post: boolean; reason?: string | null } | undefined,
  signedIn: boolean,
  t: Translate,
  lang: Lang,
): Participation {
  if (discussion.state === 'closed') return { canPost: false, message: `${t('discussionClosedOn')} ${formatDate(discussion.closes_at, lang)}.` };
  if (discussion.state === 'upcoming') return { canPost: false, message: `${t('discussionOpensOn')} ${formatDate(discussion.opens_at, lang)}.` };
  if (!signedIn) return { canPost: false, message: t('signInToPost'), signIn: true };
  if (viewer?.can_post) return { canPost: true };
  return { canPost: false, message: viewer?.reason || t('errorGeneric') };
}

/** The API's `viewer` of a discussion for the signed-in reader (their session, their language). */
export async function viewerOf(session: BackendSession, discussionId: number): Promise<Viewer | undefined> {
  const { data } = await sessionClient(session).GET('/api/v1/discussions/{discussion_id}/', { params: { path: { discussion_id: discussionId } } });
  return data?.viewer ?? undefined;
}

/** A discussion id from the route: a positive whole number, else undefined (→ 404). */
export function parseId(value: string | undefined): number | undefined {
  return value !== undefined && /^\d{1,9}$/.test(value) && Number(value) > 0 ? Number(value) : undefined;
}
