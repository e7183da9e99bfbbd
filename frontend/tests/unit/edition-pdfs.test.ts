/**
 * The reader's side of the edition PDFs and of print (issue 19): sizes in the reader's locale, which PDF a page
 * offers and in what order the edition page lists them, the links themselves rendered from an editions API
 * response, the numbered paragraphs, and the origin the print stylesheet writes before the site's own links.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Block } from '../../src/api/wagtail-types.ts';
import { fileSize, latestEditionPdf, pdfIn, pdfsForReader, type EditionPdf } from '../../src/lib/edition-pdfs.ts';
import { printOriginCss } from '../../src/lib/print.ts';
import { renderComponent } from './render.ts';

const NBSP = /[\u00a0\u202f]/g;
const plain = (text: string) => text.replace(NBSP, ' ');
const pdf = (language: string, bytes = 1_234_567, number = 2): EditionPdf => ({
  language,
  url: `/api/v1/editions/${number}/pdf/${language}/`,
  bytes,
  generated_at: '2026-11-30T10:00:00Z',
});

test('file sizes: Intl units in the reader locale, one decimal below ten, none above or for bytes', () => {
  assert.equal(plain(fileSize(1_234_567, 'en')), '1.2 MB');
  assert.equal(plain(fileSize(1_234_567, 'fr')), '1,2 Mo');
  assert.equal(plain(fileSize(1_234_567, 'es')), '1,2 MB');
  assert.equal(plain(fileSize(12_345_678, 'en')), '12 MB');
  assert.equal(plain(fileSize(950, 'en')), '950 byte');
  assert.equal(plain(fileSize(45_600, 'fr')), '46 ko');
  assert.equal(plain(fileSize(2_500_000_000, 'en')), '2.5 GB');
  for (const wrong of [null, undefined, -1, Number.NaN]) assert.equal(fileSize(wrong, 'en'), '');
});

test('the PDF in a language; the edition page lists the reader language first, then the others in site order', () => {
  const pdfs = [pdf('es'), pdf('en'), pdf('de'), pdf('fr')];
  assert.equal(pdfIn(pdfs, 'fr')?.url, '/api/v1/editions/2/pdf/fr/');
  assert.equal(pdfIn(pdfs, 'it'), undefined);
  assert.equal(pdfIn(undefined, 'en'), undefined);
  assert.deepEqual(pdfsForReader(pdfs, 'es').map((entry) => [entry.lang, entry.own, entry.name]), [
    ['es', true, 'Español'],
    ['en', false, 'English'],
    ['fr', false, 'Français'],
  ]);
  assert.deepEqual(pdfsForReader([pdf('fr')], 'en').map((entry) => entry.lang), ['fr']);
  assert.deepEqual(pdfsForReader([], 'en'), []);
});

test("a guidance page offers the latest edition's PDF in its language, not an older edition's while it renders", () => {
  const editions = [
    { number: 1, name: 'First', pdfs: [pdf('en', 1000, 1), pdf('fr', 1000, 1)] },
    { number: 3, name: 'Third', pdfs: [pdf('en', 2000, 3)] },
    { number: 2, name: 'Second', pdfs: [pdf('fr', 3000, 2)] },
  ];
  assert.equal(latestEditionPdf(editions, 'en')?.pdf.url, '/api/v1/editions/3/pdf/en/');
  assert.equal(latestEditionPdf(editions, 'en')?.edition.name, 'Third');
  assert.equal(latestEditionPdf(editions, 'fr'), undefined);
  assert.equal(latestEditionPdf([], 'en'), undefined);
  assert.equal(latestEditionPdf([{ number: 1, name: 'No PDFs yet' }], 'en'), undefined);
});

test('edition page: the reader language PDF as "Download this edition", the others by name with hreflang', async () => {
  const html = await renderComponent('components/history/EditionPdfs.astro', { lang: 'fr', pdfs: [pdf('en', 1_100_000), pdf('fr', 1_234_567)] });
  const links = [...html.matchAll(/<a href="([^"]+)" type="application\/pdf" hreflang="(\w+)">(.*?)<\/a>/g)].map((match) => [match[1], match[2], plain(match[3] ?? '')]);
  assert.deepEqual(links, [
    ['/api/v1/editions/2/pdf/fr/', 'fr', 'Télécharger cette édition (PDF, 1,2 Mo)'],
    ['/api/v1/editions/2/pdf/en/', 'en', '<span lang="en">English</span> (PDF, 1,1 Mo)'],
  ]);
  assert.match(html, /<h2 id="edition-pdfs-title">Cette édition en PDF<\/h2>/);
  assert.equal(await renderComponent('components/history/EditionPdfs.astro', { lang: 'fr', pdfs: [] }), '');
});

test('guidance page: the latest edition PDF link beside the edition it is; nothing without one', async () => {
  const edition = { number: 2, name: 'Mise à jour', fallback: false, date: '2026-11-30', locale: 'fr', pages_changed: 3, pdfs: [pdf('fr')] };
  const html = await renderComponent('components/history/EditionDownload.astro', { lang: 'fr', download: { edition, pdf: pdf('fr') } });
  assert.match(plain(html), /<a href="\/api\/v1\/editions\/2\/pdf\/fr\/" type="application\/pdf" hreflang="fr">Télécharger cette édition \(PDF, 1,2 Mo\)<\/a>/);
  assert.match(plain(html), /<a href="\/fr\/editions\/2\/">Édition 2 : Mise à jour<\/a>/);
  assert.equal(await renderComponent('components/history/EditionDownload.astro', { lang: 'fr', download: undefined }), '');
});

test('numbered paragraphs: an anchor para-<n> and a self-link "¶ n" named "Paragraph n"; headings, downloads and unnumbered blocks as before', async () => {
  const blocks: Block[] = [
    { type: 'heading', id: 'h', value: { text: 'Why', level: 'h2', anchor: 'why' } },
    { type: 'text', id: 't', value: '<p>Text</p>' },
    { type: 'callout', id: 'c', value: { variant: 'covid-19', title: '', body: '<p>Box</p>' } },
    { type: 'quote', id: 'q', value: { quote: 'Said', attribution: '' } },
  ];
  const numbers = { t: '4.1', c: '4.2' };
  const html = await renderComponent('components/streamfield/StreamField.astro', { blocks, lang: 'fr', contentLang: 'en', numbers });
  assert.match(html, /^<h2 id="why">Why<\/h2>/);
  assert.match(
    html,
    /<div class="para" id="para-4\.1"><a class="para-number" href="#para-4\.1" aria-label="Paragraphe 4\.1" lang="fr">¶ 4\.1<\/a><div class="rich-text"><p>Text<\/p><\/div><\/div>/,
  );
  assert.match(html, /<div class="para" id="para-4\.2"><a class="para-number" href="#para-4\.2" aria-label="Paragraphe 4\.2" lang="fr">¶ 4\.2<\/a><div class="callout callout--covid-19"/);
  // a block the API does not number (here the quote) is shown as it was, without an anchor
  assert.match(html, /<\/div><figure class="quote">/);
  assert.equal((html.match(/class="para"/g) ?? []).length, 2);
  const without = await renderComponent('components/streamfield/StreamField.astro', { blocks, lang: 'en' });
  assert.doesNotMatch(without, /para-/);
});

test('print: the origin written before the site own links, as a CSS string that cannot break out', () => {
  assert.equal(printOriginCss('https://gcm.example.org'), ':root { --site-origin: "https://gcm.example.org"; }\n');
  assert.equal(printOriginCss('http://x"}body{a\\\n'), ':root { --site-origin: "http://x\\"}body{a\\\\"; }\n');
});
