/**
 * The examples search form's state: parsed from the page's query string, turned back into links (pagination,
 * "remove filter") and into the domain API's query. Pure functions, unit-tested without a server.
 */
import { LANGUAGES } from './i18n.ts';

export const SORTS = ['relevance', 'newest', 'title'] as const;
export type Sort = (typeof SORTS)[number];
export const KINDS = ['practice', 'case_study', 'lesson_learned'] as const;
export const EXAMPLE_LANGUAGES = LANGUAGES;
export const PAGE_SIZE = 10;
const MAX_PAGE = 1000;

export interface ExampleFilters {
  q: string;
  objective: number[];
  region: string[];
  country: string[];
  kind: string[];
  /** 'true' and/or 'false'; both or none mean no filter */
  pilot: string[];
  language: string[];
  principle: string[];
  yearFrom: number | undefined;
  yearTo: number | undefined;
  /** match the selected objectives as an example's main objective only */
  primaryOnly: boolean;
  sort: Sort;
  page: number;
}

/** Multi-valued facets in the order they appear in query strings. */
export const FACET_KEYS = ['objective', 'region', 'country', 'kind', 'pilot', 'language', 'principle'] as const;
export type FacetKey = (typeof FACET_KEYS)[number];

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

function year(value: string | null): number | undefined {
  if (!value || !/^\d{4}$/.test(value.trim())) return undefined;
  return Number.parseInt(value.trim(), 10);
}

const KEY_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/i;

/** Read the form's GET parameters, dropping anything malformed rather than failing. */
export function parseFilters(params: URLSearchParams): ExampleFilters {
  const keys = (name: string) => unique(params.getAll(name).map((value) => value.trim()).filter((value) => KEY_PATTERN.test(value)));
  const sort = params.get('sort') ?? '';
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  return {
    q: (params.get('q') ?? '').trim().slice(0, 200),
    objective: unique(
      params
        .getAll('objective')
        .map((value) => Number.parseInt(value, 10))
        .filter((value) => Number.isInteger(value) && value >= 1 && value <= 23),
    ).sort((a, b) => a - b),
    region: keys('region'),
    country: keys('country').map((value) => value.toUpperCase()).filter((value) => /^[A-Z]{2}$/.test(value)),
    kind: keys('kind').filter((value) => (KINDS as readonly string[]).includes(value)),
    pilot: keys('pilot').filter((value) => value === 'true' || value === 'false'),
    language: keys('language').filter((value) => (EXAMPLE_LANGUAGES as readonly string[]).includes(value)),
    principle: keys('principle'),
    yearFrom: year(params.get('year_from')),
    yearTo: year(params.get('year_to')),
    primaryOnly: params.get('objective_scope') === 'primary',
    sort: (SORTS as readonly string[]).includes(sort) ? (sort as Sort) : 'relevance',
    page: Number.isInteger(page) && page >= 1 ? Math.min(page, MAX_PAGE) : 1,
  };
}

/** The single pilot value the API takes, when exactly one of yes/no is ticked. */
export function pilotValue(filters: ExampleFilters): 'true' | 'false' | undefined {
  return filters.pilot.length === 1 ? (filters.pilot[0] as 'true' | 'false') : undefined;
}

function append(params: URLSearchParams, filters: ExampleFilters): void {
  if (filters.q) params.append('q', filters.q);
  for (const key of FACET_KEYS) {
    for (const value of filters[key]) params.append(key, String(value));
  }
  if (filters.yearFrom !== undefined) params.append('year_from', String(filters.yearFrom));
  if (filters.yearTo !== undefined) params.append('year_to', String(filters.yearTo));
  if (filters.primaryOnly) params.append('objective_scope', 'primary');
}

/**
 * The frontend query string ('' or '?…') for these filters with some changed: pagination links, removing one
 * filter. Defaults (relevance, page 1) are left out so that equal searches have equal addresses.
 */
export function searchHref(base: string, filters: ExampleFilters, change: Partial<ExampleFilters> = {}): string {
  const next: ExampleFilters = { ...filters, ...change };
  const params = new URLSearchParams();
  append(params, next);
  if (next.sort !== 'relevance') params.append('sort', next.sort);
  if (next.page > 1) params.append('page', String(next.page));
  const query = params.toString();
  return query ? `${base}?${query}` : base;
}

/** The /api/v1/examples/ query string for a reader's language. */
export function apiQuery(filters: ExampleFilters, locale: string, pageSize = PAGE_SIZE): string {
  const params = new URLSearchParams();
  params.append('locale', locale);
  const { pilot: _pilot, ...rest } = filters;
  append(params, { ...rest, pilot: [] });
  const pilot = pilotValue(filters);
  if (pilot) params.append('pilot', pilot);
  params.append('sort', filters.sort);
  params.append('page', String(filters.page));
  params.append('page_size', String(pageSize));
  return params.toString();
}

/** True when any filter or text is set (the empty state then says "no results", not "start searching"). */
export function hasCriteria(filters: ExampleFilters): boolean {
  return (
    filters.q !== '' ||
    FACET_KEYS.some((key) => filters[key].length > 0) ||
    filters.yearFrom !== undefined ||
    filters.yearTo !== undefined
  );
}

export function pageCount(count: number, pageSize: number): number {
  return Math.max(1, Math.ceil(count / Math.max(1, pageSize)));
}

/** Page numbers to link, with undefined for a gap: 1 … 4 5 6 … 12. */
export function pageWindow(current: number, total: number, radius = 2): (number | undefined)[] {
  const pages: (number | undefined)[] = [];
  for (let n = 1; n <= total; n += 1) {
    if (n === 1 || n === total || Math.abs(n - current) <= radius) pages.push(n);
    else if (pages[pages.length - 1] !== undefined) pages.push(undefined);
  }
  return pages;
}

/** A facet value's label: the API's, else its key made readable ('western-africa' → 'Western Africa'). */
export function facetLabel(bucket: { value: string; label?: string | null | undefined }): string {
  if (bucket.label) return bucket.label;
  return bucket.value
    .split(/[-_]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

/** One active filter as a removable chip: what it is, and the address of the same search without it. */
export interface ActiveFilter {
  key: FacetKey | 'q' | 'yearFrom' | 'yearTo' | 'primaryOnly';
  value: string;
  /** the same search without this one filter (the others and the sort kept, back to page 1) */
  removeHref: string;
}

/**
 * The reader's filters as chips, in the form's order. Removing the last objective also drops "main objective
 * only", which means nothing without one (the API would ignore it, and the chip would linger).
 */
export function activeFilters(base: string, filters: ExampleFilters): ActiveFilter[] {
  const without = (change: Partial<ExampleFilters>) => searchHref(base, filters, { ...change, page: 1 });
  const chips: ActiveFilter[] = [];
  if (filters.q) chips.push({ key: 'q', value: filters.q, removeHref: without({ q: '' }) });
  for (const key of FACET_KEYS) {
    for (const value of filters[key]) {
      const rest = (filters[key] as (string | number)[]).filter((other) => other !== value);
      const change: Partial<ExampleFilters> = { [key]: rest };
      if (key === 'objective' && rest.length === 0) change.primaryOnly = false;
      chips.push({ key, value: String(value), removeHref: without(change) });
    }
    if (key === 'objective' && filters.primaryOnly && filters.objective.length > 0) {
      chips.push({ key: 'primaryOnly', value: 'primary', removeHref: without({ primaryOnly: false }) });
    }
  }
  if (filters.yearFrom !== undefined) chips.push({ key: 'yearFrom', value: String(filters.yearFrom), removeHref: without({ yearFrom: undefined }) });
  if (filters.yearTo !== undefined) chips.push({ key: 'yearTo', value: String(filters.yearTo), removeHref: without({ yearTo: undefined }) });
  return chips;
}

/**
 * The query string the language switcher carries to the library in another language: the same filters and sort,
 * from the first page (another language has another number of results). Filter values are language-neutral keys.
 */
export function filtersQuery(filters: ExampleFilters): string {
  return searchHref('', filters, { page: 1 });
}
