import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  afterPost,
  besideBlock,
  blockOptions,
  canReplyTo,
  commentErrors,
  commentPayload,
  discussionNotice,
  formatDate,
  participation,
  placeThreads,
  readCommentForm,
  threadSize,
  visibleReplies,
  type Comment,
} from '../../src/lib/discussions.ts';
import { translator } from '../../src/lib/i18n.ts';
import type { Block } from '../../src/api/wagtail-types.ts';

function comment(id: number, options: Partial<Comment> = {}): Comment {
  return {
    id,
    parent_id: null,
    level: 0,
    discussion_id: 1,
    question_id: 10,
    page_id: 5,
    block_id: '',
    language: 'fr',
    author: { name: `Author ${id}`, country: null },
    submitted_at: '2026-03-01T10:00:00Z',
    body: `Body ${id}`,
    body_html: `<p>Body ${id}</p>`,
    triage: null,
    replies: [],
    ...options,
  };
}

test('threads go beside the paragraph they address and under their question', () => {
  const onBlock = comment(1, { block_id: 'b1' });
  const general = comment(2, { question_id: 11 });
  const removedBlock = comment(3, { block_id: 'gone' });
  const placed = placeThreads([onBlock, general, removedBlock], ['b1', 'b2']);
  assert.deepEqual([...placed.byBlock.keys()], ['b1']);
  assert.deepEqual(placed.byBlock.get('b1')?.map((c) => c.id), [1]);
  assert.deepEqual(placed.byQuestion.get(10)?.map((c) => c.id), [1, 3]);
  assert.deepEqual(placed.byQuestion.get(11)?.map((c) => c.id), [2]);
  assert.equal(besideBlock(onBlock, placed), true);
  assert.equal(besideBlock(removedBlock, placed), false, 'a block no longer on the page: shown under its question');
  assert.equal(besideBlock(general, placed), false);
});

test('replies nest at most three levels; deeper ones are lifted, in order, never dropped', () => {
  const deepest = comment(5, { level: 4 });
  const deeper = comment(4, { level: 3, replies: [deepest] });
  const third = comment(3, { level: 2, replies: [deeper] });
  const second = comment(2, { level: 1, replies: [third] });
  const top = comment(1, { replies: [second] });
  assert.deepEqual(visibleReplies(top, 1).map((c) => c.id), [2]);
  const atThree = visibleReplies(second, 2);
  assert.deepEqual(atThree.map((c) => c.id), [3, 4, 5]);
  assert.ok(atThree.every((c) => c.replies.length === 0));
  assert.deepEqual(visibleReplies(atThree[0] as Comment, 3), []);
  assert.equal(threadSize(top), 5);
  assert.equal(canReplyTo(top), true);
  assert.equal(canReplyTo(second), true);
  assert.equal(canReplyTo(third), false, 'the API takes replies up to level 2');
});

test('the comment form is checked field by field before it goes to the API', () => {
  const t = translator('fr');
  const form = new FormData();
  form.set('page', '5');
  form.set('question', '');
  form.set('body', '   ');
  const empty = commentPayload(readCommentForm(form), t);
  assert.deepEqual(empty.errors, [
    { field: 'question', message: t('errorChooseQuestion') },
    { field: 'body', message: t('errorRequired') },
  ]);
  form.set('question', '11');
  form.set('block', 'abc-123');
  form.set('body', 'Ligne 1\r\nLigne 2');
  form.set('follow', 'on');
  assert.deepEqual(commentPayload(readCommentForm(form), t).payload, {
    page_id: 5,
    question_id: 11,
    block_id: 'abc-123',
    body: 'Ligne 1\nLigne 2',
    parent_id: null,
    follow: true,
  });
  form.set('block', '"><script>');
  assert.deepEqual(commentPayload(readCommentForm(form), t).errors, [{ field: 'block', message: t('errorInvalid') }]);
  form.set('block', '');
  form.set('body', 'x'.repeat(3001));
  assert.deepEqual(commentPayload(readCommentForm(form), t).errors, [{ field: 'body', message: t('errorTooLong') }]);
  const reply = new FormData();
  reply.set('page', '5');
  reply.set('parent', '9');
  reply.set('body', 'Merci');
  assert.deepEqual(commentPayload(readCommentForm(reply), t).payload, {
    page_id: 5,
    question_id: null,
    block_id: '',
    body: 'Merci',
    parent_id: 9,
    follow: false,
  });
});

test('API refusals become messages per field or for the whole form', () => {
  const t = translator('es');
  assert.deepEqual(
    commentErrors(422, { detail: 'Invalid input.', errors: [{ loc: ['body', 'payload', 'body'], type: 'string_too_long' }, { loc: ['body', 'payload', 'question_id'], type: 'int_parsing' }] }, t),
    [
      { field: 'body', message: t('errorTooLong') },
      { field: 'question', message: t('errorInvalid') },
    ],
  );
  assert.deepEqual(commentErrors(422, { detail: 'Elija una de las preguntas del debate.' }, t), [{ field: '', message: 'Elija una de las preguntas del debate.' }]);
  assert.deepEqual(commentErrors(429, { detail: 'Va demasiado rápido.' }, t), [{ field: '', message: 'Va demasiado rápido.' }]);
  assert.deepEqual(commentErrors(429, {}, t), [{ field: '', message: t('errorTooMany') }]);
  assert.deepEqual(commentErrors(500, { detail: 'Traceback…' }, t), [{ field: '', message: t('errorGeneric') }]);
  assert.deepEqual(commentErrors(403, { detail: 'Solo los Campeones pueden publicar en este debate.' }, t), [
    { field: '', message: 'Solo los Campeones pueden publicar en este debate.' },
  ]);
});

test('after posting: back at the comment, or at its question while it awaits moderation', () => {
  assert.equal(afterPost('/fr/guide/six/?x=1#old', { id: 7, public: true, question_id: 2 }), '/fr/guide/six/?notice=comment-posted#comment-7');
  assert.equal(afterPost('/fr/guide/six/', { id: 7, public: false, question_id: 2 }), '/fr/guide/six/?notice=comment-pending#question-2');
  assert.equal(discussionNotice(new URL('http://x/fr/?notice=comment-pending')), 'noticeCommentPending');
  assert.equal(discussionNotice(new URL('http://x/fr/?notice=toString')), undefined);
});

test('who may post: the window first, then signing in, then the API reason', () => {
  const t = translator('fr');
  const window = { opens_at: '2021-02-26T00:00:00Z', closes_at: '2021-03-26T00:00:00Z' };
  const closed = participation({ ...window, state: 'closed' }, { can_post: true }, true, t, 'fr');
  assert.deepEqual(closed, { canPost: false, message: `${t('discussionClosedOn')} 26 mars 2021.` });
  assert.match(participation({ ...window, state: 'upcoming' }, undefined, false, t, 'fr').message ?? '', /26 février 2021/);
  assert.deepEqual(participation({ ...window, state: 'open' }, undefined, false, t, 'fr'), { canPost: false, message: t('signInToPost'), signIn: true });
  assert.deepEqual(participation({ ...window, state: 'open' }, { can_post: false, reason: 'Seuls les Champions…' }, true, t, 'fr'), {
    canPost: false,
    message: 'Seuls les Champions…',
  });
  assert.deepEqual(participation({ ...window, state: 'open' }, { can_post: true }, true, t, 'fr'), { canPost: true });
  assert.equal(formatDate('2021-03-26T00:00:00Z', 'es'), '26 de marzo de 2021');
});

test('paragraph choices: numbered excerpts of the blocks that have text', () => {
  const t = translator('en');
  const blocks: Block[] = [
    { type: 'heading', id: 'h1', value: { text: 'Step 1', level: 'h2', anchor: 'step-1' } } as Block,
    { type: 'text', id: 't1', value: '<p>Map the <b>actors</b> &amp; partners of the process, with a very long sentence that goes on and on.</p>' },
    { type: 'download', id: 'd1', value: null },
  ];
  const options = blockOptions(blocks, t, 40);
  assert.equal(options.length, 2);
  assert.deepEqual(options[0], { value: 'h1', label: 'Paragraph 1: Step 1' });
  assert.equal(options[1]?.value, 't1');
  assert.equal(options[1]?.label, 'Paragraph 2: Map the actors & partners of the proces…');
  assert.ok((options[1]?.label.length ?? 0) <= 'Paragraph 2: '.length + 40);
});
