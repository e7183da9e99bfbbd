import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Block } from '../../src/api/wagtail-types.ts';
import { formatSize, renderBlock, renderBody, sameOriginUrl } from '../../src/lib/blocks.ts';
import { translator } from '../../src/lib/i18n.ts';

const en = { t: translator('en'), lang: 'en' };
const frOnEnglish = { t: translator('fr'), lang: 'fr', contentLang: 'en' };

test('text is sanitised rich text', () => {
  const html = renderBlock({ type: 'text', id: '1', value: '<p>Hi<script>x()</script></p>' }, en);
  assert.equal(html, '<div class="rich-text"><p>Hi</p></div>');
});

test('headings carry their anchor and level; duplicates get unique ids; h2s feed the table of contents', () => {
  const blocks: Block[] = [
    { type: 'heading', id: 'a', value: { text: 'Why <it>', level: 'h2', anchor: 'why' } },
    { type: 'heading', id: 'b', value: { text: 'Why again', level: 'h2', anchor: 'why' } },
    { type: 'heading', id: 'c', value: { text: 'Detail', level: 'h3', anchor: 'detail' } },
  ];
  const body = renderBody(blocks, en);
  assert.match(body.html, /<h2 id="why">Why &lt;it&gt;<\/h2>/);
  assert.match(body.html, /<h2 id="why-2">Why again<\/h2>/);
  assert.match(body.html, /<h3 id="detail">Detail<\/h3>/);
  assert.deepEqual(body.toc, [
    { anchor: 'why', text: 'Why <it>' },
    { anchor: 'why-2', text: 'Why again' },
  ]);
});

test('callouts: a translated variant label; COVID-19 has its own class', () => {
  const covid = renderBlock(
    { type: 'callout', id: 'c', value: { variant: 'covid-19', title: 'Pandemic', body: '<p>Note</p>' } },
    frOnEnglish,
  );
  assert.match(covid, /class="callout callout--covid-19" role="note"/);
  assert.match(covid, /<span class="callout-badge" lang="fr">COVID-19<\/span> <strong>Pandemic<\/strong>/);
  const key = renderBlock({ type: 'callout', id: 'k', value: { variant: 'key-point', title: '', body: '<p>x</p>' } }, frOnEnglish);
  assert.match(key, /callout--key-point/);
  assert.match(key, /Point clé/);
});

test('practical application: labelled section with title, country and text', () => {
  const html = renderBlock(
    { type: 'practical_application', id: 'p1', value: { title: 'Data hub', country: 'Mexico', text: '<p>Built.</p>' } },
    en,
  );
  assert.match(html, /<section class="practical" aria-labelledby="pa-p1">/);
  assert.match(html, /Practical application/);
  assert.match(html, /<h2 id="pa-p1">Data hub<\/h2><p class="practical-country">Mexico<\/p>/);
  assert.match(html, /<p>Built.<\/p>/);
});

test('tables: caption, column headers with scope, escaped cells, keyboard-scrollable region', () => {
  const html = renderBlock(
    { type: 'table', id: 't', value: { caption: 'Steps', header: ['Step', 'Who'], rows: [['1', '<b>x</b>']] } },
    en,
  );
  assert.match(html, /role="region" aria-labelledby="table-t" tabindex="0"/);
  assert.match(html, /<caption id="table-t">Steps<\/caption>/);
  assert.match(html, /<th scope="col">Step<\/th><th scope="col">Who<\/th>/);
  assert.match(html, /<td>&lt;b&gt;x&lt;\/b&gt;<\/td>/);
  const noHeader = renderBlock({ type: 'table', id: 'u', value: { caption: 'c', header: [], rows: [['a']] } }, en);
  assert.doesNotMatch(noHeader, /<thead>/);
});

test('downloads: same-origin link, label, type and size', () => {
  const html = renderBlock(
    {
      type: 'download',
      id: 'd',
      value: { id: 3, title: 'Guide', label: 'The guide (PDF)', url: 'http://localhost:8000/documents/3/guide.pdf', extension: 'pdf', size: 1_572_864 },
    },
    en,
  );
  assert.match(html, /<a href="\/documents\/3\/guide.pdf">/);
  assert.match(html, /Download:<\/span> The guide \(PDF\)/);
  assert.match(html, /\(PDF, 1\.5 MB\)/);
  assert.equal(renderBlock({ type: 'download', id: 'x', value: null }, en), '');
});

test('quotes: blockquote with paragraphs and attribution', () => {
  const html = renderBlock({ type: 'quote', id: 'q', value: { quote: 'One\n\nTwo <b>', attribution: 'A. Person' } }, en);
  assert.equal(
    html,
    '<figure class="quote"><blockquote><p>One</p><p>Two &lt;b&gt;</p></blockquote><figcaption>— A. Person</figcaption></figure>',
  );
});

test('unknown blocks are left out; a missing body renders nothing', () => {
  const unknown = { type: 'video', id: 'v', value: {} } as unknown as Block;
  assert.equal(renderBlock(unknown, en), '');
  assert.deepEqual(renderBody(undefined, en), { html: '', toc: [], blocks: [] });
  const body = renderBody([{ type: 'text', id: 'p-1', value: '<p>One</p>' }, unknown], en);
  assert.deepEqual(body.blocks.map((block) => block.id), ['p-1', 'v'], 'each block keeps its stable id for comments beside it');
});

test('helpers', () => {
  assert.equal(formatSize(512, 'en'), '512 B');
  assert.equal(formatSize(1536, 'fr'), '1,5 KB');
  assert.equal(sameOriginUrl('https://cms.example/media/x.png'), '/media/x.png');
  assert.equal(sameOriginUrl('javascript:alert(1)'), '#');
});
