/**
 * The rules behind the StreamField blocks of the guidance (guidance_pages/blocks.py), as plain functions so
 * that they are unit-tested without rendering: unique heading anchors, the table of contents, callout labels,
 * file sizes and same-origin links. The markup itself is in src/components/streamfield/, where Astro escapes
 * every expression; rich text is sanitised there (sanitize.ts) before it is set as HTML.
 */
import type { Block, CalloutValue, CalloutVariant, DownloadValue } from '../api/wagtail-types.ts';
import { formatFileSize, type MessageKey } from './i18n.ts';

export const CALLOUT_LABELS: Record<CalloutVariant, MessageKey> = {
  info: 'calloutInfo',
  'key-point': 'calloutKeyPoint',
  warning: 'calloutWarning',
  'covid-19': 'covid19',
};

export interface TocEntry {
  anchor: string;
  text: string;
  /** the entry's language when it differs from the list's (an English fallback body inside a French page) */
  lang?: string | undefined;
}

export interface PreparedBody {
  blocks: Block[];
  /** each heading block's id attribute, unique on the page */
  anchors: Map<string, string>;
  /** the h2 headings and practical applications (each an h2 titled by its editor), for an "On this page" list */
  toc: TocEntry[];
}

/** Make anchors unique on the page and safe as id values. */
function uniqueAnchors(blocks: Block[]): Map<string, string> {
  const seen = new Map<string, number>();
  const result = new Map<string, string>();
  for (const block of blocks) {
    if (block.type !== 'heading') continue;
    const base = (block.value.anchor || 'section').replace(/[^A-Za-z0-9_-]/g, '-').replace(/^[^A-Za-z]+/, '') || 'section';
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    result.set(block.id, count === 0 ? base : `${base}-${count + 1}`);
  }
  return result;
}

/** The body's blocks (none when the API gives no list), their heading anchors and table of contents. */
export function prepareBody(blocks: Block[] | null | undefined): PreparedBody {
  const list = Array.isArray(blocks) ? blocks : [];
  const anchors = uniqueAnchors(list);
  const toc: TocEntry[] = [];
  for (const block of list) {
    if (block.type === 'heading' && block.value.level !== 'h3') {
      toc.push({ anchor: anchors.get(block.id) ?? block.value.anchor, text: block.value.text });
    } else if (block.type === 'practical_application' && block.value.title) {
      toc.push({ anchor: practicalAnchor(block.id), text: block.value.title });
    }
  }
  return { blocks: list, anchors, toc };
}

/** The id of a practical application's heading (PracticalApplication.astro): its block id is unique on the page. */
export function practicalAnchor(blockId: string): string {
  return `pa-${blockId}`;
}

/**
 * Whether a page shows its "On this page" list. Sections the page adds after its text (its steps, examples,
 * discussion) are always worth a link, since they sit below a long body on a phone; otherwise a list of one
 * heading would only repeat it.
 */
export function showsToc(bodyEntries: number, sectionEntries: number): boolean {
  return sectionEntries > 0 || bodyEntries > 1;
}

/** The id of a heading block: its unique anchor, else its own. */
export function headingAnchor(block: Extract<Block, { type: 'heading' }>, anchors: Map<string, string>): string {
  return anchors.get(block.id) ?? (block.value.anchor || 'section');
}

/**
 * The id of a numbered paragraph: `para-4.12`, the same anchor as in the edition PDFs, so that "para 4.12" cited on
 * paper is a link on the site (guidance_pages/numbering.py numbers the blocks; the API gives the numbers).
 */
export function paragraphAnchor(number: string): string {
  return `para-${number}`;
}

/** A block's paragraph number, when the page's API response numbers it (headings and downloads are not numbered). */
export function paragraphNumber(block: Block, numbers: Record<string, string> | null | undefined): string | undefined {
  const number = numbers?.[block.id];
  return typeof number === 'string' && number !== '' ? number : undefined;
}

/** A UI label inside content of another language (an English fallback) carries the reader's lang. */
export function labelLang(lang: string, contentLang: string | undefined): string | undefined {
  return contentLang && contentLang !== lang ? lang : undefined;
}

/** A variant the frontend does not know is shown as information. */
export function calloutVariant(value: CalloutValue): CalloutVariant {
  return value.variant in CALLOUT_LABELS ? value.variant : 'info';
}

/** The editor's title beside the variant's label, unless it only repeats the label. */
export function calloutTitle(value: CalloutValue, label: string): string | undefined {
  return value.title && value.title !== label ? value.title : undefined;
}

/** A download's size the reader's way ("1,5 ko" in French, not a fixed "KB"): Intl's units, as the edition PDFs. */
export function formatSize(bytes: number | null | undefined, lang: string): string {
  return formatFileSize(lang, bytes);
}

/** "PDF, 1.5 MB": what a download link says about its file. */
export function downloadDetails(value: DownloadValue, lang: string): string {
  return [value.extension.toUpperCase(), formatSize(value.size, lang)].filter(Boolean).join(', ');
}

/** Documents and media go through the site's own origin (the Astro server proxies them). */
export function sameOriginUrl(url: string): string {
  const match = /^https?:\/\/[^/]+(\/(?:documents|media)\/.*)$/i.exec(url);
  if (match?.[1]) return match[1];
  if (/^(https?:)?\/\//i.test(url) || url.startsWith('/')) return url;
  return '#';
}

/** A quote's plain text as paragraphs (blank lines) of lines (single line breaks). */
export function paragraphs(text: string): string[][] {
  return text
    .split(/\n{2,}/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => part.split('\n'));
}
