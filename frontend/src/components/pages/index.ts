/** The component that shows each Wagtail page type, by its model; a type without one gets the guidance frame. */
import BookletPage from './BookletPage.astro';
import ChapterPage from './ChapterPage.astro';
import ExamplePage from './ExamplePage.astro';
import ExamplesIndexPage from './ExamplesIndexPage.astro';
import GuidePage from './GuidePage.astro';
import HomePage from './HomePage.astro';
import ObjectivePage from './ObjectivePage.astro';
import StepPage from './StepPage.astro';
import GuidanceLayout from '../guidance/GuidanceLayout.astro';

const PAGE_COMPONENTS = {
  'guidance_pages.HomePage': HomePage,
  'guidance_pages.GuidePage': GuidePage,
  'guidance_pages.ChapterPage': ChapterPage,
  'guidance_pages.StepPage': StepPage,
  'guidance_pages.BookletPage': BookletPage,
  'guidance_pages.ObjectivePage': ObjectivePage,
  'examples_library.ExamplesIndexPage': ExamplesIndexPage,
  'examples_library.ExamplePage': ExamplePage,
} as const;

export function pageComponent(type: string): typeof GuidanceLayout {
  return (PAGE_COMPONENTS as Record<string, typeof GuidanceLayout>)[type] ?? GuidanceLayout;
}
