/** Small path helpers shared by pages and feeds. */
import { LANG_SEGMENT, type Lang } from './i18n.ts';

const LANG_PREFIX = new RegExp(`^/${LANG_SEGMENT}/`);

/**
 * The API gives an example's frontend path in its own language (/en/examples/x/). A reader of another
 * language stays in their language's site: the page falls back to the English example with a note.
 */
export function localiseExamplePath(lang: Lang, path: string): string {
  if (!path.startsWith('/')) return `/${lang}/`;
  return path.replace(LANG_PREFIX, `/${lang}/`);
}
