/**
 * What a content page needs from the backend, read before anything is rendered (the route sets the response
 * status from it): the page resolved from its path, what every page shows (language alternates, navigation,
 * its children and siblings in the tree) and, per page type, its own data (LOADERS). A backend failure
 * becomes a Failure the route shows as an error page.
 */
import { alternates as findAlternates, childrenOf, frontendHref, objectivePageHrefs, parentPath, resolvePage, sectionPaths } from '../../api/pages.ts';
import {
  getExample,
  getObjectiveExamples,
  listEditionsCached,
  listObjectives,
  listPrinciples,
  searchExamples,
  type EditionSummary,
} from '../../api/client.ts';
import { ApiRefusal, BackendError } from '../../lib/backend.ts';
import { latestEditionPdf, type EditionPdf } from '../../lib/edition-pdfs.ts';
import { apiQuery, pageCount, parseFilters } from '../../lib/examples.ts';
import { hasHistory } from '../../lib/history.ts';
import type { Lang } from '../../lib/i18n.ts';
import { loadDiscussion } from './discussion.ts';
import { pageParam, type PageOutcome, type PageRequest, type PageView } from './view.ts';

type Loader = (view: PageView, request: PageRequest) => Promise<PageView | undefined>;

const examplesIndex: Loader = async (view, { lang, url }) => {
  let filters = parseFilters(url.searchParams);
  // one library in every language: examples not translated into the reader's are listed in their own
  let result = await searchExamples(apiQuery(filters, lang));
  const last = pageCount(result.count, result.page_size);
  if (result.items.length === 0 && filters.page > last) {
    // a page past the end (an old link): show the last one
    filters = { ...filters, page: last };
    result = await searchExamples(apiQuery(filters, lang));
  }
  const objectiveHrefs = await objectivePageHrefs(lang, view.objectives, view.nav);
  return { ...view, examples: { filters, result }, objectiveHrefs };
};

const examplePage: Loader = async (view, { lang }) => {
  const example = await getExample(view.resolved.detail.id);
  if (!example) return undefined;
  // translations may have their own slugs: hreflang and the switcher follow the API's list. A language
  // without a translation shows the English page at the same path while English has one; otherwise the
  // switcher stays on this example (the only address it has), never on a path that does not exist.
  const shown = view.resolved.contentLang;
  const english = shown === 'en' || example.translations.some((ref) => ref.locale === 'en');
  const alternates = view.alternates.map((entry) => {
    const translation = example.translations.find((ref) => ref.locale === entry.lang);
    if (translation && translation.path.startsWith(`/${entry.lang}/`)) {
      return { lang: entry.lang, href: translation.path, translated: true };
    }
    return english && shown === 'en' ? entry : { lang: entry.lang, href: frontendHref(shown, view.resolved.path), translated: false };
  });
  const objectiveHrefs = await objectivePageHrefs(lang, view.objectives, view.nav);
  return { ...view, example, alternates, objectiveHrefs };
};

const objectivePage: Loader = async (view, { lang, url }) => {
  const number = view.resolved.detail.objective?.number;
  if (number === undefined) return view;
  let page = pageParam(url, 'page');
  let data = await getObjectiveExamples(lang, number, page);
  if (data && page > 1 && data.examples.items.length === 0) {
    page = pageCount(data.examples.count, data.examples.page_size);
    data = await getObjectiveExamples(lang, number, page);
  }
  if (!data) return view;
  return { ...view, objectiveExamples: { data, page } };
};

/**
 * The latest edition's PDF for a guidance page. A download link is not worth an error page: when the editions
 * API fails, the page is shown without it (and the failure logged).
 */
async function editionPdf(lang: Lang): Promise<{ edition: EditionSummary; pdf: EditionPdf } | undefined> {
  try {
    return latestEditionPdf(await listEditionsCached(lang), lang);
  } catch (error) {
    if (!(error instanceof BackendError)) throw error;
    console.error(error.message);
    return undefined;
  }
}

/** Each page type's own data, by its Wagtail model. */
const LOADERS: Record<string, Loader> = {
  'examples_library.ExamplesIndexPage': examplesIndex,
  'examples_library.ExamplePage': examplePage,
  'guidance_pages.ObjectivePage': objectivePage,
};

/** The page types that show the objectives (their titles, labels or links). */
const WITH_OBJECTIVES = new Set([
  'guidance_pages.BookletPage',
  'guidance_pages.ObjectivePage',
  'examples_library.ExamplesIndexPage',
  'examples_library.ExamplePage',
]);

async function load(request: PageRequest): Promise<PageOutcome> {
  const { lang } = request;
  const resolved = await resolvePage(lang, request.path);
  if (!resolved) return { failure: 'not-found', refusal: '' };
  const type = resolved.detail.meta.type;
  const [alternates, objectives, nav, principles, pdf] = await Promise.all([
    findAlternates(resolved),
    WITH_OBJECTIVES.has(type) ? listObjectives(lang) : Promise.resolve([]),
    sectionPaths(lang),
    resolved.detail.lists_principles ? listPrinciples(lang) : Promise.resolve([]),
    hasHistory(type) ? editionPdf(lang) : Promise.resolve(undefined),
  ]);
  const parent = parentPath(resolved.path);
  const view: PageView = {
    lang,
    resolved,
    alternates,
    nav,
    objectives,
    principles,
    children: childrenOf(resolved.tree, resolved.path).filter((page) => page.type.startsWith('guidance_pages.')),
    siblings: parent === undefined ? [] : childrenOf(resolved.tree, parent).filter((page) => page.type === type),
    objectiveHrefs: new Map(),
    editionPdf: pdf,
  };
  const loaded = LOADERS[type] ? await LOADERS[type](view, request) : view;
  if (!loaded) return { failure: 'not-found', refusal: '', alternates, nav };
  if (type.startsWith('guidance_pages.') && !resolved.fallback) {
    loaded.discussion = await loadDiscussion(loaded, request);
  }
  return { view: loaded };
}

/** The page at a path with its data, or why it cannot be shown. */
export async function loadPage(request: PageRequest): Promise<PageOutcome> {
  try {
    return await load(request);
  } catch (error) {
    if (!(error instanceof BackendError)) throw error;
    console.error(error.message);
    return error instanceof ApiRefusal
      ? { failure: 'refused', refusal: error.detail }
      : { failure: 'unavailable', refusal: '' };
  }
}
