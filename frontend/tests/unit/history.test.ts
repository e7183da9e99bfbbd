/** The living document for readers (issue 13): addresses, diffs made accessible, the staleness notice, the
 * last-updated line, the changes feed entries, and that publishes refresh these routes. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Change } from '../../src/api/client.ts';
import {
  accessibleDiffHtml,
  changeEntry,
  changesHref,
  comparePairs,
  defaultComparison,
  diffHref,
  editionFeedbackGroups,
  editionParam,
  hasHistory,
  historyHref,
  localisedPageHref,
  pointInTimeHref,
  staleNotice,
  versionParam,
} from '../../src/lib/history.ts';
import { translator } from '../../src/lib/i18n.ts';
import { cacheKey, purgeMatches } from '../../src/lib/pagecache.ts';
import { sanitizeDiffHtml } from '../../src/lib/sanitize.ts';
import { renderComponent } from './render.ts';

const MARKS = { added: 'added text:', removed: 'removed text:', end: 'end of change' };

test('routes of a page path: history, diff (sides optional), point in time, changes', () => {
  assert.equal(historyHref('fr', 'livret/objectif-1'), '/fr/history/livret/objectif-1/');
  assert.equal(historyHref('en', ''), '/en/history/');
  assert.equal(diffHref('es', 'guide', 12, 'e2'), '/es/diff/guide/?from=12&to=e2');
  assert.equal(diffHref('en', 'guide', undefined, 40), '/en/diff/guide/?to=40');
  assert.equal(diffHref('en', 'guide'), '/en/diff/guide/');
  assert.equal(pointInTimeHref('fr', 1, 'guide/étape'), '/fr/editions/1/guide/%C3%A9tape/');
  assert.equal(changesHref('en', 2, 3), '/en/changes/?since=2&page=3');
  assert.equal(changesHref('en'), '/en/changes/');
  // an English page listed in French stays under /fr/ (the catch-all shows it as the fallback)
  assert.equal(localisedPageHref('fr', '/en/booklet/objective-1/', 'en'), '/fr/booklet/objective-1/');
});

test('only guidance pages have a history', () => {
  assert.equal(hasHistory('guidance_pages.ObjectivePage'), true);
  assert.equal(hasHistory('guidance_pages.HomePage'), true);
  assert.equal(hasHistory('examples_library.ExamplePage'), false);
  assert.equal(hasHistory('examples_library.ExamplesIndexPage'), false);
});

test('each version is compared with the one before it; the form starts with the newest two', () => {
  const versions = [{ id: 30 }, { id: 20 }, { id: 10 }];
  assert.deepEqual(
    comparePairs(versions).map(({ version, previous }) => [version.id, previous?.id]),
    [[30, 20], [20, 10], [10, undefined]],
  );
  assert.deepEqual(defaultComparison(versions), { from: 20, to: 30 });
  assert.deepEqual(defaultComparison([{ id: 5 }]), { from: 5, to: 5 });
  assert.deepEqual(defaultComparison([]), { from: undefined, to: undefined });
});

test('query parameters: versions passed on for the API to judge, editions must be whole numbers', () => {
  const url = new URL('http://x/en/diff/guide/?from=%20e1%20&to=&since=abc');
  assert.equal(versionParam(url, 'from'), 'e1');
  assert.equal(versionParam(url, 'to'), undefined);
  assert.ok(Number.isNaN(editionParam(url, 'since')));
  assert.equal(editionParam(new URL('http://x/?since=2'), 'since'), 2);
  assert.ok(Number.isNaN(editionParam(new URL('http://x/?since=0'), 'since')));
  assert.equal(editionParam(new URL('http://x/'), 'since'), undefined);
});

test('diff HTML keeps <ins>/<del> and text formatting, drops anything else', () => {
  assert.equal(sanitizeDiffHtml('<p>a <del>old</del><ins>new</ins></p>'), '<p>a <del>old</del><ins>new</ins></p>');
  assert.equal(sanitizeDiffHtml('<p><ins onclick="x()" class="c">x</ins><script>alert(1)</script><img src=x></p>'), '<p><ins>x</ins></p>');
});

test('insertions and deletions are announced in words, not only shown by colour', () => {
  const html = accessibleDiffHtml('<p>keep <del>two</del><ins>three</ins> <b>words</b></p>', MARKS);
  assert.equal(
    html,
    '<p>keep <del><span class="visually-hidden">[removed text: </span>two<span class="visually-hidden"> end of change]</span></del>' +
      '<ins><span class="visually-hidden">[added text: </span>three<span class="visually-hidden"> end of change]</span></ins> <b>words</b></p>',
  );
  assert.equal(accessibleDiffHtml('<ins><script>x</script></ins>', { ...MARKS, added: '<b>' }), '<ins><span class="visually-hidden">[&lt;b&gt; </span><span class="visually-hidden"> end of change]</span></ins>');
});

const STALE = {
  status: 'outdated',
  since: '2026-03-02T10:00:00Z',
  source: { id: 4, title: 'Objective 1', path: '/en/booklet/objective-1/' },
  diff_from: 11,
  diff_to: 15,
};

test('the staleness notice: since when, the English page, the English diff when both sides are known', () => {
  assert.deepEqual(staleNotice(STALE), {
    message: 'staleOutdated',
    since: '2026-03-02T10:00:00Z',
    englishHref: '/en/booklet/objective-1/',
    diffHref: '/en/diff/booklet/objective-1/?from=11&to=15',
  });
  assert.equal(staleNotice({ ...STALE, diff_from: null })?.diffHref, undefined);
  // the API names the same version on both sides when English has not changed since the translation
  assert.equal(staleNotice({ ...STALE, status: 'partly_translated', diff_from: 15 })?.diffHref, undefined);
  assert.equal(staleNotice({ ...STALE, status: 'partly_translated', since: null })?.message, 'stalePartly');
  assert.equal(staleNotice({ ...STALE, status: 'not_translated' })?.message, 'staleNotTranslated');
  assert.equal(staleNotice(null), undefined);
  // the English page unpublished since: still behind, nothing to link
  assert.deepEqual(staleNotice({ ...STALE, source: null }), { message: 'staleOutdated', since: '2026-03-02T10:00:00Z', englishHref: undefined, diffHref: undefined });
});

test('the staleness notice renders in French with its date and links, and not on English pages', async () => {
  const html = await renderComponent('components/history/StaleNotice.astro', { lang: 'fr', stale: STALE });
  assert.match(html, /Cette traduction est en retard sur la page anglaise depuis le 2 mars 2026\./);
  assert.match(html, /href="\/en\/booklet\/objective-1\/"/);
  assert.match(html, /href="\/en\/diff\/booklet\/objective-1\/\?from=11&amp;to=15"/);
  const orphan = await renderComponent('components/history/StaleNotice.astro', { lang: 'es', stale: { ...STALE, source: null } });
  assert.match(orphan, /Esta traducción está desactualizada respecto a la página en inglés desde el 2 de marzo de 2026\./);
  assert.doesNotMatch(orphan, /<a /);
  assert.equal((await renderComponent('components/history/StaleNotice.astro', { lang: 'en', stale: STALE })).trim(), '');
  assert.equal((await renderComponent('components/history/StaleNotice.astro', { lang: 'fr', stale: null })).trim(), '');
});

test('the last-updated line: date in the reader language, the note, a link to the history', async () => {
  const change = { version: 15, date: '2026-03-02T10:00:00Z', kind: 'substantive', note: 'Nouvel exemple' };
  const html = await renderComponent('components/history/LastUpdated.astro', { lang: 'es', contentLang: 'fr', path: 'livret/objectif-1', change });
  assert.match(html, /Última actualización: 2 de marzo de 2026/);
  assert.match(html, /<span lang="fr">Nouvel exemple<\/span>/);
  assert.match(html, /<a href="\/es\/history\/livret\/objectif-1\/">Ver todas las actualizaciones<\/a>/);
  assert.equal((await renderComponent('components/history/LastUpdated.astro', { lang: 'en', contentLang: 'en', path: '', change: null })).trim(), '');
});

test('a feed entry links the diff of a change, the page of a first publication', () => {
  const change = {
    page: { id: 4, title: 'Objectif 1', locale: 'fr', type: 'guidance_pages.ObjectivePage', path: '/fr/livret/objectif-1/' },
    version: { id: 15, date: '2026-03-02T10:00:00Z', kind: 'substantive', note: 'Nouvel exemple', editions: [] },
  } as Change;
  assert.deepEqual(changeEntry('fr', 'https://s', change), {
    id: 'https://s/fr/history/livret/objectif-1/#v15',
    title: 'Objectif 1',
    url: 'https://s/fr/diff/livret/objectif-1/?to=15',
    summary: 'Nouvel exemple',
    published: '2026-03-02T10:00:00Z',
  });
  const original = { ...change, version: { ...change.version, kind: 'original' as const } };
  assert.equal(changeEntry('fr', 'https://s', original).url, 'https://s/fr/livret/objectif-1/');
});

test('the new routes are cached for anonymous readers and a guidance publish purges them', () => {
  for (const path of ['/fr/history/guide/', '/fr/diff/guide/?from=1&to=2', '/fr/editions/', '/fr/editions/2/guide/', '/fr/changes/?since=1', '/fr/feeds/changes.xml']) {
    assert.ok(cacheKey(new Request(`http://s${path}`)), path);
    // guidance pages declare the whole site stale (cms/headless/freshness.py whole_site: "/<lang>/*")
    assert.ok(purgeMatches('/fr/*', new URL(`http://s${path}`).pathname), path);
  }
});

function chapterView(detail: Record<string, unknown>, fallback = false): unknown {
  const tree = { lang: 'fr', pages: [], byPath: new Map(), byId: new Map() };
  return {
    lang: 'fr',
    resolved: {
      lang: 'fr',
      contentLang: fallback ? 'en' : 'fr',
      fallback,
      path: 'guide/etapes',
      tree,
      detail: { id: 20, title: 'Étapes', meta: { type: 'guidance_pages.ChapterPage', html_url: null, slug: 'etapes', locale: 'fr' }, body: [], ...detail },
    },
    alternates: [],
    nav: { guide: 'guide', booklet: 'livret' },
    objectives: [],
    principles: [],
    children: [],
    siblings: [],
    objectiveHrefs: new Map(),
  };
}

test('every guidance page shows its last-updated line and, translated but behind, the staleness notice', async () => {
  const last_change = { version: 15, date: '2026-03-02T10:00:00Z', kind: 'substantive', note: 'Nouvel exemple' };
  const html = await renderComponent('components/pages/ChapterPage.astro', { view: chapterView({ last_change, stale_translation: STALE }) });
  assert.match(html, /Dernière mise à jour le 2 mars 2026/);
  assert.match(html, /<a href="\/fr\/history\/guide\/etapes\/">Voir toutes les mises à jour<\/a>/);
  assert.match(html, /class="notice stale-notice"/);
  // an English fallback already says it is English: no staleness notice on top
  const fallback = await renderComponent('components/pages/ChapterPage.astro', { view: chapterView({ last_change, stale_translation: STALE }, true) });
  assert.doesNotMatch(fallback, /stale-notice/);
});

test('a version the page lacks is a 404 that says why; bad input a 400 that says why; a failure a 503', async () => {
  const { failureOf } = await import('../../src/components/history/route.ts');
  const { ApiRefusal, BackendError } = await import('../../src/lib/backend.ts');
  assert.deepEqual(failureOf(new ApiRefusal(404, 'Version 12 is not a public version of this page.', '/x')), {
    failure: 'not-found',
    refusal: 'Version 12 is not a public version of this page.',
  });
  assert.deepEqual(failureOf(new ApiRefusal(400, 'Version 3 is the first.', '/x')), { failure: 'refused', refusal: 'Version 3 is the first.' });
  assert.deepEqual(failureOf(new BackendError('down')), { failure: 'unavailable', refusal: '' });
  const html = await renderComponent('components/NotFound.astro', { lang: 'fr', kind: 'not-found', detail: 'La version 12 n’existe pas.' });
  assert.match(html, /<p class="refusal" role="alert">La version 12 n’existe pas\.<\/p>/);
});

test('the edition page lists feedback by question, country and status, leaving empty groups out', () => {
  const t = translator('fr');
  assert.equal(editionFeedbackGroups(t, undefined), undefined);
  const groups = editionFeedbackGroups(t, {
    number: 2,
    name: 'Première édition',
    date: '2021-06-30',
    locale: 'fr',
    fallback: false,
    total: 3,
    by_question: [{ id: 1, text: 'La vision est-elle claire ?', discussion_id: 1, discussion: 'Discussion', count: 3 }],
    by_country: [{ kind: 'country', code: 'MX', name: 'Mexique', count: 2 }, { kind: 'language', code: 'fr', name: 'français', count: 1 }],
    by_status: [],
  });
  assert.ok(groups);
  assert.equal(groups.total, 3);
  assert.deepEqual(groups.groups.map((group) => group.title), [t('feedbackByQuestion'), t('feedbackByCountry')]);
  assert.deepEqual(groups.groups[1]?.rows, [{ label: 'Mexique', count: 2 }, { label: 'français', count: 1 }]);
});
