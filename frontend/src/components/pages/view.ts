/** The data of a content page, as the page loaders (load.ts) read it and the page components show it. */
import type { Alternate, ResolvedPage, SectionPaths, TreePage } from '../../api/pages.ts';
import type { EditionSummary, Example, ExamplesResult, Objective, ObjectiveWithExamples, Principle } from '../../api/client.ts';
import type { EditionPdf } from '../../lib/edition-pdfs.ts';
import type { BackendSession } from '../../lib/account.ts';
import type { BlockOption, CommentPage, Discussion, Participation, PlacedThreads } from '../../lib/discussions.ts';
import type { ExampleFilters } from '../../lib/examples.ts';
import type { Lang, MessageKey } from '../../lib/i18n.ts';
import type { Failure } from '../../lib/site.ts';

export interface PageRequest {
  lang: Lang;
  path: string;
  url: URL;
  session: BackendSession;
  signedIn: boolean;
}

export interface PageView {
  lang: Lang;
  resolved: ResolvedPage;
  alternates: Alternate[];
  nav: SectionPaths;
  /** the 23 objectives (Booklet, objective and example pages), else empty */
  objectives: Objective[];
  /** the guiding principles, on the chapter that lists them */
  principles: Principle[];
  /** guidance pages below this one */
  children: TreePage[];
  /** pages of the same type beside this one */
  siblings: TreePage[];
  /** the discussion this guidance page is under, its approved threads and what the reader may do */
  discussion?: PageDiscussionState | undefined;
  /** the examples library: the reader's filters and one page of results */
  examples?: { filters: ExampleFilters; result: ExamplesResult } | undefined;
  example?: Example | undefined;
  /** each objective's Booklet page by number (examples link their objectives) */
  objectiveHrefs: Map<number, string>;
  /** an objective page's examples, one page of them, and where each lives */
  objectiveExamples?: { data: ObjectiveWithExamples; page: number } | undefined;
  /** guidance pages: the latest edition's PDF in the reader's language, once rendered (issue 19) */
  editionPdf?: { edition: EditionSummary; pdf: EditionPdf } | undefined;
}

export type PageOutcome =
  | { view: PageView; failure?: undefined }
  | {
      view?: undefined;
      failure: Failure;
      /** the API's reason when it refused the request */
      refusal: string;
      /** known when the page was found but its content was not (an example without its record) */
      alternates?: Alternate[] | undefined;
      nav?: SectionPaths | undefined;
    };

export interface PageDiscussionState {
  discussion: Discussion;
  comments: CommentPage;
  /** the threads placed beside their paragraph and under their question */
  placed: PlacedThreads;
  take: Participation;
  signedIn: boolean;
  /** the page of threads shown (?comments=) */
  commentsPage: number;
  /** a notice carried by the redirect after posting or flagging */
  notice: MessageKey | undefined;
  /** the paragraphs a comment may be about, when the reader may post */
  paragraphChoices: BlockOption[];
  /** this page's path, where replying and flagging come back to */
  back: string;
}

/** A positive page number from the query string, at most 1000 (a wrong one is page 1). */
export function pageParam(url: URL, name: string): number {
  return Math.max(1, Math.min(1000, Number.parseInt(url.searchParams.get(name) ?? '1', 10) || 1));
}
