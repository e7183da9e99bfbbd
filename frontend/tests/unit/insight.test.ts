import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFilters } from '../../src/lib/examples.ts';
import {
  HEAT_COLOURS,
  barGeometry,
  barLength,
  chartRows,
  clip,
  contrast,
  coverageQuery,
  csvHref,
  gapsByRegion,
  heatColours,
  heatStep,
  toCsv,
  yearSeries,
  type Coverage,
} from '../../src/lib/insight.ts';

test('heat steps: 0 only for none, the largest count darkest, in proportion between', () => {
  assert.equal(heatStep(0, 10), 0);
  assert.equal(heatStep(0, 0), 0);
  assert.equal(heatStep(1, 1000), 1);
  assert.equal(heatStep(10, 10), HEAT_COLOURS.length - 1);
  assert.equal(heatStep(5, 10), 3);
  for (let n = 1; n < 50; n += 1) assert.ok(heatStep(n, 50) <= heatStep(n + 1, 50), `monotonic at ${n}`);
});

test('every cell number passes WCAG AA contrast: dark on light cells, light on dark ones', () => {
  for (let count = 0; count <= 12; count += 1) {
    const { fill, text } = heatColours(count, 12);
    assert.ok(contrast(fill, text) >= 4.5, `${text} on ${fill}: ${contrast(fill, text).toFixed(2)}`);
  }
  assert.equal(heatColours(0, 12).text, '#1b1b1b');
  assert.equal(heatColours(12, 12).text, '#ffffff');
  assert.equal(contrast('#ffffff', '#000000').toFixed(0), '21');
});

test('bars: lengths proportional to the largest count, rows stacked', () => {
  assert.equal(barLength(5, 10, 300), 150);
  assert.equal(barLength(10, 10, 300), 300);
  assert.equal(barLength(0, 10, 300), 0);
  assert.equal(barLength(3, 0, 300), 0);
  const chart = barGeometry([{ label: 'a', count: 2 }, { label: 'b', count: 4 }, { label: 'c', count: 0 }], 640, 240, 26);
  assert.deepEqual(chart.bars.map((bar) => bar.y), [0, 26, 52]);
  assert.equal(chart.height, 78);
  const room = 640 - 240 - 56;
  assert.deepEqual(chart.bars.map((bar) => bar.length), [room / 2, room, 0]);
  assert.equal(barGeometry([]).height, 26);
});

test('years: a continuous axis from the first to the last year', () => {
  assert.deepEqual(yearSeries([{ value: '2012', count: 2 }, { value: '2010', count: 1 }]), [
    { label: '2010', count: 1 },
    { label: '2011', count: 0 },
    { label: '2012', count: 2 },
  ]);
  assert.deepEqual(yearSeries([]), []);
});

test('the filters of the address become the API query and the CSV links', () => {
  const filters = parseFilters(new URLSearchParams('region=africa&kind=practice&pilot=true&objective=5&objective_scope=primary&page=3&sort=title'));
  assert.equal(coverageQuery(filters, 'fr'), 'locale=fr&objective=5&region=africa&kind=practice&pilot=true&objective_scope=primary');
  assert.equal(csvHref('fr', 'kinds', filters), '/fr/insight/coverage.csv?chart=kinds&objective=5&region=africa&kind=practice&pilot=true&objective_scope=primary');
  assert.equal(csvHref('en', 'years', parseFilters(new URLSearchParams(''))), '/en/insight/coverage.csv?chart=years');
  // both pilot values mean no pilot filter, as in the library
  assert.equal(coverageQuery(parseFilters(new URLSearchParams('pilot=true&pilot=false')), 'en'), 'locale=en');
});

test('CSV: RFC 4180 quoting, CRLF lines; a chart\'s rows are its table', () => {
  assert.equal(toCsv([['a', 'b, c'], ['say "hi"', 3]]), 'a,"b, c"\r\n"say ""hi""",3\r\n');
  const coverage = {
    objectives: [{ number: 1, label: 'Data', title: 'T', count: 2, selected: false }],
    regions: [{ value: 'africa', label: 'Africa', count: 2, selected: false }, { value: 'asia', label: 'Asia', count: 0, selected: false }],
    subregions: [],
    matrix: [[2, 0]],
    subregion_matrix: [[]],
    gaps: [{ objective: 1, objective_label: 'Data', region: 'asia', region_label: 'Asia' }],
  } as unknown as Coverage;
  const headings = { objective: 'Objective', label: 'Type', count: 'Examples' };
  const bars = { principles: [], kinds: [{ label: 'Practice', count: 2 }], years: [], champions: [] };
  assert.deepEqual(chartRows(coverage, 'regions', headings, bars), [['Objective', 'Africa', 'Asia'], ['1. Data', 2, 0]]);
  assert.deepEqual(chartRows(coverage, 'kinds', headings, bars), [['Type', 'Examples'], ['Practice', 2]]);
  assert.deepEqual(gapsByRegion(coverage), [{ region: 'asia', label: 'Asia', objectives: [1] }]);
  assert.equal(clip('Safe, orderly and regular migration', 10), 'Safe, ord…');
  assert.equal(clip('Short', 10), 'Short');
});
