/**
 * What the coverage page and its CSV downloads share: the filters of the address, the API's figures for them
 * and each chart's bars with labels in the reader's language, so that a CSV holds exactly the page's table.
 */
import { getCoverage, type Coverage } from '../../api/client.ts';
import { parseFilters, type ExampleFilters } from '../../lib/examples.ts';
import { coverageQuery, yearSeries, type Bar } from '../../lib/insight.ts';
import type { Lang } from '../../lib/i18n.ts';

export interface Insight {
  filters: ExampleFilters;
  coverage: Coverage;
  bars: Record<'principles' | 'kinds' | 'years' | 'champions', Bar[]>;
}

export async function loadInsight(lang: Lang, url: URL): Promise<Insight> {
  const filters = parseFilters(url.searchParams);
  // the library of every language, labelled in the reader's (one library: issue 14)
  const coverage = await getCoverage(coverageQuery(filters, lang));
  const label = (bucket: { value: string; label?: string | null }) => bucket.label || bucket.value;
  return {
    filters,
    coverage,
    bars: {
      principles: coverage.principles.map((bucket) => ({ label: label(bucket), count: bucket.count })),
      kinds: coverage.kinds.map((bucket) => ({ label: label(bucket), count: bucket.count })),
      years: yearSeries(coverage.years),
      champions: coverage.champions.map((bucket) => ({ label: label(bucket), count: bucket.count })),
    },
  };
}
