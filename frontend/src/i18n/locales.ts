/**
 * The site's languages, written out once. astro.config.mjs hands them to Astro's `i18n` config (so
 * `astro:i18n` and `Astro.currentLocale` know them) and src/lib/i18n.ts re-exports them for code that also runs
 * outside Astro (unit tests, scripts), where the `astro:i18n` virtual module does not exist.
 * Django's list is the `LANGUAGES` setting (environment variable `LANGUAGES`); tests/test_languages.py checks
 * that both agree.
 */
export const LOCALES = ['en', 'fr', 'es'] as const;
export const DEFAULT_LOCALE = 'en';
