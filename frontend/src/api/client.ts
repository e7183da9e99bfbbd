/** Typed client of the domain API (/api/v1/), generated from docs/openapi.json by `make openapi`. */
import createClient from 'openapi-fetch';
import type { components, paths } from './schema';
import type { Lang } from '../lib/i18n.ts';
import type { BackendSession } from '../lib/account.ts';
import { ApiRefusal, BackendError, backendUrl, detailOf } from '../lib/backend.ts';

export type Objective = components['schemas']['ObjectiveOut'];

/** The anonymous client: what any reader may see, cacheable. */
export function client() {
  return createClient<paths>({ baseUrl: backendUrl() });
}

/**
 * The client acting for one reader: each request goes through their Django session (cookies, CSRF token, their
 * address, their language; Django's Set-Cookie relayed back), so a page posting a comment or reading "my
 * submissions" is typed by the schema like every other call.
 */
export function sessionClient(session: BackendSession) {
  return createClient<paths>({ baseUrl: backendUrl(), fetch: (request) => session.send(request) });
}

export const timeout = (ms = 8000): AbortSignal => AbortSignal.timeout(ms);

/**
 * The data of a typed call, with the meaning pages rely on: undefined for the `missing` statuses (404: no such
 * thing), ApiRefusal for another 4xx (the reader's input is wrong, the API says why), BackendError when Django is
 * unreachable or fails.
 */
export async function answered<T>(
  what: string,
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
  missing: readonly number[] = [404],
): Promise<T | undefined> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (error) {
    throw new BackendError(`backend unreachable for ${what}: ${String(error)}`);
  }
  const { data, error, response } = result;
  if (missing.includes(response.status)) return undefined;
  if (response.status >= 400 && response.status < 500) throw new ApiRefusal(response.status, detailOf(error), what);
  if (!response.ok || data === undefined) throw new BackendError(`backend answered ${response.status} for ${what}`);
  return data;
}

/**
 * The JSON object of a refused typed call (`error`), or {} when Django answered something else (an HTML error
 * page, an empty body): the pages read `detail` and `errors` from it.
 */
export function errorBody(error: unknown): Record<string, unknown> {
  return error && typeof error === 'object' ? (error as Record<string, unknown>) : {};
}

const CACHE_MS = 30_000;
const objectivesCache = new Map<Lang, { at: number; items: Objective[] }>();

/** The 23 objectives with number, title and short label in the reader's language (English fallback). */
export async function listObjectives(lang: Lang): Promise<Objective[]> {
  const cached = objectivesCache.get(lang);
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.items;
  const { data, error } = await client().GET('/api/v1/objectives/', {
    params: { query: { locale: lang, limit: 100 } },
    signal: AbortSignal.timeout(8000),
  });
  if (error || !data) throw new BackendError(`objectives list failed for ${lang}`);
  objectivesCache.set(lang, { at: Date.now(), items: data.items });
  return data.items;
}

export type Principle = components['schemas']['PrincipleOut'];
const principlesCache = new Map<Lang, { at: number; items: Principle[] }>();

/** The ten guiding principles in the reader's language (English fallback, flagged). */
export async function listPrinciples(lang: Lang): Promise<Principle[]> {
  const cached = principlesCache.get(lang);
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.items;
  const { data, error } = await client().GET('/api/v1/principles/', {
    params: { query: { locale: lang, limit: 100 } },
    signal: AbortSignal.timeout(8000),
  });
  if (error || !data) throw new BackendError(`principles list failed for ${lang}`);
  principlesCache.set(lang, { at: Date.now(), items: data.items });
  return data.items;
}

export type ExamplesResult = components['schemas']['ExamplesOut'];
export type Entry = components['schemas']['EntryOut'];
export type Bucket = components['schemas']['Bucket'];
export type Example = components['schemas']['ExampleOut'];
export type ExampleSummary = components['schemas']['ExampleSummaryOut'];
export type ObjectiveWithExamples = components['schemas']['ObjectiveWithExamplesOut'];
export type SiteSearch = components['schemas']['SiteSearchOut'];

/** One page of /api/v1/examples/ for a query string built by lib/examples.ts (apiQuery). */
export async function searchExamples(query: string): Promise<ExamplesResult> {
  // The form's state is serialised by apiQuery (repeated keys, one pilot value); the path and answer are typed.
  const call = client().GET('/api/v1/examples/', { querySerializer: () => query, signal: timeout() });
  const data = await answered('/api/v1/examples/', call);
  if (!data) throw new BackendError('examples search answered 404');
  return data;
}

/** The full public record of a published example by its page id; undefined when there is none. */
export async function getExample(pageId: number): Promise<Example | undefined> {
  return answered(`/api/v1/examples/${pageId}/`, client().GET('/api/v1/examples/{example_id}/', { params: { path: { example_id: pageId } }, signal: timeout() }));
}

/** An objective with one page of its published examples, newest first. */
export async function getObjectiveExamples(
  lang: Lang,
  number: number,
  page: number,
  pageSize = 10,
): Promise<ObjectiveWithExamples | undefined> {
  const query = { locale: lang, examples_page: page, examples_page_size: pageSize };
  return answered(`/api/v1/objectives/${number}/`, client().GET('/api/v1/objectives/{number}/', { params: { path: { number }, query }, signal: timeout() }));
}

/** Site search: guidance and examples grouped. */
export async function siteSearch(lang: string, q: string, perGroup = 10): Promise<SiteSearch> {
  const query = { q, locale: lang, per_group: perGroup };
  const data = await answered('/api/v1/search/', client().GET('/api/v1/search/', { params: { query }, signal: timeout() }));
  if (!data) throw new BackendError('site search answered 404');
  return data;
}

export type SubmissionOptions = components['schemas']['SubmissionOptionsOut'];
export type Submission = components['schemas']['SubmissionOut'];
export type SubmissionSummary = components['schemas']['SubmissionSummaryOut'];

const optionsCache = new Map<Lang, { at: number; options: SubmissionOptions }>();

/** The submission form's choices in the reader's language (public; the API caches them too). */
export async function submissionOptions(lang: Lang): Promise<SubmissionOptions> {
  const cached = optionsCache.get(lang);
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.options;
  const { data, error } = await client().GET('/api/v1/submissions/options/', {
    params: { query: { locale: lang } },
    signal: AbortSignal.timeout(8000),
  });
  if (error || !data) throw new BackendError(`submission options failed for ${lang}`);
  optionsCache.set(lang, { at: Date.now(), options: data });
  return data;
}

export type EditionSummary = components['schemas']['EditionSummaryOut'];
export type EditionDetail = components['schemas']['EditionDetailOut'];
export type EditionFeedback = components['schemas']['EditionFeedbackOut'];
export type EditionChange = components['schemas']['EditionChangeOut'];
export type Change = components['schemas']['ChangeOut'];
export type Version = components['schemas']['VersionOut'];
export type PageHistory = components['schemas']['PageHistoryOut'];
export type PageDiff = components['schemas']['PageDiffOut'];
export type PageVersion = components['schemas']['PageVersionOut'];
export type DiffCounts = components['schemas']['DiffCounts'];

/** The published editions in the reader's language, newest first (there are a handful: one page of 100). */
export async function listEditions(lang: Lang): Promise<EditionSummary[]> {
  const call = client().GET('/api/v1/editions/', { params: { query: { locale: lang, limit: 100 } }, signal: timeout() });
  return (await answered('/api/v1/editions/', call))?.items ?? [];
}

const editionsCache = new Map<Lang, { at: number; items: EditionSummary[] }>();

/**
 * The published editions, cached like the objectives: every guidance page links to the latest edition's PDF,
 * and one call per render to find it would double the API's load for a list that changes a few times a year.
 */
export async function listEditionsCached(lang: Lang): Promise<EditionSummary[]> {
  const cached = editionsCache.get(lang);
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.items;
  const items = await listEditions(lang);
  editionsCache.set(lang, { at: Date.now(), items });
  return items;
}

/** One edition with what changed since the previous one; undefined when there is no such published edition. */
export async function getEdition(lang: Lang, number: number): Promise<EditionDetail | undefined> {
  const call = client().GET('/api/v1/editions/{number}/', { params: { path: { number }, query: { locale: lang } }, signal: timeout() });
  return answered(`/api/v1/editions/${number}/`, call);
}

/** The public feedback an edition addressed, counted by question, country and triage status. */
export async function getEditionFeedback(lang: Lang, number: number): Promise<EditionFeedback | undefined> {
  const call = client().GET('/api/v1/editions/{number}/feedback/', { params: { path: { number }, query: { locale: lang } }, signal: timeout() });
  return answered(`/api/v1/editions/${number}/feedback/`, call);
}

/** One page of the substantive changes across the guidance, newest first, optionally since an edition. */
export async function listChanges(lang: Lang, offset: number, limit: number, since?: number): Promise<{ count: number; items: Change[] } | undefined> {
  const query = { locale: lang, limit, offset, ...(since === undefined ? {} : { since }) };
  return answered('/api/v1/changes/', client().GET('/api/v1/changes/', { params: { query }, signal: timeout() }));
}

/** A guidance page's public versions, newest first; undefined for a page that has no public history. */
export async function getPageHistory(pageId: number, limit = 200): Promise<PageHistory | undefined> {
  const call = client().GET('/api/v1/pages/{page_id}/history/', { params: { path: { page_id: pageId }, query: { limit } }, signal: timeout() });
  return answered(`/api/v1/pages/${pageId}/history/`, call);
}

/** What changed between two public versions ("123" or "e1"; either left out takes the API's default). */
export async function getPageDiff(pageId: number, from?: string, to?: string): Promise<PageDiff | undefined> {
  const query = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const call = client().GET('/api/v1/pages/{page_id}/diff/', { params: { path: { page_id: pageId }, query }, signal: timeout() });
  // a version the page does not have is a 404 whose reason the reader needs ("no public version 12"): no `missing`
  return answered(`/api/v1/pages/${pageId}/diff/`, call, []);
}

/** A guidance page as it stood in a public version or an edition ("e<N>"). */
export async function getPageVersion(pageId: number, version: string): Promise<PageVersion | undefined> {
  const call = client().GET('/api/v1/pages/{page_id}/versions/{version}/', { params: { path: { page_id: pageId, version } }, signal: timeout() });
  return answered(`/api/v1/pages/${pageId}/versions/${version}/`, call, []);
}

/** Forget the cached objective lists and example counts (a purge from Django says content changed). */
export function forgetCachedData(): void {
  objectivesCache.clear();
  principlesCache.clear();
  optionsCache.clear();
  editionsCache.clear();
}

export type Coverage = components['schemas']['CoverageOut'];

/** The library's coverage figures for a query string built by lib/insight.ts (coverageQuery). */
export async function getCoverage(query: string): Promise<Coverage> {
  const call = client().GET('/api/v1/insight/coverage/', { querySerializer: () => query, signal: timeout() });
  const data = await answered('/api/v1/insight/coverage/', call);
  if (!data) throw new BackendError('coverage answered 404');
  return data;
}
