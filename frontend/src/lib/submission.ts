/**
 * The submission form without client JavaScript: what the browser posts (multipart) → the JSON `payload` of
 * `POST /api/v1/submissions/` plus its attachments; the API's 422 `errors` → messages per form field; a
 * submission's `data` → the form again (revise). Pure functions, unit-tested in tests/unit/submission.test.ts.
 */
import type { FieldError } from './account.ts';
import type { MessageKey } from './i18n.ts';

/** Fields posted as one value each, named as in the API's `SubmissionIn`. */
export const TEXT_FIELDS = [
  'kind',
  'title',
  'summary',
  'body',
  'primary_objective',
  'country',
  'region',
  'subregion',
  'main_implementer',
  'partners',
  'start_year',
  'end_year',
  'outcomes',
  'lessons',
  'language',
  'contact_name',
  'contact_email',
  'contact_organisation',
] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

/** Checkbox groups (several values under one name). */
export const LIST_FIELDS = ['secondary_objectives', 'principles', 'actor_types'] as const;
export type ListField = (typeof LIST_FIELDS)[number];

/** Empty source rows offered by the form: without JavaScript it cannot add rows, so a few are always there. */
export const EMPTY_SOURCE_ROWS = 3;
export const MAX_SOURCES = 20;
export const MAX_ATTACHMENTS = 5;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const ATTACHMENT_TYPES = ['.pdf', '.docx', '.xlsx', '.png', '.jpg', '.jpeg'];

export interface Source {
  title: string;
  url: string;
}

export interface FormValues {
  text: Record<TextField, string>;
  lists: Record<ListField, string[]>;
  pilot: boolean;
  sources: Source[];
  /** the hidden Idempotency-Key of the rendered form */
  key: string;
}

/** What the API accepts; unknown keys are left out rather than sent empty. */
export type Payload = Record<string, unknown>;

export function emptyValues(language: string, key: string): FormValues {
  const text = Object.fromEntries(TEXT_FIELDS.map((name) => [name, ''])) as Record<TextField, string>;
  text.kind = 'practice';
  text.language = language;
  return { text, lists: { secondary_objectives: [], principles: [], actor_types: [] }, pilot: false, sources: [], key };
}

/** Anything that has `get`/`getAll` like FormData or URLSearchParams. */
interface FormLike {
  get(name: string): FormDataEntryValue | null;
  getAll(name: string): FormDataEntryValue[];
}

function textOf(value: FormDataEntryValue | null | undefined): string {
  return typeof value === 'string' ? value : '';
}

/** The posted form as values (files apart). Text is kept exactly as typed, so nothing is lost on error. */
export function readForm(form: FormLike, language: string): FormValues {
  const values = emptyValues(language, textOf(form.get('idempotency_key')).slice(0, 128));
  for (const name of TEXT_FIELDS) values.text[name] = textOf(form.get(name));
  if (!values.text.kind) values.text.kind = 'practice';
  if (!values.text.language) values.text.language = language;
  for (const name of LIST_FIELDS) values.lists[name] = form.getAll(name).filter((v): v is string => typeof v === 'string' && v !== '');
  values.pilot = textOf(form.get('pilot_country')) === '1';
  for (let index = 0; index < MAX_SOURCES; index += 1) {
    const title = textOf(form.get(`source_title_${index}`));
    const url = textOf(form.get(`source_url_${index}`));
    if (title.trim() || url.trim()) values.sources.push({ title, url });
  }
  return values;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A plain-text description as HTML paragraphs: blank lines separate paragraphs, single newlines are kept. */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => `<p>${paragraph.split('\n').map((line) => escapeHtml(line.trim())).join('<br>')}</p>`)
    .join('');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", nbsp: ' ' };

/** The stored (sanitised) HTML description back to plain text for the revise form. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|h3|h4|li|ul|ol)>\s*/gi, '\n\n')
    .replace(/<li[^>]*>/gi, '- ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|#x27|nbsp);/g, (_match, name: string) => ENTITIES[name] ?? '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A number the reader typed, or the text itself so the API names what is wrong with it. */
function numberOrText(value: string): number | string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return undefined;
  return /^\d{1,6}$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** The JSON the API expects. Empty optional fields are left out; the API checks everything else. */
export function toPayload(values: FormValues): Payload {
  const { text } = values;
  const payload: Payload = {
    kind: text.kind || 'practice',
    title: text.title,
    summary: text.summary,
    body: textToHtml(text.body),
    secondary_objectives: values.lists.secondary_objectives.map((n) => numberOrText(n)),
    principles: values.lists.principles,
    actor_types: values.lists.actor_types,
    main_implementer: text.main_implementer,
    partners: text.partners,
    pilot_country: values.pilot,
    outcomes: text.outcomes,
    lessons: text.lessons,
    sources: values.sources.map((source) => ({ title: source.title.trim(), url: source.url.trim() })),
    language: text.language || 'en',
    contact_name: text.contact_name,
    contact_email: text.contact_email.trim(),
    contact_organisation: text.contact_organisation,
  };
  const optional: Array<[string, unknown]> = [
    ['primary_objective', numberOrText(text.primary_objective)],
    ['country', text.country.trim() || undefined],
    ['region', text.region.trim() || undefined],
    ['subregion', text.subregion.trim() || undefined],
    ['start_year', numberOrText(text.start_year)],
    ['end_year', numberOrText(text.end_year)],
  ];
  for (const [name, value] of optional) if (value !== undefined) payload[name] = value;
  return payload;
}

/** A submission's `data` (as the API returns it) as form values, for revising it. */
export function fromSubmission(data: Record<string, unknown>, language: string, key: string): FormValues {
  const values = emptyValues(language, key);
  const str = (value: unknown) => (value === null || value === undefined ? '' : String(value));
  for (const name of TEXT_FIELDS) values.text[name] = str(data[name]);
  values.text.body = htmlToText(str(data.body));
  if (!values.text.kind) values.text.kind = 'practice';
  if (!values.text.language) values.text.language = language;
  for (const name of LIST_FIELDS) values.lists[name] = Array.isArray(data[name]) ? (data[name] as unknown[]).map(str) : [];
  values.pilot = data.pilot_country === true;
  const sources = Array.isArray(data.sources) ? (data.sources as Array<Record<string, unknown>>) : [];
  values.sources = sources.map((source) => ({ title: str(source.title), url: str(source.url) }));
  return values;
}

/** Uploaded files worth relaying: a file input left empty still posts one nameless, empty part. */
export function chosenFiles(form: FormLike): File[] {
  return form.getAll('attachments').filter((entry): entry is File => typeof entry !== 'string' && entry.size > 0 && entry.name !== '');
}

/**
 * The multipart body for Django, rebuilt from scratch: the JSON payload as a text part and each file as a
 * file part with its name and type. (Forwarding the browser's own body is not possible: the payload is ours.)
 */
export function relayBody(payload: Payload, files: File[]): FormData {
  const body = new FormData();
  body.set('payload', JSON.stringify(payload));
  for (const file of files) body.append('attachments', file, file.name);
  return body;
}

/** One entry of the API's 422 `errors`. */
interface ApiError {
  loc?: unknown;
  msg?: unknown;
  type?: unknown;
}

const TYPE_MESSAGES: Record<string, MessageKey> = {
  missing: 'errorRequired',
  string_too_short: 'errorTooShort',
  string_too_long: 'errorTooLong',
  too_long: 'errorTooManyItems',
  too_short: 'errorTooShort',
  int_parsing: 'errorYear',
  int_type: 'errorYear',
  less_than_equal: 'errorYear',
  greater_than_equal: 'errorYear',
  literal_error: 'errorChoice',
  enum: 'errorChoice',
};

/** The form field an API error location points at ('' for the whole form). */
export function fieldOf(loc: unknown[]): string {
  const parts = loc.map(String);
  // ["payload", …] from schema errors; ["form", "payload", field] from the service's own checks.
  const start = parts[0] === 'form' ? (parts[1] === 'payload' ? 2 : 1) : parts[0] === 'payload' ? 1 : 0;
  const rest = parts.slice(start);
  const [first = '', second, third] = rest;
  if (first === 'attachments') return 'attachments';
  if (first === 'sources' && second !== undefined && /^\d+$/.test(second)) {
    return third === 'title' ? `source_title_${second}` : `source_url_${second}`;
  }
  if (first === 'sources') return 'source_url_0';
  if (first === 'pilot_country') return 'pilot_country';
  if ((TEXT_FIELDS as readonly string[]).includes(first) || (LIST_FIELDS as readonly string[]).includes(first)) return first;
  return '';
}

/** The value a field had, to tell "required" from "too short". */
function valueOf(values: FormValues | undefined, field: string): string | undefined {
  if (!values) return undefined;
  if ((TEXT_FIELDS as readonly string[]).includes(field)) return values.text[field as TextField];
  const source = /^source_(title|url)_(\d+)$/.exec(field);
  if (source) return values.sources[Number(source[2])]?.[source[1] as 'title' | 'url'];
  return undefined;
}

/**
 * The API's 422 answer as translated messages per form field, one per field (the first problem is enough
 * to fix it). Our own words for pydantic's errors (English only); the service's messages (unknown country,
 * attachment refused) come already translated by Django from Accept-Language and are shown as they are.
 */
export function apiFieldErrors(data: Record<string, unknown>, translate: (key: MessageKey) => string, values?: FormValues): FieldError[] {
  const list = Array.isArray(data.errors) ? (data.errors as ApiError[]) : [];
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const entry of list) {
    const loc = Array.isArray(entry.loc) ? (entry.loc as unknown[]) : [];
    const type = typeof entry.type === 'string' ? entry.type : '';
    const msg = typeof entry.msg === 'string' ? entry.msg : '';
    let field = fieldOf(loc);
    let message: string;
    const fromService = loc[0] === 'form' || type === 'attachment';
    if (!field && /end_year/.test(msg)) {
      field = 'end_year';
      message = translate('errorYearsOrder');
    } else if (fromService && msg) {
      message = msg;
    } else if (type === 'value_error' && field === 'contact_email') {
      message = translate('errorEmail');
    } else if ((type === 'string_too_short' || type === 'missing') && !valueOf(values, field)?.trim()) {
      message = translate('errorRequired');
    } else if (field.startsWith('source_url_') && (type === 'value_error' || type === 'string_too_short')) {
      message = translate('errorUrl');
    } else {
      message = translate(TYPE_MESSAGES[type] ?? 'errorInvalid');
    }
    if (seen.has(field)) continue;
    seen.add(field);
    errors.push({ field, message });
  }
  if (!errors.length) errors.push({ field: '', message: typeof data.detail === 'string' && data.detail ? data.detail : translate('errorGeneric') });
  return errors;
}

/** Checks the Astro server makes before calling the API: only what the API cannot see (the files). */
export function fileErrors(files: File[], translate: (key: MessageKey) => string): FieldError[] {
  if (files.length > MAX_ATTACHMENTS) return [{ field: 'attachments', message: translate('errorTooManyFiles') }];
  if (files.some((file) => file.size > MAX_ATTACHMENT_BYTES)) return [{ field: 'attachments', message: translate('errorFileTooLarge') }];
  return [];
}

/** The id of the input an error about `field` links to. */
export function inputId(field: string): string {
  return `submit-${field.replace(/_/g, '-')}`;
}
