import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  activeFilters,
  apiQuery,
  facetLabel,
  filtersQuery,
  hasCriteria,
  pageCount,
  pageWindow,
  parseFilters,
  pilotValue,
  searchHref,
} from '../../src/lib/examples.ts';
import { examplePath } from '../../src/lib/paths.ts';

const parse = (query: string) => parseFilters(new URLSearchParams(query));

test('parseFilters keeps valid selections and drops malformed ones', () => {
  const filters = parse(
    'q=+border+towns+&objective=3&objective=5&objective=3&objective=99&objective=x&region=africa&region=%3Cscript%3E' +
      '&country=gh&country=GHA&kind=practice&kind=poem&pilot=true&language=fr&language=de&year_from=2019&year_to=20x&sort=newest&page=2',
  );
  assert.equal(filters.q, 'border towns');
  assert.deepEqual(filters.objective, [3, 5]);
  assert.deepEqual(filters.region, ['africa']);
  assert.deepEqual(filters.country, ['GH']);
  assert.deepEqual(filters.kind, ['practice']);
  assert.deepEqual(filters.pilot, ['true']);
  assert.deepEqual(filters.language, ['fr']);
  assert.equal(filters.yearFrom, 2019);
  assert.equal(filters.yearTo, undefined);
  assert.equal(filters.sort, 'newest');
  assert.equal(filters.page, 2);
});

test('defaults: relevance, page 1, nothing selected', () => {
  const filters = parse('sort=random&page=-4');
  assert.equal(filters.sort, 'relevance');
  assert.equal(filters.page, 1);
  assert.equal(hasCriteria(filters), false);
  assert.equal(hasCriteria(parse('kind=practice')), true);
  assert.equal(hasCriteria(parse('year_to=2020')), true);
});

test('searchHref builds stable links, leaving defaults out', () => {
  const filters = parse('objective=5&objective=3&region=africa&q=cash transfers&page=3');
  assert.equal(searchHref('/en/examples/', filters), '/en/examples/?q=cash+transfers&objective=3&objective=5&region=africa&page=3');
  assert.equal(searchHref('/en/examples/', filters, { page: 1 }), '/en/examples/?q=cash+transfers&objective=3&objective=5&region=africa');
  assert.equal(searchHref('/fr/examples/', parse('')), '/fr/examples/');
  assert.equal(searchHref('/fr/examples/', parse('sort=title'), { page: 2 }), '/fr/examples/?sort=title&page=2');
  // round trip
  const again = parseFilters(new URL(searchHref('/x/', filters), 'http://h').searchParams);
  assert.deepEqual(again, filters);
});

test('apiQuery: the API parameters, one pilot value only when one is ticked', () => {
  assert.equal(
    apiQuery(parse('objective=3&region=africa&pilot=true&year_from=2010'), 'fr', 10),
    'locale=fr&objective=3&region=africa&year_from=2010&pilot=true&sort=relevance&page=1&page_size=10',
  );
  assert.equal(pilotValue(parse('pilot=true&pilot=false')), undefined);
  assert.ok(!apiQuery(parse('pilot=true&pilot=false'), 'en').includes('pilot'));
  assert.equal(pilotValue(parse('pilot=false')), 'false');
  assert.equal(
    apiQuery(parse('objective=3&objective_scope=primary'), 'en', 5),
    'locale=en&objective=3&objective_scope=primary&sort=relevance&page=1&page_size=5',
  );
  assert.equal(parse('objective_scope=any').primaryOnly, false);
});

test('pagination helpers', () => {
  assert.equal(pageCount(0, 10), 1);
  assert.equal(pageCount(21, 10), 3);
  assert.deepEqual(pageWindow(1, 1), [1]);
  assert.deepEqual(pageWindow(6, 12), [1, undefined, 4, 5, 6, 7, 8, undefined, 12]);
  assert.deepEqual(pageWindow(2, 4), [1, 2, 3, 4]);
});

test('facet labels and example paths', () => {
  assert.equal(facetLabel({ value: 'western-africa', label: null }), 'Western Africa');
  assert.equal(facetLabel({ value: 'GH', label: 'Ghana' }), 'Ghana');
  // an example keeps its own address from every language; only site paths are links
  assert.equal(examplePath('fr', '/es/examples/demo/'), '/es/examples/demo/');
  assert.equal(examplePath('es', 'javascript:alert(1)'), '/es/');
  assert.equal(examplePath('es', '//evil.example/x'), '/es/');
});

test('activeFilters: one chip per filter, each removing only itself, the sort kept and the page reset', () => {
  const filters = parse('q=centres&objective=3&objective=5&objective_scope=primary&region=africa&country=GH&year_from=2019&sort=newest&page=3');
  const chips = activeFilters('/en/examples/', filters);
  assert.deepEqual(
    chips.map((chip) => [chip.key, chip.value]),
    [['q', 'centres'], ['objective', '3'], ['objective', '5'], ['primaryOnly', 'primary'], ['region', 'africa'], ['country', 'GH'], ['yearFrom', '2019']],
  );
  const after = (key: string, value: string) => {
    const chip = chips.find((entry) => entry.key === key && entry.value === value);
    assert.ok(chip, `${key}=${value}`);
    return new URL(chip.removeHref, 'http://x').searchParams;
  };
  const withoutThree = after('objective', '3');
  assert.deepEqual(withoutThree.getAll('objective'), ['5']);
  assert.equal(withoutThree.get('objective_scope'), 'primary');
  assert.deepEqual([withoutThree.get('q'), withoutThree.get('region'), withoutThree.get('country'), withoutThree.get('year_from')], ['centres', 'africa', 'GH', '2019']);
  assert.equal(withoutThree.get('sort'), 'newest');
  assert.equal(withoutThree.get('page'), null, 'back to the first page');
  const withoutAfrica = after('region', 'africa');
  assert.deepEqual(withoutAfrica.getAll('region'), []);
  assert.deepEqual(withoutAfrica.getAll('objective'), ['3', '5']);
  assert.equal(after('q', 'centres').get('q'), null);
  assert.equal(after('yearFrom', '2019').get('year_from'), null);
  assert.equal(after('primaryOnly', 'primary').get('objective_scope'), null);
  assert.deepEqual(after('primaryOnly', 'primary').getAll('objective'), ['3', '5']);
  // the last objective removed takes "main objective only" with it
  const single = activeFilters('/en/examples/', parse('objective=3&objective_scope=primary'));
  assert.equal(single[0]?.removeHref, '/en/examples/');
  assert.deepEqual(activeFilters('/en/examples/', parse('sort=title&page=2')), []);
});

test('filtersQuery: the filters and sort for the switcher, from the first page', () => {
  assert.equal(filtersQuery(parse('region=africa&objective=3&sort=newest&page=4')), '?objective=3&region=africa&sort=newest');
  assert.equal(filtersQuery(parse('page=2')), '');
});
