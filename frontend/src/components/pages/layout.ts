/** What the site's layout (layouts/Base.astro) shows around a content page: title, breadcrumbs, section, feeds. */
import type { ComponentProps } from 'astro/types';
import type { Objective } from '../../api/client.ts';
import { frontendHref, type ResolvedPage, type TreePage } from '../../api/pages.ts';
import type Base from '../../layouts/Base.astro';
import type { Crumb } from '../../layouts/Base.astro';
import { filtersQuery } from '../../lib/examples.ts';
import { translator, type Lang, type Translate } from '../../lib/i18n.ts';
import type { PageOutcome, PageView } from './view.ts';

type Section = 'home' | 'guide' | 'booklet' | 'examples' | undefined;

/** Titles of English fallback pages carry lang="en" inside a French or Spanish page. */
export function langOf(page: TreePage, lang: Lang): string | undefined {
  return page.locale !== lang ? page.locale : undefined;
}

/** The objective a page is about, with its title in the reader's language, if it is one of the 23. */
export function objectiveOf(view: PageView): Objective | undefined {
  const number = view.resolved.detail.objective?.number;
  return number === undefined ? undefined : view.objectives.find((entry) => entry.number === number);
}

function crumbsOf(resolved: ResolvedPage, lang: Lang, t: Translate): Crumb[] {
  if (resolved.path === '') return [];
  const crumbs: Crumb[] = [];
  const parts = resolved.path.split('/');
  for (let depth = 0; depth < parts.length; depth += 1) {
    const path = parts.slice(0, depth).join('/');
    const page = resolved.tree.byPath.get(path);
    crumbs.push({
      label: depth === 0 ? t('home') : (page?.title ?? path),
      href: frontendHref(lang, path),
      lang: depth === 0 || !page ? undefined : langOf(page, lang),
    });
  }
  crumbs.push({
    label: resolved.detail.title,
    href: frontendHref(lang, resolved.path),
    lang: resolved.fallback ? resolved.contentLang : undefined,
    current: true,
  });
  return crumbs;
}

function sectionOf(view: PageView): Section {
  const { path } = view.resolved;
  const within = (base: string) => path === base || path.startsWith(`${base}/`);
  if (within(view.nav.guide)) return 'guide';
  if (within(view.nav.booklet)) return 'booklet';
  if (view.resolved.detail.meta.type.startsWith('examples_library.')) return 'examples';
  return path === '' ? 'home' : undefined;
}

/** Base.astro's props for a page, or for the error page that stands in for it. */
export function layoutProps(outcome: PageOutcome, lang: Lang): ComponentProps<typeof Base> {
  const t = translator(lang);
  if (outcome.failure) {
    const title = t(outcome.failure === 'not-found' ? 'notFoundTitle' : 'backendErrorTitle');
    return { lang, title, alternates: outcome.alternates, nav: outcome.nav, noindex: true, feeds: [] };
  }
  const { view } = outcome;
  const { resolved } = view;
  const { detail } = resolved;
  const objective = objectiveOf(view);
  const feeds = [{ title: t('feedExamples'), href: `/${lang}/feeds/examples.xml` }];
  if (detail.objective) {
    feeds.push({ title: t('feedObjective'), href: `/${lang}/feeds/objectives/${detail.objective.number}.xml` });
  }
  const english = view.alternates.find((entry) => entry.lang === 'en');
  return {
    lang,
    title: objective ? `${t('objective')} ${objective.number}: ${objective.title}` : detail.title,
    description: detail.meta.search_description || detail.summary,
    alternates: view.alternates,
    canonical: resolved.fallback ? english?.href : frontendHref(lang, resolved.path),
    section: sectionOf(view),
    breadcrumbs: crumbsOf(resolved, lang, t),
    noindex: false,
    nav: view.nav,
    feeds,
    switcherQuery: view.examples ? filtersQuery(view.examples.filters) : undefined,
  };
}
