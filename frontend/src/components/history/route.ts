/**
 * What the living-document routes (editions, history, diff, changes, point-in-time) share: the guidance page at
 * a path, resolved the way the content route does it, and the one way a backend failure becomes the error page
 * (nothing there: 404; the API refused the reader's input: 400 with its message; the API down: 503).
 */
import { resolvePage, sectionPaths, type ResolvedPage, type SectionPaths } from '../../api/pages.ts';
import { ApiRefusal, BackendError } from '../../lib/backend.ts';
import { hasHistory } from '../../lib/history.ts';
import type { Lang } from '../../lib/i18n.ts';
import type { Failure } from '../../lib/site.ts';

export type Loaded<T> = { data: T; failure?: undefined; refusal: ''; nav: SectionPaths | undefined } | { data?: undefined; failure: Failure; refusal: string; nav: SectionPaths | undefined };

/** The guidance page at a path in a language (its English page while untranslated); examples have no history. */
export async function guidancePage(lang: Lang, path: string): Promise<ResolvedPage | undefined> {
  const resolved = await resolvePage(lang, path);
  return resolved && hasHistory(resolved.detail.meta.type) ? resolved : undefined;
}

/** Runs a route's loading; undefined data is "not found", an ApiRefusal (a 404 too) shows the API's reason. */
export async function loadRoute<T>(lang: Lang, load: () => Promise<T | undefined>): Promise<Loaded<T>> {
  let nav: SectionPaths | undefined;
  try {
    nav = await sectionPaths(lang);
    const data = await load();
    return data === undefined ? { failure: 'not-found', refusal: '', nav } : { data, refusal: '', nav };
  } catch (error) {
    if (!(error instanceof BackendError)) throw error;
    console.error(error.message);
    return { ...failureOf(error), nav };
  }
}

/** The error page for a backend error: the API's 404 for a version or edition the page does not have stays a
 * 404 with its reason, another refusal is a 400 with its reason, anything else the service being down. */
export function failureOf(error: BackendError): { failure: Failure; refusal: string } {
  if (!(error instanceof ApiRefusal)) return { failure: 'unavailable', refusal: '' };
  return { failure: error.status === 404 ? 'not-found' : 'refused', refusal: error.detail };
}
