/**
 * The StreamField components (src/components/streamfield/) rendered with Astro's container API: each block type
 * by its own component, text escaped by Astro, rich text sanitised, UI labels translated and marked with the
 * reader's language inside an English fallback.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Block } from '../../src/api/wagtail-types.ts';
import { renderComponent } from './render.ts';

const render = (blocks: unknown[], lang = 'en', contentLang?: string) =>
  renderComponent('components/streamfield/StreamField.astro', { blocks, lang, contentLang });

test('text is sanitised rich text', async () => {
  assert.equal(await render([{ type: 'text', id: '1', value: '<p onclick="x()">Hi<script>x()</script></p>' }]), '<div class="rich-text"><p>Hi</p></div>');
});

test('headings carry their unique anchor and level, text escaped; the contents list takes the h2s', async () => {
  const blocks: Block[] = [
    { type: 'heading', id: 'a', value: { text: 'Why <it>', level: 'h2', anchor: 'why' } },
    { type: 'heading', id: 'b', value: { text: 'Why again', level: 'h2', anchor: 'why' } },
    { type: 'heading', id: 'c', value: { text: 'Detail', level: 'h3', anchor: 'detail' } },
  ];
  assert.equal(await render(blocks), '<h2 id="why">Why &lt;it&gt;</h2><h2 id="why-2">Why again</h2><h3 id="detail">Detail</h3>');
  const toc = await renderComponent('components/streamfield/Toc.astro', { blocks, lang: 'fr', navLang: 'fr' });
  assert.match(toc, /<nav class="toc" aria-labelledby="toc-title" lang="fr"><h2 id="toc-title">Sur cette page<\/h2>/);
  assert.match(toc, /<li><a href="#why">Why &lt;it&gt;<\/a><\/li><li><a href="#why-2">Why again<\/a><\/li><\/ul>/);
  assert.equal(await renderComponent('components/streamfield/Toc.astro', { blocks: blocks.slice(0, 1), lang: 'en' }), '');
});

test('callouts: a translated variant label in the reader language; COVID-19 has its own class', async () => {
  const covid = await render([{ type: 'callout', id: 'c', value: { variant: 'covid-19', title: 'Pandemic', body: '<p>Note</p>' } }], 'fr', 'en');
  assert.equal(
    covid,
    '<div class="callout callout--covid-19" role="note"><p class="callout-label"><span class="callout-badge" lang="fr">COVID-19</span> <strong>Pandemic</strong></p><div class="rich-text"><p>Note</p></div></div>',
  );
  const key = await render([{ type: 'callout', id: 'k', value: { variant: 'key-point', title: '', body: '<p>x</p>' } }], 'fr');
  assert.match(key, /callout--key-point/);
  assert.match(key, /<span class="callout-badge">Point clé<\/span><\/p>/);
});

test('practical application: labelled section with title, country and text', async () => {
  const html = await render([{ type: 'practical_application', id: 'p1', value: { title: 'Data <hub>', country: 'Mexico', text: '<p>Built.</p>' } }]);
  assert.equal(
    html,
    '<section class="practical" aria-labelledby="pa-p1"><p class="practical-kicker">Practical application</p><h2 id="pa-p1">Data &lt;hub&gt;</h2><p class="practical-country">Mexico</p><div class="rich-text"><p>Built.</p></div></section>',
  );
});

test('tables: caption, column headers with scope, escaped cells, keyboard-scrollable region', async () => {
  const html = await render([{ type: 'table', id: 't', value: { caption: 'Steps', header: ['Step', 'Who'], rows: [['1', '<b>x</b>']] } }]);
  assert.equal(
    html,
    '<div class="table-scroll" role="region" aria-labelledby="table-t" tabindex="0"><table><caption id="table-t">Steps</caption><thead><tr><th scope="col">Step</th><th scope="col">Who</th></tr></thead><tbody><tr><td>1</td><td>&lt;b&gt;x&lt;/b&gt;</td></tr></tbody></table></div>',
  );
  assert.doesNotMatch(await render([{ type: 'table', id: 'u', value: { caption: 'c', header: [], rows: [['a']] } }]), /<thead>/);
});

test('downloads: same-origin link, label, type and size; a missing document renders nothing', async () => {
  const value = { id: 3, title: 'Guide', label: 'The "guide" (PDF)', url: 'http://localhost:8000/documents/3/guide.pdf', extension: 'pdf', size: 1_572_864 };
  assert.equal(
    await render([{ type: 'download', id: 'd', value }], 'fr', 'en'),
    '<p class="download"><a href="/documents/3/guide.pdf"><span class="download-action" lang="fr">Télécharger\u00A0:</span> The &quot;guide&quot; (PDF)</a> <span class="download-details">(PDF, 1,6\u202FMo)</span></p>',
  );
  assert.match(await render([{ type: 'download', id: 'j', value: { ...value, url: 'javascript:alert(1)', size: null, extension: '' } }]), /<a href="#">.*<\/a><\/p>$/);
  assert.equal(await render([{ type: 'download', id: 'x', value: null }]), '');
});

test('quotes: blockquote with paragraphs, line breaks and attribution', async () => {
  assert.equal(
    await render([{ type: 'quote', id: 'q', value: { quote: 'One\n\nTwo <b>\nthree', attribution: 'A. Person' } }]),
    '<figure class="quote"><blockquote><p>One</p><p>Two &lt;b&gt;<br>three</p></blockquote><figcaption>— A. Person</figcaption></figure>',
  );
});

test('unknown blocks are left out; a missing body renders nothing', async () => {
  assert.equal(await render([{ type: 'video', id: 'v', value: {} }, { type: 'text', id: 'p', value: '<p>One</p>' }]), '<div class="rich-text"><p>One</p></div>');
  assert.equal(await renderComponent('components/streamfield/StreamField.astro', { blocks: undefined, lang: 'en' }), '');
});
