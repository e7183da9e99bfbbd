import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { DICTIONARIES, LANGUAGES, colon, fallbackNote, format, formatDate, formatDateRange, formatNumber, formatYears, isLang, negotiateLanguage, plural, punctuation, type Lang } from '../../src/lib/i18n.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
/** Every message of a catalog as `key` or `key.category` → text, read from the JSON files as shipped. */
function flatten(lang: Lang): Map<string, string> {
  const catalog = JSON.parse(readFileSync(new URL(`../../src/i18n/messages/${lang}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    if (typeof value === 'string') flat.set(key, value);
    else for (const [category, text] of Object.entries(value as Record<string, string>)) flat.set(`${key}.${category}`, text);
  }
  return flat;
}
const pluralKeys = (flat: Map<string, string>) => new Set([...flat.keys()].filter((key) => key.includes('.')).map((key) => key.split('.')[0]));

test('the three catalogs have the same messages and placeholders, none empty', () => {
  const reference = flatten('en');
  assert.ok(reference.size > 20);
  for (const lang of LANGUAGES) {
    const catalog = flatten(lang);
    const messages = (flat: Map<string, string>) => [...flat.keys()].map((key) => key.split('.')[0]);
    assert.deepEqual([...new Set(messages(catalog))].sort(), [...new Set(messages(reference))].sort(), `${lang} has the same keys as en`);
    assert.deepEqual([...pluralKeys(catalog)].sort(), [...pluralKeys(reference)].sort(), `${lang} has the same plural messages as en`);
    const englishOf = (key: string) => reference.get(key) ?? reference.get(`${key.split('.')[0]}.other`) ?? '';
    for (const [key, text] of catalog) {
      assert.ok(text.trim().length > 0, `${lang}.${key} is empty`);
      assert.deepEqual(placeholders(text), placeholders(englishOf(key)), `${lang}.${key} has the placeholders of en`);
    }
  }
});

test('plural messages give every form the language\'s plural rules ask for', () => {
  for (const lang of LANGUAGES) {
    const catalog = flatten(lang);
    for (const key of pluralKeys(catalog)) {
      for (const category of new Intl.PluralRules(lang).resolvedOptions().pluralCategories) {
        assert.ok(catalog.has(`${key}.${category}`), `${lang}.${key} lacks the "${category}" form`);
      }
    }
  }
});

test('plurals follow each language\'s rules, with numbers written its way', () => {
  assert.equal(plural('en', 'resultCount', 1), '1 result');
  assert.equal(plural('en', 'resultCount', 0), '0 results');
  // French counts zero as singular: the old `count === 1` rule wrote "0 résultats".
  assert.equal(plural('fr', 'resultCount', 0), '0 résultat');
  assert.equal(plural('fr', 'resultCount', 2), '2 résultats');
  assert.equal(plural('es', 'resultCount', 1), '1 resultado');
  assert.equal(plural('en', 'resultCount', 1200), '1,200 results');
  assert.equal(format('es', 'x {count} y {missing}', { count: 3 }), 'x 3 y {missing}');
  assert.equal(formatDate('fr', '2026-03-01T23:30:00Z'), '1 mars 2026');
});

test('French and Spanish are translated, not copies of English', () => {
  const same = (lang: 'fr' | 'es') =>
    Object.keys(DICTIONARIES.en).filter((key) => JSON.stringify(DICTIONARIES.en[key as keyof typeof DICTIONARIES.en]) === JSON.stringify(DICTIONARIES[lang][key as keyof typeof DICTIONARIES.en]));
  // Proper nouns and international terms may stay identical.
  const allowed = new Set(['covid19', 'calloutInfo', 'no', 'discussions', 'discussionWindow', 'question', 'discussionOfPage', 'pdfDetails']);
  assert.deepEqual(same('fr').filter((key) => !allowed.has(key)), []);
  assert.deepEqual(same('es').filter((key) => !allowed.has(key)), []);
});

test('the fallback note names the reader language', () => {
  assert.match(fallbackNote('fr'), /français/);
  assert.match(fallbackNote('es'), /español/);
});

test('Accept-Language negotiation', () => {
  assert.equal(negotiateLanguage('fr-CH, fr;q=0.9, en;q=0.8'), 'fr');
  assert.equal(negotiateLanguage('de-DE,es;q=0.5,en;q=0.4'), 'es');
  assert.equal(negotiateLanguage('en;q=0.1, es;q=0.9'), 'es');
  assert.equal(negotiateLanguage('de'), 'en');
  assert.equal(negotiateLanguage('fr;q=0'), 'en');
  assert.equal(negotiateLanguage(null), 'en');
  assert.ok(isLang('es'));
  assert.ok(!isLang('de'));
});

/**
 * French typography (issue 17): a no-break space (U+00A0) before ":" and inside « », a narrow no-break space
 * (U+202F) before ";", "!" and "?", so that no sign starts a line. A sign followed by a letter, "/" or "=" is
 * part of an address ("https://", "?since=1"), not punctuation.
 */
function frenchSpacingFaults(text: string): string[] {
  const faults: string[] = [];
  for (const match of text.matchAll(/([;!?:])(?=\s|$|[)»"])/g)) {
    const before = text[(match.index ?? 0) - 1];
    const wanted = match[1] === ':' ? '\u00A0' : '\u202F';
    if (before !== wanted) faults.push(`"${match[1]}" at ${match.index} after ${JSON.stringify(before ?? '')}`);
  }
  for (const match of text.matchAll(/«(.)|(.)»/g)) {
    if ((match[1] ?? match[2]) !== '\u00A0') faults.push(`guillemet at ${match.index} without a no-break space inside`);
  }
  return faults;
}

test('the French catalog spaces its punctuation the French way', () => {
  const faults = [...flatten('fr')].flatMap(([key, text]) => frenchSpacingFaults(text).map((fault) => `fr.${key}: ${fault}`));
  assert.deepEqual(faults, []);
  // the check itself catches each kind of fault
  assert.equal(frenchSpacingFaults('Historique : x').length, 1);
  assert.equal(frenchSpacingFaults('Historique: x').length, 1);
  assert.equal(frenchSpacingFaults('Oublié ?').length, 1);
  assert.equal(frenchSpacingFaults('a\u00A0; b').length, 1);
  assert.equal(frenchSpacingFaults('« obligatoire »').length, 2);
  assert.deepEqual(frenchSpacingFaults('https://x.org ?since=1 Oublié\u202F? «\u00A0oui\u00A0»\u00A0:'), []);
});

test('punctuation composed in code follows the reader language', () => {
  assert.equal(`Historique${colon('fr')} x`, 'Historique\u00A0: x');
  assert.equal(`History${colon('en')} x`, 'History: x');
  assert.equal(`Historia${colon('es')} x`, 'Historia: x');
  assert.equal(punctuation('fr', '?'), '\u202F?');
  assert.equal(punctuation('en', '?'), '?');
});

test('date ranges come from Intl.formatRange: shared parts once, no stray spaces around the dash', () => {
  const range = (lang: Lang, from: string, to: string) => formatDateRange(lang, from, to);
  assert.equal(range('en', '2026-12-01T00:00:00Z', '2026-12-31T00:00:00Z'), 'December 1\u2009–\u200931, 2026');
  assert.equal(range('fr', '2026-12-01T00:00:00Z', '2026-12-31T00:00:00Z'), '1–31 décembre 2026');
  assert.equal(range('es', '2026-11-20T00:00:00Z', '2027-01-31T00:00:00Z'), '20 de noviembre de 2026\u2009–\u200931 de enero de 2027');
  for (const lang of LANGUAGES) {
    const text = range(lang, '2026-11-20T23:30:00Z', '2026-12-31T00:00:00Z');
    assert.doesNotMatch(text, / –\S|\S– /, `${lang}: "${text}" has a dash spaced on one side only`);
    assert.match(text, /20/, 'UTC, not the server time zone');
  }
  assert.equal(range('en', 'soon', '2026-12-31T00:00:00Z'), 'soon – December 31, 2026');
});

test('years are never grouped as numbers and an open end reads "since"', () => {
  assert.equal(formatYears('fr', 2019, 2021), '2019–2021');
  assert.equal(formatYears('en', 2019, 2019), '2019');
  assert.equal(formatYears('es', 2019, null), 'desde 2019');
  assert.equal(formatYears('fr', 2019, undefined), 'depuis 2019');
  assert.equal(formatYears('en', 2021, 2019), '2021–2019');
  assert.equal(formatNumber('fr', 12345), '12\u202F345');
});
