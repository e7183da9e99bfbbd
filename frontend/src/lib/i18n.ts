/**
 * Every UI string of the site, in the three languages of the guidance. Templates never hard-code text.
 * The strings live in one JSON catalog per language (src/i18n/messages/<lang>.json, English is the reference);
 * this module reads them and formats with the platform's `Intl`: placeholders `{name}`, plural forms keyed by
 * `Intl.PluralRules` categories, numbers with `Intl.NumberFormat`, dates with `Intl.DateTimeFormat`.
 */
import { DEFAULT_LOCALE, LOCALES } from '../i18n/locales.ts';
import en from '../i18n/messages/en.json' with { type: 'json' };
import es from '../i18n/messages/es.json' with { type: 'json' };
import fr from '../i18n/messages/fr.json' with { type: 'json' };

export const LANGUAGES = LOCALES;
export type Lang = (typeof LANGUAGES)[number];
export const DEFAULT_LANG: Lang = DEFAULT_LOCALE;

/** The language segment of a path as a regular-expression group (one alternative per language), for route patterns. */
export const LANG_SEGMENT = `(${LANGUAGES.join('|')})`;

export function isLang(value: string | undefined): value is Lang {
  return value !== undefined && (LANGUAGES as readonly string[]).includes(value);
}

type Catalog = typeof en;
/** Plural forms of one message: `other` always, the other CLDR categories where the language has them. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
/** A plain message. */
export type MessageKey = { [K in keyof Catalog]: Catalog[K] extends string ? K : never }[keyof Catalog];
/** A message with plural forms (`plural()`). */
export type PluralKey = Exclude<keyof Catalog, MessageKey>;
export type Dictionary = Record<MessageKey, string> & Record<PluralKey, PluralForms>;

// The JSON imports are typed from their content; the unit test tests/unit/i18n.test.ts holds fr and es to
// English's keys, placeholders and plural categories, which the type system cannot see across files.
export const DICTIONARIES: Record<Lang, Dictionary> = { en, fr: fr as Dictionary, es: es as Dictionary };

export type Translate = (key: MessageKey) => string;

export function translator(lang: Lang): Translate {
  const dictionary = DICTIONARIES[lang];
  return (key) => dictionary[key];
}

/** `{name}` placeholders filled in; numbers written the reader's way. Unknown placeholders stay as they are. */
export function format(lang: Lang, template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(lang, value) : value;
  });
}

const pluralRules = new Map<Lang, Intl.PluralRules>();

/**
 * The form of a plural message for `count`, with `{count}` filled in: "1 résultat", "0 résultat", "2 résultats".
 * The category comes from `Intl.PluralRules` (French counts 0 as singular, English does not); a category the
 * catalog does not spell out falls back to `other`.
 */
export function plural(lang: Lang, key: PluralKey, count: number, values: Record<string, string | number> = {}): string {
  let rules = pluralRules.get(lang);
  if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(lang)));
  const forms: PluralForms = DICTIONARIES[lang][key];
  return format(lang, forms[rules.select(count)] ?? forms.other, { ...values, count });
}

export function formatNumber(lang: Lang, value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(lang, options).format(value);
}

/** A high punctuation sign as the language writes it: French puts a no-break space before ":" and a narrow
 * no-break space before ";", "!" and "?" (Imprimerie nationale's rules), so that the sign never starts a line.
 * For text composed in code; the catalogs' own strings carry their spaces already (tests/unit/i18n.test.ts). */
export function punctuation(lang: Lang, sign: ':' | ';' | '!' | '?'): string {
  if (lang !== 'fr') return sign;
  return `${sign === ':' ? '\u00A0' : '\u202F'}${sign}`;
}

/** ":" after a label composed in code ("Historique : …" in French, "History: …" in English). */
export function colon(lang: Lang): string {
  return punctuation(lang, ':');
}

const SIZE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

/**
 * A file size in the reader's locale and units ("1.2 MB", "1,2 Mo", "1,2 MB"): Intl's units, not a fixed "MB",
 * because French writes "Mo". Decimal multiples (1 MB = 1,000,000 bytes), which is what Intl's "megabyte" names.
 */
export function formatFileSize(lang: string, bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < SIZE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  // one decimal below 10 (1.2 MB), none above (12 MB) nor for bytes
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return new Intl.NumberFormat(lang, { style: 'unit', unit: SIZE_UNITS[unit], unitDisplay: 'short', maximumFractionDigits: digits }).format(value);
}

/**
 * A date in the reader's language; UTC unless told otherwise, so a server's own time zone never shows. A string
 * that is no date is shown as it came rather than as "Invalid Date".
 */
export function formatDate(lang: Lang, value: Date | string, options: Intl.DateTimeFormatOptions = { dateStyle: 'long' }): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(lang, { timeZone: 'UTC', ...options }).format(date);
}

/**
 * A span of two dates the reader's way, from `Intl.DateTimeFormat.formatRange`: what they share is written once
 * ("1–31 December 2026", "20 novembre 2026 – 31 janvier 2027") and the dash is spaced as the language spaces it.
 * Dates that do not parse are shown as they came, each formatted alone.
 */
export function formatDateRange(
  lang: Lang,
  start: Date | string,
  end: Date | string,
  options: Intl.DateTimeFormatOptions = { dateStyle: 'long' },
): string {
  const from = typeof start === 'string' ? new Date(start) : start;
  const to = typeof end === 'string' ? new Date(end) : end;
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from > to) {
    return `${formatDate(lang, start, options)} – ${formatDate(lang, end, options)}`;
  }
  return new Intl.DateTimeFormat(lang, { timeZone: 'UTC', ...options }).formatRange(from, to);
}

/** Years of an activity ("2019–2021", or "since 2019" while it goes on), years never grouped ("2 019"). */
export function formatYears(lang: Lang, start: number, end: number | null | undefined): string {
  const year = (value: number) => new Date(Date.UTC(value, 6, 1));
  const years = new Intl.DateTimeFormat(lang, { year: 'numeric', timeZone: 'UTC' });
  if (end === null || end === undefined) return format(lang, DICTIONARIES[lang].sinceYear, { year: years.format(year(start)) });
  return start <= end ? years.formatRange(year(start), year(end)) : `${years.format(year(start))}–${years.format(year(end))}`;
}

/**
 * The language a reader asked for in Accept-Language (RFC 9110 §12.5.4), among ours; English when none matches.
 * Ranges are ordered by their `q` weight (default 1; 0 means "not this one"), ties keep the header's order, and
 * only a range's primary subtag counts (`fr-CH` asks for `fr`): we have one variant per language. `*` matches
 * nothing in particular, so it leads to the default. Hand-written because the platform has no locale matcher
 * (`Intl.LocaleMatcher` is still a proposal) and this is all the negotiation the site needs.
 */
export function negotiateLanguage(acceptLanguage: string | null | undefined): Lang {
  if (!acceptLanguage) return DEFAULT_LANG;
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number.parseFloat(q.slice(2)) : 1;
      return { base: tag.trim().toLowerCase().split('-')[0] ?? '', quality: Number.isNaN(quality) ? 0 : quality, index };
    })
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const entry of ranked) {
    if (isLang(entry.base)) return entry.base;
  }
  return DEFAULT_LANG;
}

/** "This page is not yet available in French; showing English" in the reader's language. */
export function fallbackNote(lang: Lang): string {
  return DICTIONARIES[lang].notTranslated;
}
