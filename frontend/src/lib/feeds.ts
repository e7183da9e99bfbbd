/** The Atom feeds of newly published examples (all, or one objective's), in a reader's language. */
import { getObjectiveExamples, listChanges, searchExamples } from '../api/client.ts';
import { frontendHref, localeTree } from '../api/pages.ts';
import { BackendError } from './backend.ts';
import { atomFeed, type FeedEntry } from './feed.ts';
import { changeEntry, changesFeedHref, changesHref } from './history.ts';
import { translator, type Lang } from './i18n.ts';
import { examplePath } from './paths.ts';
import { siteOrigin } from './site.ts';

const FEED_SIZE = 20;

function xmlResponse(xml: string): Response {
  return new Response(xml, {
    headers: { 'content-type': 'application/atom+xml; charset=utf-8', 'cache-control': 'public, max-age=300' },
  });
}

export function unavailable(): Response {
  return new Response('Service unavailable\n', { status: 503, headers: { 'cache-control': 'no-store' } });
}

export async function examplesFeed(lang: Lang, url: URL): Promise<Response> {
  const origin = siteOrigin(url);
  const t = translator(lang);
  try {
    // the library of every language (an example's own address is its id and its link)
    const result = await searchExamples(`locale=${lang}&sort=newest&page=1&page_size=${FEED_SIZE}`);
    const entries: FeedEntry[] = result.items.map((item) => ({
      id: origin + examplePath(lang, item.path),
      title: item.title,
      url: origin + examplePath(lang, item.path),
      summary: item.summary,
      published: item.first_published_at ?? new Date(0).toISOString(),
      categories: item.primary_objective ? [`${t('objective')} ${item.primary_objective}`] : [],
    }));
    return xmlResponse(
      atomFeed({
        id: `${origin}/${lang}/feeds/examples.xml`,
        title: `${t('feedTitleExamples')} | ${t('siteName')}`,
        lang,
        self: `${origin}/${lang}/feeds/examples.xml`,
        alternate: `${origin}/${lang}/examples/?sort=newest`,
        author: t('publisher'),
        entries,
      }),
    );
  } catch (error) {
    if (error instanceof BackendError) return unavailable();
    throw error;
  }
}

export async function objectiveFeed(lang: Lang, number: number, url: URL): Promise<Response | undefined> {
  const origin = siteOrigin(url);
  const t = translator(lang);
  try {
    const objective = await getObjectiveExamples(lang, number, 1, FEED_SIZE);
    if (!objective) return undefined;
    const own = await localeTree(lang);
    // examples are not in the page tree: the domain API gives each one's own address, in its language
    const objectivePage = objective.page ? own.byId.get(objective.page.id) : undefined;
    const self = `${origin}/${lang}/feeds/objectives/${number}.xml`;
    return xmlResponse(
      atomFeed({
        id: self,
        title: `${t('feedTitleExamples')}: ${t('objective')} ${number}. ${objective.short_label} | ${t('siteName')}`,
        lang,
        self,
        alternate: origin + (objectivePage ? frontendHref(lang, objectivePage.path) : `/${lang}/`),
        author: t('publisher'),
        entries: objective.examples.items.map((item) => ({
          id: origin + examplePath(lang, item.path),
          title: item.title,
          url: origin + examplePath(lang, item.path),
          summary: item.summary,
          published: item.first_published_at ?? new Date(0).toISOString(),
          categories: item.country ? [item.country.name] : [],
        })),
      }),
    );
  } catch (error) {
    if (error instanceof BackendError) return unavailable();
    throw error;
  }
}

/** The substantive changes to the guidance in a language (Atom mirror of /<lang>/changes/). */
export async function changesFeed(lang: Lang, url: URL): Promise<Response> {
  const origin = siteOrigin(url);
  const t = translator(lang);
  try {
    const result = await listChanges(lang, 0, FEED_SIZE);
    const self = origin + changesFeedHref(lang);
    return xmlResponse(
      atomFeed({
        id: self,
        title: `${t('feedTitleChanges')} | ${t('siteName')}`,
        lang,
        self,
        alternate: origin + changesHref(lang),
        author: t('publisher'),
        entries: (result?.items ?? []).map((change) => changeEntry(lang, origin, change)),
      }),
    );
  } catch (error) {
    if (error instanceof BackendError) return unavailable();
    throw error;
  }
}
