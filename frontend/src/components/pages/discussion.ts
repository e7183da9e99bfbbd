/** The discussion a guidance page is under, read for the page: its approved threads and what the reader may do. */
import { frontendHref } from '../../api/pages.ts';
import { prepareBody } from '../../lib/blocks.ts';
import {
  blockOptions,
  discussionForPage,
  discussionNotice,
  pageComments,
  participation,
  placeThreads,
  viewerOf,
} from '../../lib/discussions.ts';
import { translator } from '../../lib/i18n.ts';
import { pageParam, type PageDiscussionState, type PageRequest, type PageView } from './view.ts';

/**
 * The page's discussion, or undefined when it has none. The guidance stays readable when the discussion
 * service fails: the page is then shown without its threads.
 */
export async function loadDiscussion(view: PageView, request: PageRequest): Promise<PageDiscussionState | undefined> {
  const { lang, session, signedIn, url } = request;
  const { detail, path } = view.resolved;
  const t = translator(lang);
  try {
    const discussion = await discussionForPage(lang, detail.id);
    if (!discussion) return undefined;
    const commentsPage = pageParam(url, 'comments');
    const [comments, viewer] = await Promise.all([
      pageComments(detail.id, discussion.id, commentsPage),
      signedIn && discussion.state === 'open' ? viewerOf(session, discussion.id) : Promise.resolve(undefined),
    ]);
    const take = participation(discussion, viewer, signedIn, t, lang);
    return {
      discussion,
      comments,
      placed: placeThreads(comments.results, prepareBody(detail.body).blocks.map((block) => block.id)),
      take,
      signedIn,
      commentsPage,
      notice: discussionNotice(url),
      paragraphChoices: take.canPost ? blockOptions(detail.body, t) : [],
      back: frontendHref(lang, path),
    };
  } catch (error) {
    console.error(`discussion of page ${detail.id}: ${String(error)}`);
    return undefined;
  }
}
