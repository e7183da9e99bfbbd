/** Hand-written shapes of the Wagtail API v2 responses the site reads (see guidance_pages/blocks.py). */

export type PageType =
  | 'guidance_pages.HomePage'
  | 'guidance_pages.GuidePage'
  | 'guidance_pages.ChapterPage'
  | 'guidance_pages.StepPage'
  | 'guidance_pages.BookletPage'
  | 'guidance_pages.ObjectivePage'
  | 'examples_library.ExamplesIndexPage'
  | (string & {});

export interface ListingMeta {
  type: PageType;
  html_url: string | null;
  slug: string;
  locale: string;
  first_published_at?: string | null;
}

export interface PageListItem {
  id: number;
  meta: ListingMeta;
  title: string;
}

export interface PageListing<T = PageListItem> {
  meta: { total_count: number };
  items: T[];
}

export interface HeadingValue {
  text: string;
  level: 'h2' | 'h3';
  anchor: string;
}

export type CalloutVariant = 'info' | 'key-point' | 'warning' | 'covid-19';

export interface CalloutValue {
  variant: CalloutVariant;
  title: string;
  body: string;
}

export interface PracticalApplicationValue {
  title: string;
  country: string;
  text: string;
}

export interface TableValue {
  caption: string;
  header: string[];
  rows: string[][];
}

export interface DownloadValue {
  id: number;
  title: string;
  label: string;
  url: string;
  extension: string;
  size: number | null;
}

export interface QuoteValue {
  quote: string;
  attribution: string;
}

export type Block =
  | { type: 'text'; id: string; value: string }
  | { type: 'heading'; id: string; value: HeadingValue }
  | { type: 'callout'; id: string; value: CalloutValue }
  | { type: 'practical_application'; id: string; value: PracticalApplicationValue }
  | { type: 'table'; id: string; value: TableValue }
  | { type: 'download'; id: string; value: DownloadValue | null }
  | { type: 'quote'; id: string; value: QuoteValue };

export interface ObjectiveRef {
  number: number;
  title: string;
  short_label: string;
}

/** A guidance page's latest public change (API v2 `last_change`): version is the public version id. */
export interface LastChange {
  version: number;
  date: string;
  kind: 'original' | 'substantive' | 'edition' | (string & {});
  note: string;
}

/** How a translation stands against its English source (API v2 `stale_translation`), when it is behind. */
export interface StaleTranslation {
  status: 'outdated' | 'partly_translated' | 'not_translated' | (string & {});
  /** when the source changed past the translation (ISO 8601), if known */
  since: string | null;
  /** the live English page it follows; null when there is none live */
  source: { id: number; title: string; path: string } | null;
  /** public version ids (or e<N>) of the English diff of what changed since the translation */
  diff_from: string | number | null;
  diff_to: string | number | null;
}

export interface PageDetail {
  id: number;
  meta: ListingMeta & {
    seo_title?: string;
    search_description?: string;
    parent?: { id: number; title: string; meta: { type: PageType } } | null;
  };
  title: string;
  summary?: string;
  body?: Block[];
  step_number?: number;
  /** a chapter that lists the guiding principles after its body */
  lists_principles?: boolean;
  objective?: ObjectiveRef | null;
  /** guidance pages: the latest public change, null before any (issue 13) */
  last_change?: LastChange | null;
  /** guidance pages in French or Spanish: null when up to date with English */
  stale_translation?: StaleTranslation | null;
  /** guidance pages: block id -> paragraph number ("4.12") of the numbered blocks (guidance_pages/numbering.py) */
  paragraph_numbers?: Record<string, string>;
}
