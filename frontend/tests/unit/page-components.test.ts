/**
 * The frontend by page type: one component per Wagtail page type, named after its model, picked by the
 * catch-all route; each shows what its type adds to the guidance frame (rendered with Astro's container API).
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { TreePage } from '../../src/api/pages.ts';
import type { PageView } from '../../src/components/pages/view.ts';
import { renderComponent } from './render.ts';

const SRC = join(import.meta.dirname, '..', '..', 'src');
const PAGE_TYPES = ['HomePage', 'GuidePage', 'ChapterPage', 'StepPage', 'BookletPage', 'ObjectivePage', 'ExamplesIndexPage', 'ExamplePage'];

function page(id: number, path: string, type: string, locale = 'en'): TreePage {
  return { id, title: `Page ${id}`, type: `guidance_pages.${type}`, locale, path, firstPublishedAt: null };
}

function view(type: string, overrides: Partial<PageView> = {}, detail: Record<string, unknown> = {}): PageView {
  const pages = [page(1, '', 'HomePage'), page(2, 'guide', 'GuidePage'), page(3, 'guide/steps', 'ChapterPage')];
  const tree = { lang: 'fr' as const, pages, byPath: new Map(pages.map((p) => [p.path, p])), byId: new Map(pages.map((p) => [p.id, p])) };
  return {
    lang: 'fr',
    resolved: {
      lang: 'fr',
      contentLang: 'fr',
      fallback: false,
      path: 'guide/steps/two',
      tree,
      detail: { id: 20, title: 'Deux', summary: 'Résumé', meta: { type: `guidance_pages.${type}`, html_url: null, slug: 'two', locale: 'fr' }, body: [], ...detail },
    },
    alternates: [],
    nav: { guide: 'guide', booklet: 'livret' },
    objectives: [],
    principles: [],
    children: [],
    siblings: [],
    objectiveHrefs: new Map(),
    ...overrides,
  };
}

test('every page type the API serves has its component, named after its model, and the route picks it', () => {
  for (const type of PAGE_TYPES) {
    assert.ok(statSync(join(SRC, 'components', 'pages', `${type}.astro`)).isFile(), `${type}.astro`);
  }
  const index = readFileSync(join(SRC, 'components', 'pages', 'index.ts'), 'utf8');
  for (const type of PAGE_TYPES) assert.match(index, new RegExp(`\\.${type}': ${type},`));
});

test('the catch-all route only resolves the page and picks its component; page files stay short', () => {
  const route = readFileSync(join(SRC, 'pages', '[lang]', '[...path].astro'), 'utf8');
  assert.ok(route.split('\n').length <= 80, 'the catch-all route is at most 80 lines');
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)]));
  for (const file of [...files(join(SRC, 'pages')), ...files(join(SRC, 'components')), ...files(join(SRC, 'layouts')), join(SRC, 'lib', 'blocks.ts')]) {
    assert.ok(readFileSync(file, 'utf8').split('\n').length <= 300, `${file} is at most 300 lines`);
  }
  assert.doesNotMatch(readFileSync(join(SRC, 'lib', 'blocks.ts'), 'utf8'), /escapeHtml|<\//, 'blocks.ts builds no HTML');
});

test('a step links the steps before and after it, titles of English fallbacks marked', async () => {
  const siblings = [page(10, 'guide/steps/one', 'StepPage', 'en'), page(20, 'guide/steps/two', 'StepPage', 'fr'), page(30, 'guide/steps/three', 'StepPage', 'fr')];
  const html = await renderComponent('components/pages/StepPage.astro', { view: view('StepPage', { siblings }) });
  assert.match(html, /<article lang="fr"><h1>Deux<\/h1><p class="summary">Résumé<\/p><\/article>/);
  assert.match(html, /<a href="\/fr\/guide\/steps\/one\/" rel="prev">← Étape précédente\u00A0: <span lang="en">Page 10<\/span><\/a>/);
  assert.match(html, /<a href="\/fr\/guide\/steps\/three\/" rel="next">Étape suivante\u00A0: <span>Page 30<\/span> →<\/a>/);
});

test('an objective page titles itself with its objective, else with its own title and summary', async () => {
  const objective = { number: 3, title: 'Information', short_label: 'Info', fallback: false, page: null };
  const withObjective = view('ObjectivePage', { objectives: [objective as never] }, { objective: { number: 3, title: 'x', short_label: 'x' } });
  const html = await renderComponent('components/pages/ObjectivePage.astro', { view: withObjective });
  assert.match(html, /<header><h1 lang="fr"><span lang="fr">Objectif 3\u00A0:<\/span> Information<\/h1><dl class="objective-meta" lang="fr">/);
  assert.doesNotMatch(html, /class="summary"/);
  const without = await renderComponent('components/pages/ObjectivePage.astro', { view: view('ObjectivePage') });
  assert.match(without, /<article lang="fr"><h1>Deux<\/h1><p class="summary">Résumé<\/p>/);
});

test('an objective links the objectives before and after it; its contents list its practical applications and examples', async () => {
  const siblings = [page(10, 'livret/objectif-2', 'ObjectivePage'), page(20, 'livret/objectif-3', 'ObjectivePage', 'fr'), page(30, 'livret/objectif-4', 'ObjectivePage', 'fr')];
  const body = [{ type: 'practical_application', id: 'p1', value: { title: 'Au Mali', country: '', text: '<p>x</p>' } }];
  const objectiveExamples = {
    data: { examples: { count: 0, page_size: 10, items: [] } },
    page: 1,
    hrefs: new Map(),
  };
  const html = await renderComponent('components/pages/ObjectivePage.astro', {
    view: view('ObjectivePage', { siblings, objectiveExamples: objectiveExamples as never }, { body }),
  });
  assert.match(html, /<a href="\/fr\/livret\/objectif-2\/" rel="prev">← Objectif précédent\u00A0: <span lang="en">Page 10<\/span><\/a>/);
  assert.match(html, /<a href="\/fr\/livret\/objectif-4\/" rel="next">Objectif suivant\u00A0: <span>Page 30<\/span> →<\/a>/);
  assert.match(html, /<nav class="toc" aria-labelledby="toc-title" lang="fr"><h2 id="toc-title">Sur cette page<\/h2><ul><li><a href="#pa-p1">Au Mali<\/a><\/li><li><a href="#objective-examples-title">Exemples pour cet objectif<\/a><\/li><\/ul><\/nav>/);
  for (const id of ['pa-p1', 'objective-examples-title']) assert.match(html, new RegExp(` id="${id}"`), `the contents link #${id} is on the page`);
  const first = await renderComponent('components/pages/ObjectivePage.astro', { view: view('ObjectivePage', { siblings: siblings.slice(1) }) });
  assert.doesNotMatch(first, /rel="prev"/);
  assert.match(first, /rel="next"/);
});

test('a chapter lists its steps in its contents, linked to their heading', async () => {
  const children = [page(4, 'guide/steps/one', 'StepPage')];
  const html = await renderComponent('components/pages/ChapterPage.astro', { view: view('ChapterPage', { children }) });
  assert.match(html, /<nav class="toc" aria-labelledby="toc-title" lang="fr"><h2 id="toc-title">Sur cette page<\/h2><ul><li><a href="#children-title">Les six étapes<\/a><\/li><\/ul><\/nav>/);
  assert.match(html, /<h2 id="children-title">Les six étapes<\/h2>/);
  const empty = await renderComponent('components/pages/ChapterPage.astro', { view: view('ChapterPage') });
  assert.doesNotMatch(empty, /class="toc"/);
});

test('the Guide lists its chapters under a heading; home lists its sections without one', async () => {
  const children = [page(3, 'guide/steps', 'ChapterPage')];
  const guide = await renderComponent('components/pages/GuidePage.astro', { view: view('GuidePage', { children }) });
  assert.match(guide, /<section aria-labelledby="children-title"><h2 id="children-title">Chapitres<\/h2><ul class="card-list"><li><a class="label" href="\/fr\/guide\/steps\/" lang="en">Page 3<\/a>/);
  const home = await renderComponent('components/pages/HomePage.astro', { view: view('HomePage', { children }) });
  assert.match(home, /<\/article><ul class="card-list">/);
  assert.doesNotMatch(home, /children-title/);
});
