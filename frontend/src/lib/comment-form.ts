/**
 * The comment form of a discussion: the paragraphs a reader may comment on, reading and checking the posted form,
 * the API's answers as messages per field, and where the reader goes after posting. Pure functions (no I/O);
 * src/lib/discussions.ts re-exports them with the reading of discussions.
 */
import type { components } from '../api/schema';
import type { Block } from '../api/wagtail-types.ts';
import type { FieldError } from './account.ts';
import type { MessageKey, Translate } from './i18n.ts';

/** The API's DISCUSSION_COMMENT_MAX_LENGTH (django-contrib-comments' own limit). */
export const COMMENT_MAX_LENGTH = 3000;

/** Text of a block, for the paragraph choice of the comment form. */
function blockText(block: Block): string {
  const strip = (html: string) => html.replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&[a-z#0-9]+;/gi, ' ');
  switch (block.type) {
    case 'text':
      return strip(block.value);
    case 'heading':
      return block.value.text;
    case 'callout':
      return `${block.value.title ?? ''} ${strip(block.value.body)}`;
    case 'practical_application':
      return `${block.value.title} ${strip(block.value.text)}`;
    case 'quote':
      return block.value.quote;
    case 'table':
      return block.value.caption;
    default:
      return '';
  }
}

export interface BlockOption {
  value: string;
  label: string;
}

/** The page's blocks that can be commented on, as "§ 3: first words…" choices. */
export function blockOptions(blocks: Block[] | null | undefined, t: Translate, length = 70): BlockOption[] {
  const options: BlockOption[] = [];
  for (const block of blocks ?? []) {
    const text = blockText(block).replace(/\s+/g, ' ').trim();
    if (!block.id || !text) continue;
    const excerpt = text.length > length ? `${text.slice(0, length - 1).trimEnd()}…` : text;
    options.push({ value: block.id, label: `${t('paragraph')} ${options.length + 1}: ${excerpt}` });
  }
  return options;
}

/** The comment form's fields, as posted by the browser. */
export interface CommentForm {
  page: string;
  question: string;
  block: string;
  parent: string;
  body: string;
  follow: boolean;
  next: string;
}

export function readCommentForm(form: FormData): CommentForm {
  const text = (name: string) => String(form.get(name) ?? '').trim();
  return {
    page: text('page'),
    question: text('question'),
    block: text('block'),
    parent: text('parent'),
    body: String(form.get('body') ?? '').replace(/\r\n/g, '\n').trim(),
    follow: form.get('follow') === 'on' || form.get('follow') === '1',
    next: text('next'),
  };
}

const positiveInt = (value: string): number | undefined => (/^\d{1,9}$/.test(value) && Number(value) > 0 ? Number(value) : undefined);

/** Checks the form before it goes to the API: errors per field, or the API payload. */
export function commentPayload(
  form: CommentForm,
  t: Translate,
  maxLength = COMMENT_MAX_LENGTH,
): { errors: FieldError[]; payload?: components['schemas']['CommentIn'] } {
  const errors: FieldError[] = [];
  const pageId = positiveInt(form.page);
  const parentId = form.parent ? positiveInt(form.parent) : undefined;
  const questionId = form.question ? positiveInt(form.question) : undefined;
  if (pageId === undefined) errors.push({ field: '', message: t('errorGeneric') });
  if (form.parent && parentId === undefined) errors.push({ field: '', message: t('errorGeneric') });
  if (!form.parent && questionId === undefined) errors.push({ field: 'question', message: t('errorChooseQuestion') });
  if (!form.body) errors.push({ field: 'body', message: t('errorRequired') });
  else if (form.body.length > maxLength) errors.push({ field: 'body', message: t('errorTooLong') });
  if (!/^[A-Za-z0-9_-]{0,64}$/.test(form.block)) errors.push({ field: 'block', message: t('errorInvalid') });
  if (errors.length || pageId === undefined) return { errors };
  return {
    errors,
    payload: {
      page_id: pageId,
      question_id: parentId ? null : questionId,
      block_id: parentId ? '' : form.block,
      body: form.body,
      parent_id: parentId ?? null,
      follow: form.follow,
    },
  };
}

/** The pydantic field of a 422 `errors` entry → our form field. */
const API_FIELDS: Record<string, string> = { body: 'body', question_id: 'question', block_id: 'block', page_id: '', parent_id: '', follow: '' };

/**
 * The API's answer to a refused comment → messages per field. Django already translated `detail` from the
 * request's Accept-Language; validation errors that name a field are put beside that field.
 */
export function commentErrors(status: number, data: Record<string, unknown>, t: Translate): FieldError[] {
  const detail = typeof data.detail === 'string' && data.detail ? data.detail : '';
  if (status === 422 && Array.isArray(data.errors)) {
    const errors: FieldError[] = [];
    for (const entry of data.errors as Array<Record<string, unknown>>) {
      const loc = Array.isArray(entry.loc) ? entry.loc.map(String) : [];
      const name = loc[loc.length - 1] ?? '';
      const field = API_FIELDS[name] ?? '';
      const type = typeof entry.type === 'string' ? entry.type : '';
      const message = type === 'string_too_long' ? t('errorTooLong') : type === 'missing' ? t('errorRequired') : t('errorInvalid');
      errors.push({ field, message });
    }
    if (errors.length) return errors;
  }
  if (status === 429) return [{ field: '', message: detail || t('errorTooMany') }];
  if (status === 401) return [{ field: '', message: detail || t('signInToPost') }];
  if (status >= 500 || !detail) return [{ field: '', message: t('errorGeneric') }];
  return [{ field: '', message: detail }];
}

/** Notices a discussion redirect may carry (only these are shown from the query string). */
export const DISCUSSION_NOTICES = {
  'comment-posted': 'noticeCommentPosted',
  'comment-pending': 'noticeCommentPending',
  flagged: 'noticeFlagged',
  'flag-failed': 'noticeFlagFailed',
  'flag-limited': 'noticeFlagLimited',
} as const satisfies Record<string, MessageKey>;

export function discussionNotice(url: URL): MessageKey | undefined {
  const value = url.searchParams.get('notice') ?? '';
  return Object.hasOwn(DISCUSSION_NOTICES, value) ? DISCUSSION_NOTICES[value as keyof typeof DISCUSSION_NOTICES] : undefined;
}

/** Where to send the reader after posting: back to the page, at the new comment or at its question. */
export function afterPost(next: string, posted: { id: number; public: boolean; question_id: number }): string {
  const base = next.split('#')[0]?.split('?')[0] ?? next;
  return posted.public ? `${base}?notice=comment-posted#comment-${posted.id}` : `${base}?notice=comment-pending#question-${posted.question_id}`;
}
