/**
 * /<lang>/insight/coverage.csv?chart=<chart>&<filters>: one chart's table of the coverage page as CSV, with the
 * same filters, labels in the reader's language and plain numbers.
 */
import type { APIRoute } from 'astro';
import { loadInsight } from '../../../components/insight/load.ts';
import { ApiRefusal, BackendError } from '../../../lib/backend.ts';
import { CHARTS, chartRows, isChart, toCsv } from '../../../lib/insight.ts';
import { isLang, translator } from '../../../lib/i18n.ts';

const text = (body: string, status: number) => new Response(`${body}\n`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

export const GET: APIRoute = async ({ params, url }) => {
  if (!isLang(params.lang)) return text('Not found', 404);
  const lang = params.lang;
  const t = translator(lang);
  const chart = url.searchParams.get('chart');
  if (!isChart(chart)) return text(`${t('insightCsvBadChart')} ${CHARTS.join(', ')}`, 400);
  let insight;
  try {
    insight = await loadInsight(lang, url);
  } catch (error) {
    if (error instanceof ApiRefusal) return text(error.detail, 400);
    if (error instanceof BackendError) return text(t('insightCsvUnavailable'), 503);
    throw error;
  }
  const labelHeading = { principles: t('principles'), kinds: t('facetKind'), years: t('insightYear'), champions: t('facetCountry') };
  const rows = chartRows(
    insight.coverage,
    chart,
    { objective: t('facetObjective'), label: chart in labelHeading ? labelHeading[chart as keyof typeof labelHeading] : '', count: t('insightExamples') },
    insight.bars,
  );
  return new Response(toCsv(rows), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="gcm-coverage-${chart}-${lang}.csv"`,
      'Cache-Control': 'public, max-age=60',
    },
  });
};
