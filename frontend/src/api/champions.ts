/** The Champions and pilots of /api/v1/champions/ (issue 15), read through the typed client. */
import type { components } from './schema';
import { answered, client, timeout } from './client.ts';
import type { Lang } from '../lib/i18n.ts';

export type ChampionSummary = components['schemas']['ChampionSummaryOut'];
export type Champion = components['schemas']['ChampionOut'];
export type Pilot = components['schemas']['PilotOut'];
export type Period = components['schemas']['PeriodOut'];

/** Every Champion country with its roles and pilots, ordered by its name in `lang` (at most one per country). */
export async function listChampions(lang: Lang): Promise<ChampionSummary[]> {
  const call = client().GET('/api/v1/champions/', { params: { query: { locale: lang } }, signal: timeout() });
  return (await answered('/api/v1/champions/', call))?.items ?? [];
}

/** One Champion country; undefined when the code is no Champion's (a code that is no country code is refused). */
export async function getChampion(lang: Lang, code: string): Promise<Champion | undefined> {
  const call = client().GET('/api/v1/champions/{code}/', { params: { path: { code }, query: { locale: lang } }, signal: timeout() });
  return answered(`/api/v1/champions/${code}/`, call);
}

/** Where a Champion country's page lives: its ISO code in lower case. */
export function championHref(lang: Lang, code: string): string {
  return `/${lang}/champions/${code.toLowerCase()}/`;
}

export function championsHref(lang: Lang): string {
  return `/${lang}/champions/`;
}
