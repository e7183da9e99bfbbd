/**
 * Draft preview (wagtail-headless-preview): the admin's Preview sends the editor to
 * `/preview/?content_type=app.model&token=…`, and this reads the draft from Django's `/api/v2/page_preview/`.
 * The token is the only credential; Django checks its signature and age. Preview responses are never stored
 * (`no-store`, never in the page cache: src/lib/pagecache.ts), never indexed, and may be framed only by the
 * admin (its live preview panel), whose origin is PREVIEW_FRAME_ANCESTORS (default: BACKEND_URL's origin).
 */
import { backendUrl } from './backend.ts';
import type { Example } from '../api/client.ts';
import type { Block, PageDetail } from '../api/wagtail-types.ts';

export const PREVIEW_ROUTE = '/preview/';

export function isPreviewPath(pathname: string): boolean {
  return pathname === '/preview' || pathname === PREVIEW_ROUTE;
}

export interface PreviewPage extends Omit<PageDetail, 'body'> {
  /** StreamField blocks (guidance) or sanitised-again rich text HTML (examples) */
  body?: Block[] | string;
  /** an example's draft as /api/v1/examples/{id}/ gives a published one: shown by the same component */
  example?: Example;
}

export type PreviewResult = { kind: 'draft'; page: PreviewPage } | { kind: 'missing' } | { kind: 'unavailable' };

const CONTENT_TYPE = /^[a-z0-9_]{1,100}\.[a-z0-9_]{1,100}$/;
const TOKEN = /^[A-Za-z0-9_=:;.\-]{1,500}$/;

/** The draft behind a preview link; malformed, forged and expired links are all "missing". */
export async function fetchPreview(params: URLSearchParams): Promise<PreviewResult> {
  const contentType = params.get('content_type') ?? '';
  const token = params.get('token') ?? '';
  if (!CONTENT_TYPE.test(contentType) || !TOKEN.test(token)) return { kind: 'missing' };
  const query = new URLSearchParams({ content_type: contentType, token });
  let response: Response;
  try {
    response = await fetch(`${backendUrl()}/api/v2/page_preview/?${query}`, {
      headers: { accept: 'application/json' },
      cache: 'no-store',
      signal: AbortSignal.timeout(8000),
    });
  } catch {
    return { kind: 'unavailable' };
  }
  if (response.status === 400 || response.status === 404) return { kind: 'missing' };
  if (!response.ok) return { kind: 'unavailable' };
  return { kind: 'draft', page: (await response.json()) as PreviewPage };
}

/** `frame-ancestors` sources for the preview: the admin's origin(s). */
export function previewFrameAncestors(): string {
  const configured = process.env.PREVIEW_FRAME_ANCESTORS;
  if (configured) return configured.trim();
  const origin = new URL(backendUrl()).origin;
  const sources = new Set([origin]);
  // the admin is usually opened as localhost while the frontend reaches Django on 127.0.0.1 (make run)
  if (origin.includes('://127.0.0.1')) sources.add(origin.replace('://127.0.0.1', '://localhost'));
  if (origin.includes('://localhost')) sources.add(origin.replace('://localhost', '://127.0.0.1'));
  return [...sources].join(' ');
}

/** Headers of a preview page: the admin may frame it, nothing may store or index it. */
export function previewFraming(headers: Headers): void {
  const policy = headers.get('content-security-policy') ?? '';
  headers.set('content-security-policy', policy.replace("frame-ancestors 'none'", `frame-ancestors 'self' ${previewFrameAncestors()}`));
  headers.delete('x-frame-options');
  headers.set('cache-control', 'no-store');
  headers.set('x-robots-tag', 'noindex');
}
