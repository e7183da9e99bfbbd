/**
 * The page tree of each language, read from Wagtail API v2, and the rules that map it to frontend paths.
 *
 * A page lives at `/<lang>/<path below home>/` (cms/frontend.py). Each language's tree is listed once
 * (cached briefly) and keyed by path; a path missing in French or Spanish falls back to the English page,
 * so /fr and /es work before translators have finished and pick translations up as soon as they exist.
 */
import { getJson } from '../lib/backend.ts';
import { LANGUAGES, type Lang } from '../lib/i18n.ts';
import type { PageDetail, PageListItem, PageListing } from './wagtail-types.ts';
import { getObjective } from './client.ts';

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

async function loadTree(lang: Lang): Promise<LocaleTree> {
  const items: PageListItem[] = [];
  for (let offset = 0; ; offset += PAGE_SIZE) {
    const listing = await getJson<PageListing>(
      `/api/v2/pages/?locale=${lang}&limit=${PAGE_SIZE}&offset=${offset}`,
    );
    if (!listing) break;
    items.push(...listing.items);
    if (listing.items.length < PAGE_SIZE || items.length >= listing.meta.total_count) break;
  }
  const pages: TreePage[] = [];
  for (const item of items) {
    const path = pathFromHtmlUrl(item.meta.html_url, lang);
    if (path === undefined) continue;
    pages.push({
      id: item.id,
      title: item.title,
      type: item.meta.type,
      locale: item.meta.locale,
      path,
      firstPublishedAt: item.meta.first_published_at ?? null,
    });
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

async function treeWith(lang: Lang, path: string): Promise<{ tree: LocaleTree; page: TreePage | undefined }> {
  let tree = await localeTree(lang);
  let page = tree.byPath.get(path);
  const cached = trees.get(lang);
  if (!page && cached && Date.now() - cached.at >= MISS_RELOAD_MS) {
    trees.delete(lang);
    tree = await localeTree(lang);
    page = tree.byPath.get(path);
  }
  return { tree, page };
}

export function parentPath(path: string): string | undefined {
  if (path === '') return undefined;
  const parts = path.split('/');
  parts.pop();
  return parts.join('/');
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
  let { tree, page } = await treeWith(lang, path);
  if (!page && lang !== 'en') ({ tree, page } = await treeWith('en', path));
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
 * language (translated slugs may differ), found through the domain API.
 */
export async function alternates(resolved: ResolvedPage): Promise<Alternate[]> {
  const objectiveNumber = resolved.detail.objective?.number;
  return Promise.all(
    LANGUAGES.map(async (lang): Promise<Alternate> => {
      const tree = await localeTree(lang);
      if (objectiveNumber !== undefined) {
        const objective = await getObjective(lang, objectiveNumber).catch(() => undefined);
        const page = objective?.page;
        const translated = page && page.locale === lang ? tree.byId.get(page.id) : undefined;
        if (translated) return { lang, href: frontendHref(lang, translated.path), translated: true };
      }
      return {
        lang,
        href: frontendHref(lang, resolved.path),
        translated: tree.byPath.has(resolved.path),
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

/** Forget the cached page trees (a purge from Django says pages changed). */
export function forgetTrees(): void {
  trees.clear();
}
