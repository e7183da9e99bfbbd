/**
 * HTML for each StreamField block of the guidance (guidance_pages/blocks.py), as plain functions so that
 * they are unit-tested without a browser. Text is escaped; rich text is sanitised (sanitize.ts).
 */
import type { Block, CalloutVariant, DownloadValue, TableValue } from '../api/wagtail-types.ts';
import type { MessageKey, Translate } from './i18n.ts';
import { escapeHtml, sanitizeRichText } from './sanitize.ts';

const CALLOUT_LABELS: Record<CalloutVariant, MessageKey> = {
  info: 'calloutInfo',
  'key-point': 'calloutKeyPoint',
  warning: 'calloutWarning',
  'covid-19': 'covid19',
};

export interface RenderContext {
  /** UI strings (block labels) in the reader's language */
  t: Translate;
  /** the reader's language */
  lang: string;
  /** the language of the content when it differs (an English fallback): labels then carry their own lang */
  contentLang?: string;
}

/** ` lang="fr"` on a UI label inside content of another language, so screen readers switch voice. */
function labelLang(ctx: RenderContext): string {
  return ctx.contentLang && ctx.contentLang !== ctx.lang ? ` lang="${escapeHtml(ctx.lang)}"` : '';
}

export interface TocEntry {
  anchor: string;
  text: string;
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

export function formatSize(bytes: number | null | undefined, lang: string): string {
  if (bytes === null || bytes === undefined || bytes < 0) return '';
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

/** Documents and media go through the site's own origin (the Astro server proxies them). */
export function sameOriginUrl(url: string): string {
  const match = /^https?:\/\/[^/]+(\/(?:documents|media)\/.*)$/i.exec(url);
  if (match?.[1]) return match[1];
  if (/^(https?:)?\/\//i.test(url) || url.startsWith('/')) return url;
  return '#';
}

function renderTable(value: TableValue, id: string): string {
  const captionId = `table-${escapeHtml(id)}`;
  const head = value.header.length
    ? `<thead><tr>${value.header.map((cell) => `<th scope="col">${escapeHtml(cell)}</th>`).join('')}</tr></thead>`
    : '';
  const body = value.rows
    .map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`)
    .join('');
  return (
    `<div class="table-scroll" role="region" aria-labelledby="${captionId}" tabindex="0">` +
    `<table><caption id="${captionId}">${escapeHtml(value.caption)}</caption>${head}<tbody>${body}</tbody></table></div>`
  );
}

function renderDownload(value: DownloadValue, ctx: RenderContext): string {
  const details = [value.extension.toUpperCase(), formatSize(value.size, ctx.lang)].filter(Boolean).join(', ');
  return (
    `<p class="download"><a href="${escapeHtml(sameOriginUrl(value.url))}">` +
    `<span class="download-action"${labelLang(ctx)}>${escapeHtml(ctx.t('download'))}:</span> ${escapeHtml(value.label || value.title)}</a>` +
    (details ? ` <span class="download-details">(${escapeHtml(details)})</span>` : '') +
    `</p>`
  );
}

function paragraphs(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => `<p>${escapeHtml(part).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

export function renderBlock(block: Block, ctx: RenderContext, anchors: Map<string, string> = new Map()): string {
  switch (block.type) {
    case 'text':
      return `<div class="rich-text">${sanitizeRichText(block.value)}</div>`;
    case 'heading': {
      const level = block.value.level === 'h3' ? 'h3' : 'h2';
      const anchor = anchors.get(block.id) ?? (block.value.anchor || 'section');
      return `<${level} id="${escapeHtml(anchor)}">${escapeHtml(block.value.text)}</${level}>`;
    }
    case 'callout': {
      const variant: CalloutVariant = block.value.variant in CALLOUT_LABELS ? block.value.variant : 'info';
      const label = ctx.t(CALLOUT_LABELS[variant]);
      const title = block.value.title && block.value.title !== label ? ` <strong>${escapeHtml(block.value.title)}</strong>` : '';
      return (
        `<div class="callout callout--${variant}" role="note">` +
        `<p class="callout-label"><span class="callout-badge"${labelLang(ctx)}>${escapeHtml(label)}</span>${title}</p>` +
        `<div class="rich-text">${sanitizeRichText(block.value.body)}</div></div>`
      );
    }
    case 'practical_application': {
      const country = block.value.country ? `<p class="practical-country">${escapeHtml(block.value.country)}</p>` : '';
      return (
        `<section class="practical" aria-labelledby="pa-${escapeHtml(block.id)}">` +
        `<p class="practical-kicker"${labelLang(ctx)}>${escapeHtml(ctx.t('practicalApplication'))}</p>` +
        `<h2 id="pa-${escapeHtml(block.id)}">${escapeHtml(block.value.title)}</h2>${country}` +
        `<div class="rich-text">${sanitizeRichText(block.value.text)}</div></section>`
      );
    }
    case 'table':
      return renderTable(block.value, block.id);
    case 'download':
      return block.value ? renderDownload(block.value, ctx) : '';
    case 'quote': {
      const attribution = block.value.attribution
        ? `<figcaption>— ${escapeHtml(block.value.attribution)}</figcaption>`
        : '';
      return `<figure class="quote"><blockquote>${paragraphs(block.value.quote)}</blockquote>${attribution}</figure>`;
    }
    default:
      return ''; // a block type this frontend does not know yet: leave it out rather than break the page
  }
}

export interface RenderedBody {
  html: string;
  toc: TocEntry[];
  /** each block's HTML with its stable id, for pages that show discussion comments beside their paragraph */
  blocks: { id: string; html: string }[];
}

/** The whole body, and the h2 headings for an "On this page" list. */
export function renderBody(blocks: Block[] | null | undefined, ctx: RenderContext): RenderedBody {
  const list = Array.isArray(blocks) ? blocks : [];
  const anchors = uniqueAnchors(list);
  const toc: TocEntry[] = [];
  for (const block of list) {
    if (block.type === 'heading' && block.value.level !== 'h3') {
      toc.push({ anchor: anchors.get(block.id) ?? block.value.anchor, text: block.value.text });
    }
  }
  const rendered = list.map((block) => ({ id: block.id, html: renderBlock(block, ctx, anchors) }));
  return { html: rendered.map((block) => block.html).join('\n'), toc, blocks: rendered };
}
