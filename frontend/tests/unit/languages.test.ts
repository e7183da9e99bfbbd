import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import config from '../../astro.config.mjs';
import { SCRIPT_ROUTES } from '../../src/lib/csp.ts';
import { DEFAULT_LANG, LANGUAGES } from '../../src/lib/i18n.ts';

const SRC = new URL('../../src/', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(ts|astro|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

test("Astro's i18n config and the site's LANGUAGES are the same list", () => {
  assert.deepEqual(config.i18n?.locales, [...LANGUAGES]);
  assert.equal(config.i18n?.defaultLocale, DEFAULT_LANG);
});

test('no source file writes the language list out again', () => {
  // A list or a route pattern spelled out by hand is what let a language be added in one place and missed in ten.
  const written = /(['"])en\1\s*,\s*(['"])fr\2\s*,\s*(['"])es\3|en\|fr\|es/;
  const offenders = sources(SRC)
    .filter((path) => relative(SRC, path) !== join('i18n', 'locales.ts'))
    .filter((path) => written.test(readFileSync(path, 'utf8')));
  assert.deepEqual(offenders.map((path) => relative(SRC, path)), []);
});

test('route patterns follow LANGUAGES', () => {
  for (const lang of LANGUAGES) {
    assert.ok(SCRIPT_ROUTES.test(`/${lang}/submit/`), lang);
  }
  assert.ok(!SCRIPT_ROUTES.test('/de/submit/'));
});
