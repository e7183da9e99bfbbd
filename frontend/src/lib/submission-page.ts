/**
 * Sending the submission form to Django for one request of the Astro server (new example or revision), and the
 * ids the error summary links to. Kept apart from `submission.ts`, which stays free of I/O for its unit tests.
 */
import type { BackendSession, FieldError } from './account.ts';
import { formatDate, type Lang, type Translate } from './i18n.ts';
import type { Submission } from '../api/client.ts';
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

export async function sendSubmission(session: BackendSession, path: string, form: FormLike, values: FormValues, t: Translate): Promise<SendResult> {
  const files = chosenFiles(form);
  const problems = fileErrors(files, t);
  if (problems.length) return { errors: problems, status: 422 };
  try {
    const headers: Record<string, string> = values.key ? { 'idempotency-key': values.key } : {};
    const answer = await session.call('POST', path, relayBody(toPayload(values), files), headers);
    if ((answer.status === 200 || answer.status === 201) && typeof answer.data.id === 'number') return { id: answer.data.id, errors: [], status: 303 };
    if (answer.status === 422) return { errors: apiFieldErrors(answer.data, t, values), status: 422 };
    if (answer.status === 403) console.error(`submission refused (403): ${String(answer.data.detail ?? '')}`);
    if (answer.status === 403) return { errors: [{ field: '', message: t('verifyFirst') }], status: 403 };
    if (answer.status === 409) return { errors: [{ field: '', message: t('errorCannotChange') }], status: 409 };
    // Django's own words (in the reader's language): how many examples an hour, and that nothing is lost.
    if (answer.status === 429) return { errors: [{ field: '', message: typeof answer.data.detail === 'string' && answer.data.detail ? answer.data.detail : t('errorTooMany') }], status: 429 };
    console.error(`submission: Django answered ${answer.status} on ${path}`);
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
  const answer = await session.call('GET', `/api/v1/submissions/${id}/`);
  if (answer.status === 404) return undefined;
  if (answer.status !== 200) throw new Error(`submission ${id}: Django answered ${answer.status}`);
  return answer.data as unknown as Submission;
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
