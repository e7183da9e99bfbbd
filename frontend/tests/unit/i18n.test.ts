import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DICTIONARIES, LANGUAGES, fallbackNote, isLang, negotiateLanguage } from '../../src/lib/i18n.ts';

test('every key exists, non-empty, in all three languages', () => {
  const keys = Object.keys(DICTIONARIES.en).sort();
  assert.ok(keys.length > 20);
  for (const lang of LANGUAGES) {
    const dictionary = DICTIONARIES[lang] as Record<string, string>;
    assert.deepEqual(Object.keys(dictionary).sort(), keys, `${lang} has the same keys as en`);
    for (const key of keys) {
      assert.equal(typeof dictionary[key], 'string', `${lang}.${key}`);
      assert.ok((dictionary[key] ?? '').trim().length > 0, `${lang}.${key} is empty`);
    }
  }
});

test('French and Spanish are translated, not copies of English', () => {
  const same = (lang: 'fr' | 'es') =>
    Object.keys(DICTIONARIES.en).filter(
      (key) => (DICTIONARIES.en as Record<string, string>)[key] === (DICTIONARIES[lang] as Record<string, string>)[key],
    );
  // Proper nouns and international terms may stay identical.
  const allowed = new Set(['covid19', 'calloutInfo', 'no', 'discussions', 'discussionWindow', 'question', 'discussionOfPage']);
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
