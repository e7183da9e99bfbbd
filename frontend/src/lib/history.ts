/**
 * The reader's side of the living document (issue 13): where editions, histories, diffs and point-in-time pages
 * live on the site, and the pure rules their pages follow. The data comes from the domain API
 * (src/api/client.ts: listEditions, getEdition, listChanges, getPageHistory, getPageDiff, getPageVersion).
 */
import { frontendHref, pathFromHtmlUrl } from '../api/pages.ts';
import type { StaleTranslation } from '../api/wagtail-types.ts';
import type { Change, EditionFeedback } from '../api/client.ts';
import type { FeedEntry } from './feed.ts';
import type { Lang, MessageKey } from './i18n.ts';
import { escapeHtml, sanitizeDiffHtml } from './sanitize.ts';

/** Only guidance pages have a public history; examples and other pages have none. */
export function hasHistory(type: string): boolean {
  return type.startsWith('guidance_pages.');
}

const below = (path: string): string => (path === '' ? '' : `${path.split('/').map(encodeURIComponent).join('/')}/`);

export function editionsHref(lang: Lang): string {
  return `/${lang}/editions/`;
}

export function editionHref(lang: Lang, number: number): string {
  return `/${lang}/editions/${number}/`;
}

/** A page as it stood in edition `number`; `path` is the page's path below home ('' for home). */
export function pointInTimeHref(lang: Lang, number: number, path: string): string {
  return `/${lang}/editions/${number}/${below(path)}`;
}

export function historyHref(lang: Lang, path: string): string {
  return `/${lang}/history/${below(path)}`;
}

/** The diff page between two public versions ("123" or "e1"); a side left out is the API's default. */
export function diffHref(lang: Lang, path: string, from?: string | number | null, to?: string | number | null): string {
  const query = new URLSearchParams();
  if (from !== undefined && from !== null && from !== '') query.set('from', String(from));
  if (to !== undefined && to !== null && to !== '') query.set('to', String(to));
  const search = query.toString();
  return `/${lang}/diff/${below(path)}${search ? `?${search}` : ''}`;
}

export function changesHref(lang: Lang, since?: number, page = 1): string {
  const query = new URLSearchParams();
  if (since !== undefined) query.set('since', String(since));
  if (page > 1) query.set('page', String(page));
  const search = query.toString();
  return `/${lang}/changes/${search ? `?${search}` : ''}`;
}

export function changesFeedHref(lang: Lang): string {
  return `/${lang}/feeds/changes.xml`;
}

/**
 * The path below home of a page the API names by its public path ("/fr/booklet/objective-1/"), so that the
 * reader's own language prefix can be put in front (an English page shown in French stays under /fr/).
 */
export function pathBelowHome(publicPath: string, locale: string): string {
  return pathFromHtmlUrl(publicPath, locale) ?? '';
}

/** The reader's-language address of a page the API names by its public path. */
export function localisedPageHref(lang: Lang, publicPath: string, locale: string): string {
  return frontendHref(lang, pathBelowHome(publicPath, locale));
}

export interface VersionLike {
  id: number;
}

/**
 * Each version with the one before it, to compare them (versions come newest first, as the API lists them);
 * the oldest has nothing before it.
 */
export function comparePairs<T extends VersionLike>(versions: T[]): { version: T; previous: T | undefined }[] {
  return versions.map((version, index) => ({ version, previous: versions[index + 1] }));
}

/** The version the diff form starts from and goes to: the newest two, or the only one on both sides. */
export function defaultComparison<T extends VersionLike>(versions: T[]): { from: number | undefined; to: number | undefined } {
  return { from: (versions[1] ?? versions[0])?.id, to: versions[0]?.id };
}

/**
 * A version address from the query string ("123", "e2") as the reader typed it, trimmed and short; the API
 * judges it (and says why in the reader's terms when it is wrong), so it is passed on, not silently dropped.
 */
export function versionParam(url: URL, name: string): string | undefined {
  const value = (url.searchParams.get(name) ?? '').trim();
  return value ? value.slice(0, 40) : undefined;
}

/** An edition number from the query string: undefined when absent, NaN when it is not a positive integer. */
export function editionParam(url: URL, name: string): number | undefined {
  const value = url.searchParams.get(name);
  if (value === null || value.trim() === '') return undefined;
  return /^\d{1,6}$/.test(value.trim()) && Number(value) >= 1 ? Number(value) : Number.NaN;
}

export type DiffOp = 'added' | 'removed' | 'moved' | 'changed' | 'unchanged';

/** The label of a block's operation, shown next to it (a word, not only a colour). */
export const OP_LABELS: Record<DiffOp, MessageKey> = {
  added: 'diffOpAdded',
  removed: 'diffOpRemoved',
  moved: 'diffOpMoved',
  changed: 'diffOpChanged',
  unchanged: 'diffOpUnchanged',
};

export type VersionKind = 'original' | 'substantive' | 'edition';

export const KIND_LABELS: Record<VersionKind, MessageKey> = {
  original: 'versionKindOriginal',
  substantive: 'versionKindSubstantive',
  edition: 'versionKindEdition',
};

/**
 * The API's word-level diff HTML, sanitised (only text formatting and <ins>/<del> survive), with the start and
 * end of each insertion and deletion spelled out in visually hidden text: screen readers do not announce
 * <ins>/<del> by default, and colour or strike-through alone says nothing to someone who cannot see them.
 */
export function accessibleDiffHtml(html: string | null | undefined, labels: { added: string; removed: string; end: string }): string {
  const hidden = (text: string) => `<span class="visually-hidden">${escapeHtml(text)}</span>`;
  return sanitizeDiffHtml(html)
    .replaceAll('<ins>', `<ins>${hidden(`[${labels.added} `)}`)
    .replaceAll('</ins>', `${hidden(` ${labels.end}]`)}</ins>`)
    .replaceAll('<del>', `<del>${hidden(`[${labels.removed} `)}`)
    .replaceAll('</del>', `${hidden(` ${labels.end}]`)}</del>`);
}

const STALE_MESSAGES: Record<string, MessageKey> = {
  partly_translated: 'stalePartly',
  not_translated: 'staleNotTranslated',
};

/**
 * What the staleness notice of a translation says and links to, or undefined when it is up to date: the
 * English page, and the English diff when the API names both of its sides.
 */
export function staleNotice(
  stale: StaleTranslation | null | undefined,
): { message: MessageKey; since: string | undefined; englishHref: string | undefined; diffHref: string | undefined } | undefined {
  if (!stale) return undefined;
  const outdated = stale.status === 'outdated';
  const since = outdated && stale.since ? stale.since : undefined;
  const message: MessageKey = outdated ? (since ? 'staleOutdated' : 'staleOutdatedUndated') : (STALE_MESSAGES[stale.status] ?? 'staleOutdatedUndated');
  const englishPath = stale.source ? pathBelowHome(stale.source.path, 'en') : undefined;
  // both sides the same version (a partly translated page whose English has not changed since): nothing to diff
  const hasDiff =
    stale.diff_from !== null && stale.diff_from !== undefined && stale.diff_to !== null && stale.diff_to !== undefined && String(stale.diff_from) !== String(stale.diff_to);
  return {
    message,
    since,
    // no live English page (unpublished since): the notice still says the translation is behind
    englishHref: englishPath === undefined ? undefined : frontendHref('en', englishPath),
    diffHref: englishPath !== undefined && hasDiff ? diffHref('en', englishPath, stale.diff_from, stale.diff_to) : undefined,
  };
}

export const CHANGES_PAGE_SIZE = 20;

/**
 * One substantive change as an Atom entry: it links to the diff that shows it (the page itself for a first
 * publication, which has nothing to compare with); its id names the public version, stable across languages'
 * prefixes and feed rebuilds.
 */
export function changeEntry(lang: Lang, origin: string, change: Change): FeedEntry {
  const path = pathBelowHome(change.page.path, change.page.locale);
  const url = change.version.kind === 'original' ? frontendHref(lang, path) : diffHref(lang, path, undefined, change.version.id);
  return {
    id: `${origin}${historyHref(change.page.locale as Lang, path)}#v${change.version.id}`,
    title: change.page.title,
    url: origin + url,
    summary: change.version.note,
    published: change.version.date,
  };
}

/** The groups the edition page lists under "feedback addressed": by question, by country (or language), by
 * triage status; empty groups left out. Undefined when the API gave nothing (the section is then not shown). */
export function editionFeedbackGroups(
  t: (key: MessageKey) => string,
  feedback: EditionFeedback | undefined,
): { total: number; groups: { title: string; rows: { label: string; count: number }[] }[] } | undefined {
  if (!feedback) return undefined;
  const groups = [
    { title: t('feedbackByQuestion'), rows: feedback.by_question.map((row) => ({ label: row.text, count: row.count })) },
    { title: t('feedbackByCountry'), rows: feedback.by_country.map((row) => ({ label: row.name, count: row.count })) },
    { title: t('feedbackByStatus'), rows: feedback.by_status.map((row) => ({ label: row.label, count: row.count })) },
  ].filter((group) => group.rows.length > 0);
  return { total: feedback.total, groups };
}
