/**
 * What the coverage page and its CSV downloads share: the filters of the address, the API's figures for them
 * and each chart's bars with labels in the reader's language, so that a CSV holds exactly the page's table.
 */
import { getCoverage, localeHasExamples, type Coverage } from '../../api/client.ts';
import { parseFilters, type ExampleFilters } from '../../lib/examples.ts';
import { coverageQuery, yearSeries, type Bar } from '../../lib/insight.ts';
import type { Lang } from '../../lib/i18n.ts';

export interface Insight {
  filters: ExampleFilters;
  coverage: Coverage;
  /** the reader's language has no published example yet: the figures (and their labels) are the English library's */
  fallback: boolean;
  bars: Record<'principles' | 'kinds' | 'years' | 'champions', Bar[]>;
}

export async function loadInsight(lang: Lang, url: URL): Promise<Insight> {
  const filters = parseFilters(url.searchParams);
  // As the library's page does (ADR 0032 applied to the library): an empty library in the reader's language
  // would only say "nothing anywhere", so its figures are the English library's, said in a note.
  const fallback = !(await localeHasExamples(lang));
  const coverage = await getCoverage(coverageQuery(filters, fallback ? 'en' : lang));
  const label = (bucket: { value: string; label?: string | null }) => bucket.label || bucket.value;
  const labelLang = fallback ? 'en' : undefined;
  return {
    filters,
    coverage,
    fallback,
    bars: {
      principles: coverage.principles.map((bucket) => ({ label: label(bucket), count: bucket.count, lang: labelLang })),
      kinds: coverage.kinds.map((bucket) => ({ label: label(bucket), count: bucket.count, lang: labelLang })),
      years: yearSeries(coverage.years),
      champions: coverage.champions.map((bucket) => ({ label: label(bucket), count: bucket.count, lang: labelLang })),
    },
  };
}
