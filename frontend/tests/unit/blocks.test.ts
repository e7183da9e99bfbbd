/** The rules behind the StreamField blocks (src/lib/blocks.ts); their markup is tested in streamfield.test.ts. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Block } from '../../src/api/wagtail-types.ts';
import {
  calloutTitle,
  calloutVariant,
  formatSize,
  headingAnchor,
  labelLang,
  paragraphs,
  prepareBody,
  sameOriginUrl,
  showsToc,
} from '../../src/lib/blocks.ts';

test('headings get unique, id-safe anchors; h2s feed the table of contents', () => {
  const blocks: Block[] = [
    { type: 'heading', id: 'a', value: { text: 'Why <it>', level: 'h2', anchor: 'why' } },
    { type: 'heading', id: 'b', value: { text: 'Why again', level: 'h2', anchor: 'why' } },
    { type: 'heading', id: 'c', value: { text: 'Detail', level: 'h3', anchor: '3 détails' } },
    { type: 'heading', id: 'd', value: { text: 'Empty', level: 'h2', anchor: '' } },
  ];
  const body = prepareBody(blocks);
  assert.deepEqual([...body.anchors.values()], ['why', 'why-2', 'd-tails', 'section']);
  assert.deepEqual(body.toc, [
    { anchor: 'why', text: 'Why <it>' },
    { anchor: 'why-2', text: 'Why again' },
    { anchor: 'section', text: 'Empty' },
  ]);
  const heading = blocks[2] as Extract<Block, { type: 'heading' }>;
  assert.equal(headingAnchor(heading, body.anchors), 'd-tails');
  assert.equal(headingAnchor(heading, new Map()), '3 détails');
});

test('practical applications are in the table of contents, at their heading ids, in body order', () => {
  const blocks: Block[] = [
    { type: 'heading', id: 'a', value: { text: 'Context', level: 'h2', anchor: 'context' } },
    { type: 'practical_application', id: 'b-1', value: { title: 'Centres in Mali', country: 'Mali', text: '<p>x</p>' } },
    { type: 'practical_application', id: 'c', value: { title: '', country: '', text: '<p>untitled</p>' } },
  ];
  assert.deepEqual(prepareBody(blocks).toc, [
    { anchor: 'context', text: 'Context' },
    { anchor: 'pa-b-1', text: 'Centres in Mali' },
  ]);
});

test('"On this page" shows for two headings, or for any section the page adds after its text', () => {
  assert.equal(showsToc(0, 0), false);
  assert.equal(showsToc(1, 0), false, 'one heading alone would only repeat it');
  assert.equal(showsToc(2, 0), true);
  assert.equal(showsToc(0, 1), true, 'a jump past the text to the steps or examples');
});

test('a missing or malformed body is no blocks', () => {
  assert.deepEqual(prepareBody(undefined), { blocks: [], anchors: new Map(), toc: [] });
  assert.deepEqual(prepareBody('<p>x</p>' as unknown as Block[]).blocks, []);
});

test('labels carry the reader language only inside content of another language', () => {
  assert.equal(labelLang('fr', 'en'), 'fr');
  assert.equal(labelLang('fr', 'fr'), undefined);
  assert.equal(labelLang('fr', undefined), undefined);
});

test('callouts: an unknown variant is information; a title repeating the label is left out', () => {
  assert.equal(calloutVariant({ variant: 'nope' as 'info', title: '', body: '' }), 'info');
  assert.equal(calloutVariant({ variant: 'covid-19', title: '', body: '' }), 'covid-19');
  assert.equal(calloutTitle({ variant: 'info', title: 'Information', body: '' }, 'Information'), undefined);
  assert.equal(calloutTitle({ variant: 'info', title: 'Pandemic', body: '' }, 'Information'), 'Pandemic');
});

test('quotes split into paragraphs of lines', () => {
  assert.deepEqual(paragraphs('One\n\n\nTwo\nthree\n\n  '), [['One'], ['Two', 'three']]);
});

test('helpers', () => {
  assert.equal(formatSize(512, 'fr'), '512\u202Fo');
  assert.equal(formatSize(1536, 'fr'), '1,5\u202Fko');
  assert.equal(formatSize(2_500_000, 'en'), '2.5 MB');
  assert.equal(formatSize(2_500_000, 'fr'), '2,5\u202FMo');
  assert.equal(formatSize(null, 'en'), '');
  assert.equal(sameOriginUrl('https://cms.example/media/x.png'), '/media/x.png');
  assert.equal(sameOriginUrl('javascript:alert(1)'), '#');
});
