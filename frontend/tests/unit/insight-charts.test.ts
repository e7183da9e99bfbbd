import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { contrast } from '../../src/lib/insight.ts';
import { renderComponent } from './render.ts';

const rows = [{ label: '1. Data' }, { label: '2. Drivers of migration with a rather long label' }, { label: '3. Information' }];
const columns = [{ label: 'Africa' }, { label: 'Americas', selected: true }, { label: 'Asia' }];
const matrix = [[0, 3, 12], [1, 6, 0], [9, 0, 2]];

test('heat map: an SVG image with title and description, each cell its number in a readable colour, and the table', async () => {
  const html = await renderComponent('components/insight/HeatMap.astro', {
    lang: 'en', id: 'regions', title: 'Examples per objective and region', description: 'A heat map.', rowHeading: 'Objective',
    rows, columns, matrix, csvHref: '/en/insight/coverage.csv?chart=regions',
  });
  if (process.env.INSIGHT_HTML) writeFileSync(process.env.INSIGHT_HTML, html);
  assert.match(html, /<svg role="img" aria-labelledby="regions-title regions-desc"/);
  assert.match(html, /<title id="regions-title">Examples per objective and region<\/title>/);
  assert.match(html, /<desc id="regions-desc">A heat map.<\/desc>/);
  const cells = [...html.matchAll(/<rect [^>]*fill="(#[0-9a-f]{6})"[^>]*><\/rect>\s*<text [^>]*fill="(#[0-9a-f]{6})" class="cell">(\d+)<\/text>/g)];
  assert.deepEqual(cells.map((cell) => Number(cell[3])), matrix.flat());
  for (const [, fill, text, count] of cells) assert.ok(contrast(fill!, text!) >= 4.5, `${count}: ${text} on ${fill}`);
  assert.equal(cells.find((cell) => cell[3] === '12')?.[1], '#08306b', 'the largest count is the darkest');
  assert.equal(cells.find((cell) => cell[3] === '0')?.[1], '#ffffff', 'no example is white');
  assert.match(html, /<caption id="regions-caption">Examples per objective and region<\/caption>/);
  assert.equal((html.match(/<th scope="row"/g) ?? []).length, 3);
  assert.equal((html.match(/<th scope="col"/g) ?? []).length, 4);
  assert.match(html, /href="\/en\/insight\/coverage.csv\?chart=regions"/);
});

test('bar chart: bars in proportion, numbers after them; an empty chart is still an image that says so', async () => {
  const html = await renderComponent('components/insight/BarChart.astro', {
    lang: 'fr', id: 'kinds', title: 'Par type', description: 'Barres.', labelHeading: 'Type',
    bars: [{ label: 'Pratique', count: 1200 }, { label: 'Étude de cas', count: 600 }], csvHref: '/fr/insight/coverage.csv?chart=kinds',
  });
  const widths = [...html.matchAll(/<rect [^>]*width="([\d.]+)"/g)].map((match) => Number(match[1]));
  assert.equal(widths.length, 2);
  assert.equal(widths[0], 2 * widths[1]!);
  assert.match(html, /class="cell">1\u202f200<\/text>/, 'numbers written the French way');
  const empty = await renderComponent('components/insight/BarChart.astro', {
    lang: 'en', id: 'years', title: 'Per year', description: 'Bars.', labelHeading: 'Year', bars: [], csvHref: '/en/x.csv',
  });
  assert.match(empty, /<svg role="img" aria-labelledby="years-title years-desc"/);
  assert.match(empty, /<desc id="years-desc">No published example matches these filters.<\/desc>/);
});
