/** Typed client of the domain API (/api/v1/), generated from docs/openapi.json by `make openapi`. */
import createClient from 'openapi-fetch';
import type { components, paths } from './schema';
import type { Lang } from '../lib/i18n.ts';
import { BackendError, backendUrl } from '../lib/backend.ts';

export type Objective = components['schemas']['ObjectiveOut'];
export type ObjectiveDetail = components['schemas']['ObjectiveWithExamplesOut'];

function client() {
  return createClient<paths>({ baseUrl: backendUrl() });
}

const CACHE_MS = 30_000;
const objectivesCache = new Map<Lang, { at: number; items: Objective[] }>();

/** The 23 objectives with number, title and short label in the reader's language (English fallback). */
export async function listObjectives(lang: Lang): Promise<Objective[]> {
  const cached = objectivesCache.get(lang);
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.items;
  const { data, error } = await client().GET('/api/v1/objectives/', {
    params: { query: { locale: lang, limit: 100 } },
    signal: AbortSignal.timeout(8000),
  });
  if (error || !data) throw new BackendError(`objectives list failed for ${lang}`);
  objectivesCache.set(lang, { at: Date.now(), items: data.items });
  return data.items;
}

export async function getObjective(lang: Lang, number: number): Promise<ObjectiveDetail | undefined> {
  const { data, response } = await client().GET('/api/v1/objectives/{number}/', {
    params: { path: { number }, query: { locale: lang } },
    signal: AbortSignal.timeout(8000),
  });
  if (response.status === 404 || response.status === 422) return undefined;
  if (!data) throw new BackendError(`objective ${number} failed for ${lang}`);
  return data;
}
