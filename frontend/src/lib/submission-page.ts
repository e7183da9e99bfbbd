/**
 * Sending the submission form to Django for one request of the Astro server (new example or revision), and the
 * ids the error summary links to. Kept apart from `submission.ts`, which stays free of I/O for its unit tests.
 */
import type { BackendSession, FieldError } from './account.ts';
import { formatDate, type Lang, type Translate } from './i18n.ts';
import { sessionClient, type Submission, type SubmissionSummary } from '../api/client.ts';
import { detailOf } from './backend.ts';
import { LIST_FIELDS, apiFieldErrors, chosenFiles, fileErrors, inputId, relayBody, toPayload, type FormValues } from './submission.ts';

export interface SendResult {
  /** the submission's id when Django accepted it */
  id?: number | undefined;
  errors: FieldError[];
  /** the status to render the form again with */
  status: number;
}

interface FormLike {
  get(name: string): FormDataEntryValue | null;
  getAll(name: string): FormDataEntryValue[];
}

/** Sends the form as a new example, or as the revision of submission `revise`. */
export async function sendSubmission(session: BackendSession, revise: number | undefined, form: FormLike, values: FormValues, t: Translate): Promise<SendResult> {
  const files = chosenFiles(form);
  const problems = fileErrors(files, t);
  if (problems.length) return { errors: problems, status: 422 };
  try {
    // The schema's multipart body (`payload` JSON + `attachments`) is sent as the FormData it describes.
    const multipart = { body: { payload: '' }, bodySerializer: () => relayBody(toPayload(values), files) };
    const api = sessionClient(session);
    const { data, error, response } = await (revise === undefined
      ? api.POST('/api/v1/submissions/', { ...multipart, params: { header: values.key ? { 'Idempotency-Key': values.key } : {} } })
      : api.POST('/api/v1/submissions/{submission_id}/revise/', { ...multipart, params: { path: { submission_id: revise } } }));
    const status = response.status;
    if (data) return { id: data.id, errors: [], status: 303 };
    const body = error && typeof error === 'object' ? (error as Record<string, unknown>) : {};
    if (status === 422) return { errors: apiFieldErrors(body, t, values), status: 422 };
    if (status === 403) console.error(`submission refused (403): ${detailOf(body)}`);
    if (status === 403) return { errors: [{ field: '', message: t('verifyFirst') }], status: 403 };
    if (status === 409) return { errors: [{ field: '', message: t('errorCannotChange') }], status: 409 };
    // Django's own words (in the reader's language): how many examples an hour, and that nothing is lost.
    if (status === 429) return { errors: [{ field: '', message: detailOf(body) || t('errorTooMany') }], status: 429 };
    console.error(`submission: Django answered ${status} on ${response.url}`);
  } catch (error) {
    console.error(`submission: ${String(error)}`);
  }
  return { errors: [{ field: '', message: t('errorGeneric') }], status: 502 };
}

/** Field name → id of the element its error links to (the first box of a checkbox group). */
export function errorIds(errors: FieldError[]): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const { field } of errors) {
    if (!field) continue;
    ids[field] = (LIST_FIELDS as readonly string[]).includes(field) ? `${inputId(field)}-0` : inputId(field);
  }
  return ids;
}

/** One of the reader's own submissions (`undefined` when it is not theirs or does not exist). */
export async function ownSubmission(session: BackendSession, id: string): Promise<Submission | undefined> {
  if (!/^\d{1,12}$/.test(id)) return undefined;
  const { data, response } = await sessionClient(session).GET('/api/v1/submissions/{submission_id}/', { params: { path: { submission_id: Number(id) } } });
  if (response.status === 404) return undefined;
  if (!data) throw new Error(`submission ${id}: Django answered ${response.status}`);
  return data;
}

/** One page (of 20) of the reader's own submissions; none past the last page (the API answers 404). */
export async function mySubmissions(session: BackendSession, page: number): Promise<{ items: SubmissionSummary[]; count: number }> {
  const { data, response } = await sessionClient(session).GET('/api/v1/submissions/', { params: { query: { page } } });
  if (response.status === 404) return { items: [], count: 0 };
  if (response.status !== 200 || !data) throw new Error(`my submissions: Django answered ${response.status}`);
  return { items: data.items, count: data.count };
}

/** The public address (language and slug) of the example a submission became; '' when it cannot be read. */
export async function publishedPath(session: BackendSession, exampleId: number): Promise<string> {
  const { data, response } = await sessionClient(session).GET('/api/v1/examples/{example_id}/', { params: { path: { example_id: exampleId } } });
  return response.status === 200 && typeof data?.path === 'string' ? data.path : '';
}

/** Withdraws one of my submissions: no errors when done, else the message and the status to render with. */
export async function withdrawSubmission(session: BackendSession, id: number, t: Translate): Promise<{ errors: FieldError[]; status: number }> {
  const { response } = await sessionClient(session).POST('/api/v1/submissions/{submission_id}/withdraw/', { params: { path: { submission_id: id } } });
  if (response.status === 200) return { errors: [], status: 303 };
  // 409: its status no longer allows it (say, a moderator acted on it since the page was shown).
  if (response.status === 409) return { errors: [{ field: '', message: t('errorCannotChange') }], status: 409 };
  return { errors: [{ field: '', message: t('errorGeneric') }], status: 502 };
}

/**
 * For the pages that act on one of my submissions (revise, withdraw): the submission, or the redirect to answer
 * instead: to sign in first (and come back to `here`), or to my list when it is not mine or does not exist.
 */
export async function ownSubmissionOrRedirect(session: BackendSession, lang: string, id: string, here: string): Promise<Submission | Response> {
  if (!(await session.currentUser())) return session.redirect(`/${lang}/account/signin/?next=${encodeURIComponent(here)}`);
  return (await ownSubmission(session, id)) ?? session.redirect(`/${lang}/account/submissions/`);
}

/** A date and time of the API in the reader's language. */
export function when(value: string, lang: Lang): string {
  const text = formatDate(lang, value, { dateStyle: 'long', timeStyle: 'short' });
  return text === value ? value : `${text} UTC`;
}
