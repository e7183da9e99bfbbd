/**
 * The coverage page's pure parts (/<lang>/insight/): its filters as the domain API's query, the charts'
 * geometry and colours, and the CSV of each chart. Unit-tested without a server (tests/unit/insight.test.ts).
 */
import type { components } from '../api/schema';
import { FACET_KEYS, pilotValue, type ExampleFilters } from './examples.ts';

export type Coverage = components['schemas']['CoverageOut'];

/** The charts that have a table and a CSV download, in page order. */
export const CHARTS = ['regions', 'subregions', 'principles', 'kinds', 'years', 'champions'] as const;
export type Chart = (typeof CHARTS)[number];

export function isChart(value: string | null): value is Chart {
  return value !== null && (CHARTS as readonly string[]).includes(value);
}

/** The filters of the page's query string (the library's, without its sort and page) for /api/v1/insight/coverage/. */
export function coverageQuery(filters: ExampleFilters, locale: string): string {
  const params = new URLSearchParams();
  params.append('locale', locale);
  if (filters.q) params.append('q', filters.q);
  for (const key of FACET_KEYS) {
    if (key === 'pilot') continue;
    for (const value of filters[key]) params.append(key, String(value));
  }
  const pilot = pilotValue(filters);
  if (pilot) params.append('pilot', pilot);
  if (filters.yearFrom !== undefined) params.append('year_from', String(filters.yearFrom));
  if (filters.yearTo !== undefined) params.append('year_to', String(filters.yearTo));
  if (filters.primaryOnly) params.append('objective_scope', 'primary');
  return params.toString();
}

/** The page's own query string for these filters ('' or '?…'), for the CSV links and the language switcher. */
export function filtersQuery(filters: ExampleFilters): string {
  const params = new URLSearchParams(coverageQuery(filters, ''));
  params.delete('locale');
  const query = params.toString();
  return query ? `?${query}` : '';
}

// Light to dark blue (ColorBrewer "Blues"); index 0 is "no example".
export const HEAT_COLOURS = ['#ffffff', '#deebf7', '#c6dbef', '#9ecae1', '#2171b5', '#08519c', '#08306b'] as const;
const DARK_TEXT = '#1b1b1b';
const LIGHT_TEXT = '#ffffff';

/** The colour step of a count: 0 for none, then 1 to 6 in proportion to the largest count. */
export function heatStep(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  const steps = HEAT_COLOURS.length - 1;
  return 1 + Math.min(steps - 1, Math.floor((count / max) * steps - 1e-9));
}

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two #rrggbb colours. */
export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** A cell's fill and the text colour that reads best on it (dark on light cells, light on dark ones). */
export function heatColours(count: number, max: number): { fill: string; text: string } {
  const fill = HEAT_COLOURS[heatStep(count, max)] as string;
  const text = contrast(fill, DARK_TEXT) >= contrast(fill, LIGHT_TEXT) ? DARK_TEXT : LIGHT_TEXT;
  return { fill, text };
}

/** Length of a bar for `count` on an axis of `length` units whose end is `max` (0 when there is nothing). */
export function barLength(count: number, max: number, length: number): number {
  if (max <= 0 || count <= 0) return 0;
  return (Math.min(count, max) / max) * length;
}

export interface Bar {
  label: string;
  count: number;
  /** the label's language when it is not the page's */
  lang?: string | undefined;
}

export interface BarGeometry {
  width: number;
  height: number;
  labelWidth: number;
  rowHeight: number;
  bars: { label: string; count: number; lang?: string | undefined; y: number; length: number }[];
}

/** Horizontal bars, one row each: label on the left, bar, then its number. */
export function barGeometry(bars: Bar[], width = 640, labelWidth = 240, rowHeight = 26): BarGeometry {
  const max = Math.max(0, ...bars.map((bar) => bar.count));
  const room = width - labelWidth - 56;
  return {
    width,
    height: Math.max(rowHeight, bars.length * rowHeight),
    labelWidth,
    rowHeight,
    bars: bars.map((bar, index) => ({ label: bar.label, count: bar.count, lang: bar.lang, y: index * rowHeight, length: barLength(bar.count, max, room) })),
  };
}

/** Every year from the first to the last with an example, those without any as 0, so the axis keeps time. */
export function yearSeries(buckets: { value: string; count: number }[]): Bar[] {
  const counts = new Map(buckets.map((bucket) => [Number.parseInt(bucket.value, 10), bucket.count]));
  const years = [...counts.keys()].filter((year) => Number.isInteger(year));
  if (!years.length) return [];
  const first = Math.min(...years);
  const last = Math.max(...years);
  const series: Bar[] = [];
  for (let year = first; year <= last; year += 1) series.push({ label: String(year), count: counts.get(year) ?? 0 });
  return series;
}

/** A label cut to `max` characters with an ellipsis (SVG text does not wrap; the table has it whole). */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 text: CRLF line ends, fields quoted only where they must be. */
export function toCsv(rows: (string | number)[][]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export interface CsvHeadings {
  objective: string;
  label: string;
  count: string;
}

/** The rows of one chart's table (the same the page shows), the first row being the headings. */
export function chartRows(coverage: Coverage, chart: Chart, headings: CsvHeadings, bars: Record<'principles' | 'kinds' | 'years' | 'champions', Bar[]>): (string | number)[][] {
  if (chart === 'regions' || chart === 'subregions') {
    const columns = chart === 'regions' ? coverage.regions : coverage.subregions;
    const matrix = chart === 'regions' ? coverage.matrix : coverage.subregion_matrix;
    return [
      [headings.objective, ...columns.map((column) => column.label)],
      ...coverage.objectives.map((objective, index) => [`${objective.number}. ${objective.label}`, ...(matrix[index] ?? [])]),
    ];
  }
  return [[headings.label, headings.count], ...bars[chart].map((bar) => [bar.label, bar.count])];
}

/** The page of the coverage figures in a language, with the filters of `query` ('' or '?…'). */
export function insightHref(lang: string, query = ''): string {
  return `/${lang}/insight/${query}`;
}

/** The CSV download of one chart's table, for the same filters as the page. */
export function csvHref(lang: string, chart: Chart, filters: ExampleFilters): string {
  const query = filtersQuery(filters);
  return `/${lang}/insight/coverage.csv?chart=${chart}${query ? `&${query.slice(1)}` : ''}`;
}

/** The gaps grouped by region, in the regions' order: the objectives that have no example from each. */
export function gapsByRegion(coverage: Coverage): { region: string; label: string; objectives: number[] }[] {
  return coverage.regions
    .map((region) => ({
      region: region.value,
      label: region.label,
      objectives: coverage.gaps.filter((gap) => gap.region === region.value).map((gap) => gap.objective),
    }))
    .filter((group) => group.objectives.length > 0);
}
