/**
 * The reader's side of the edition PDFs (issue 19): which PDF of an edition a page links to, the order the
 * edition page lists them in, and their sizes in the reader's locale. The PDFs are listed by the editions API
 * (`pdfs` of /api/v1/editions/ and /api/v1/editions/{n}/), rendered in the background after an edition is
 * published: an edition may have none yet, or not in every language.
 */
import type { components } from '../api/schema';
import { DICTIONARIES, LANGUAGES, formatFileSize, isLang, type Lang } from './i18n.ts';

export type EditionPdf = components['schemas']['EditionPdfOut'];

export interface EditionWithPdfs {
  number: number;
  name: string;
  pdfs?: EditionPdf[] | undefined;
}

/** A PDF's size in the reader's locale and units (`formatFileSize`, shared with the download blocks). */
export function fileSize(bytes: number | null | undefined, lang: string): string {
  return formatFileSize(lang, bytes);
}

/** The edition's PDF in a language, if it has been rendered. */
export function pdfIn(pdfs: EditionPdf[] | null | undefined, lang: string): EditionPdf | undefined {
  return (pdfs ?? []).find((pdf) => pdf.language === lang && pdf.url !== '');
}

/**
 * The PDFs as the edition page lists them: the reader's language first, then the site's languages in their usual
 * order; a language the site does not know is left out (no name to give it, no page to read it on).
 */
export function pdfsForReader(pdfs: EditionPdf[] | null | undefined, lang: Lang): { pdf: EditionPdf; lang: Lang; own: boolean; name: string }[] {
  const order = [lang, ...LANGUAGES.filter((code) => code !== lang)];
  return order.flatMap((code) => {
    const pdf = pdfIn(pdfs, code);
    return pdf && isLang(code) ? [{ pdf, lang: code, own: code === lang, name: DICTIONARIES[code].languageName }] : [];
  });
}

/**
 * The PDF a guidance page offers: the latest published edition's, in the page's language, when it has been
 * rendered. Not an older edition's while the latest one renders: "this edition" would then not be the text read.
 */
export function latestEditionPdf<E extends EditionWithPdfs>(editions: E[], lang: string): { edition: E; pdf: EditionPdf } | undefined {
  const latest = editions.reduce<E | undefined>((best, edition) => (best === undefined || edition.number > best.number ? edition : best), undefined);
  const pdf = latest && pdfIn(latest.pdfs, lang);
  return latest && pdf ? { edition: latest, pdf } : undefined;
}
