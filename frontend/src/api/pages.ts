/**
 * The page tree of each language, read from Wagtail API v2, and the rules that map it to frontend paths.
 *
 * A page lives at `/<lang>/<path below home>/` (cms/headless/frontend.py). Each language's tree is listed once
 * (cached briefly) and keyed by path; a path missing in French or Spanish falls back to the English page,
 * so /fr and /es work before translators have finished and pick translations up as soon as they exist.
 *
 * The tree is the guidance structure only (home, guide, chapters, steps, booklet, objectives, the examples
 * index, any other page): examples are left out (`exclude_type`), so it has the same size with 10 or 100,000
 * examples. An example's path, `<examples index>/<slug>`, is looked up on its own, one API call
 * (`child_of=<index>&slug=<slug>`); lists of examples come from the read model (/api/v1/), which carries
 * their paths and dates.
 */
import { getJson } from '../lib/backend.ts';
import { LANGUAGES, type Lang } from '../lib/i18n.ts';
import type { PageDetail, PageListItem, PageListing } from './wagtail-types.ts';
import { listObjectives, type Objective } from './client.ts';

export interface TreePage {
  id: number;
  title: string;
  type: string;
  locale: string;
  /** path below the language's home page, without slashes at the ends: '' for home, 'booklet/objective-3' */
  path: string;
  firstPublishedAt: string | null;
}

export interface LocaleTree {
  lang: Lang;
  pages: TreePage[];
  byPath: Map<string, TreePage>;
  byId: Map<number, TreePage>;
}

const CACHE_MS = 30_000;
const PAGE_SIZE = 100;
export const EXAMPLE_TYPE = 'examples_library.ExamplePage';
export const EXAMPLES_INDEX_TYPE = 'examples_library.ExamplesIndexPage';
const trees = new Map<Lang, { at: number; tree: Promise<LocaleTree> }>();

/** Normalise a request path ('/guide/six-step-process/') to the tree key ('guide/six-step-process'). */
export function normalisePath(path: string): string {
  return path
    .split('/')
    .filter((part) => part.length > 0)
    .join('/');
}

/** Path below home from a Wagtail html_url, with or without a language prefix. */
export function pathFromHtmlUrl(htmlUrl: string | null, lang: string): string | undefined {
  if (!htmlUrl) return undefined;
  let pathname: string;
  try {
    pathname = new URL(htmlUrl, 'http://x').pathname;
  } catch {
    return undefined;
  }
  const parts = pathname.split('/').filter((part) => part.length > 0);
  if (parts[0] === lang) parts.shift();
  return parts.map((part) => decodeURIComponent(part)).join('/');
}

/** The listing URL of one page of a language's tree: every live page but the examples. */
export function treeListingUrl(lang: Lang, offset: number): string {
  return `/api/v2/pages/?locale=${lang}&exclude_type=${EXAMPLE_TYPE}&limit=${PAGE_SIZE}&offset=${offset}`;
}

function treePage(item: PageListItem, lang: string): TreePage | undefined {
  const path = pathFromHtmlUrl(item.meta.html_url, lang);
  if (path === undefined) return undefined;
  return {
    id: item.id,
    title: item.title,
    type: item.meta.type,
    locale: item.meta.locale,
    path,
    firstPublishedAt: item.meta.first_published_at ?? null,
  };
}

async function loadTree(lang: Lang): Promise<LocaleTree> {
  const items: PageListItem[] = [];
  for (let offset = 0; ; offset += PAGE_SIZE) {
    const listing = await getJson<PageListing>(treeListingUrl(lang, offset));
    if (!listing) break;
    items.push(...listing.items);
    if (listing.items.length < PAGE_SIZE || items.length >= listing.meta.total_count) break;
  }
  const pages: TreePage[] = [];
  for (const item of items) {
    const page = treePage(item, lang);
    if (page) pages.push(page);
  }
  return {
    lang,
    pages,
    byPath: new Map(pages.map((page) => [page.path, page])),
    byId: new Map(pages.map((page) => [page.id, page])),
  };
}

export function localeTree(lang: Lang): Promise<LocaleTree> {
  const cached = trees.get(lang);
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.tree;
  const tree = loadTree(lang);
  trees.set(lang, { at: Date.now(), tree });
  tree.catch(() => trees.delete(lang));
  return tree;
}

/**
 * A path missing from a cached tree may be a page published since it was read (without purges, nothing else
 * says so): read the tree again, unless it is younger than MISS_RELOAD_MS, so that unknown addresses cannot
 * make the server list the tree on every request.
 */
const MISS_RELOAD_MS = 3_000;

export function parentPath(path: string): string | undefined {
  if (path === '') return undefined;
  const parts = path.split('/');
  parts.pop();
  return parts.join('/');
}

/** The examples index a path would be an example of (its parent is that index), else undefined. */
export function examplesIndexOf(tree: LocaleTree, path: string): TreePage | undefined {
  const parent = parentPath(path);
  if (parent === undefined) return undefined;
  const page = tree.byPath.get(parent);
  return page?.type === EXAMPLES_INDEX_TYPE ? page : undefined;
}

/** The listing URL that finds one example: a child of the index with this slug (indexed, at most one page). */
export function exampleLookupUrl(index: TreePage, slug: string): string {
  return `/api/v2/pages/?child_of=${index.id}&slug=${encodeURIComponent(slug)}&limit=1`;
}

async function findExample(lang: Lang, index: TreePage, path: string): Promise<TreePage | undefined> {
  const slug = path.split('/').pop() ?? '';
  if (!slug) return undefined;
  // Wagtail answers 400 when child_of names a page that is gone (the examples index unpublished since the tree
  // was read): the example is not found, a 404, not a backend failure shown as 503
  const listing = await getJson<PageListing>(exampleLookupUrl(index, slug), undefined, [400, 404]);
  const item = listing?.items[0];
  const page = item ? treePage(item, lang) : undefined;
  return page ? { ...page, path } : undefined;
}

/**
 * The page at a path in one language's tree. A guidance path missing from a cached tree re-reads the tree
 * (MISS_RELOAD_MS guard); an example path is looked up by its slug under the examples index, and a missing
 * example is simply not found, without re-reading the tree.
 */
async function findPage(lang: Lang, path: string): Promise<{ tree: LocaleTree; page: TreePage | undefined }> {
  let tree = await localeTree(lang);
  let page = tree.byPath.get(path);
  if (page) return { tree, page };
  let index = examplesIndexOf(tree, path);
  const cached = trees.get(lang);
  if (!index && cached && Date.now() - cached.at >= MISS_RELOAD_MS) {
    trees.delete(lang);
    tree = await localeTree(lang);
    page = tree.byPath.get(path);
    if (page) return { tree, page };
    index = examplesIndexOf(tree, path);
  }
  if (index) page = await findExample(lang, index, path);
  return { tree, page };
}

export function childrenOf(tree: LocaleTree, path: string): TreePage[] {
  return tree.pages.filter((page) => page.path !== '' && parentPath(page.path) === path);
}

export function frontendHref(lang: Lang, path: string): string {
  return path === '' ? `/${lang}/` : `/${lang}/${path.split('/').map(encodeURIComponent).join('/')}/`;
}

export interface ResolvedPage {
  /** the language the reader asked for */
  lang: Lang;
  /** the language of the content shown (English when the translation does not exist yet) */
  contentLang: Lang;
  fallback: boolean;
  path: string;
  tree: LocaleTree;
  detail: PageDetail;
}

/** The page at a path in a language, or the English page there while it is not translated. */
export async function resolvePage(lang: Lang, rawPath: string): Promise<ResolvedPage | undefined> {
  const path = normalisePath(rawPath);
  let { tree, page } = await findPage(lang, path);
  if (!page && lang !== 'en') ({ tree, page } = await findPage('en', path));
  if (!page) return undefined;
  const detail = await getJson<PageDetail>(`/api/v2/pages/${page.id}/`);
  if (!detail) return undefined;
  const contentLang = tree.lang;
  return { lang, contentLang, fallback: contentLang !== lang, path, tree, detail };
}

export interface Alternate {
  lang: Lang;
  href: string;
  /** the content exists in that language (not an English fallback) */
  translated: boolean;
}

/**
 * The same content in every language: the same path, or for objective pages the objective's own page in that
 * language (translated slugs may differ), found in the objectives list of that language (read once and kept
 * for every page, as for the navigation), not in the objective's detail: that one carries a page of examples,
 * which the objective page reads once for its own language (issue 18: four calls per render before).
 */
export async function alternates(resolved: ResolvedPage): Promise<Alternate[]> {
  const objectiveNumber = resolved.detail.objective?.number;
  return Promise.all(
    LANGUAGES.map(async (lang): Promise<Alternate> => {
      const tree = await localeTree(lang);
      if (objectiveNumber !== undefined) {
        const objectives = await listObjectives(lang).catch(() => [] as Objective[]);
        const objective = objectives.find((entry) => entry.number === objectiveNumber);
        const page = objective?.page;
        const translated = page && page.locale === lang ? tree.byId.get(page.id) : undefined;
        if (translated) return { lang, href: frontendHref(lang, translated.path), translated: true };
      }
      return {
        lang,
        href: frontendHref(lang, resolved.path),
        // examples are not in the tree: the page shown is in its own language (others come from the example's
        // own list of translations, in the page route)
        translated: tree.byPath.has(resolved.path) || lang === resolved.contentLang,
      };
    }),
  );
}

export interface SectionPaths {
  guide: string;
  booklet: string;
}

/** Where the Guide and the Booklet live in a language (their slugs may be translated), else in English. */
export async function sectionPaths(lang: Lang): Promise<SectionPaths> {
  const find = (tree: LocaleTree, type: string) =>
    tree.pages.find((page) => page.type === type && page.path !== '' && !page.path.includes('/'))?.path;
  const own = await localeTree(lang);
  const english = lang === 'en' ? own : await localeTree('en');
  return {
    guide: find(own, 'guidance_pages.GuidePage') ?? find(english, 'guidance_pages.GuidePage') ?? 'guide',
    booklet: find(own, 'guidance_pages.BookletPage') ?? find(english, 'guidance_pages.BookletPage') ?? 'booklet',
  };
}

/** Each objective's Booklet page in a language, by number: the links of an example's objectives. */
export async function objectivePageHrefs(lang: Lang, objectives: Objective[], nav?: SectionPaths): Promise<Map<number, string>> {
  const own = await localeTree(lang);
  const booklet = (nav ?? (await sectionPaths(lang))).booklet;
  const hrefs = new Map<number, string>();
  for (const entry of objectives) {
    if (!entry.page) continue;
    const page = own.byId.get(entry.page.id);
    hrefs.set(entry.number, frontendHref(lang, page ? page.path : `${booklet}/${entry.page.slug}`));
  }
  return hrefs;
}

/** Forget the cached page trees (a purge from Django says pages changed). */
export function forgetTrees(): void {
  trees.clear();
}
