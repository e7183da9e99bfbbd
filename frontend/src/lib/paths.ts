/** Small path helpers shared by pages and feeds. */
import { type Lang } from './i18n.ts';

/**
 * The address of an example as the API gives it: its own page, in its own language (/es/examples/x/), which
 * the library links from every language (issue 14). Only a site path is ever a link: anything else (another
 * origin, a script URL) falls back to the reader's home page.
 */
export function examplePath(lang: Lang, path: string): string {
  return path.startsWith('/') && !path.startsWith('//') ? path : `/${lang}/`;
}
