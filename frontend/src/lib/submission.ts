/**
 * The example submission form without client JavaScript: the browser's multipart POST is turned into the API's
 * `payload` JSON (SubmissionIn) plus attachments, and the API's 422 `errors` back into messages per form field.
 */
import type { Lang, MessageKey } from './i18n.ts';
import type { FieldError } from './account.ts';

/** What the reader typed, as strings, to fill the form again after an error. */
export type FormValues = Record<string, string | string[]>;

export const SOURCE_ROWS = 3;
export const MULTI_FIELDS = ['secondary_objectives', 'principles', 'actor_types'] as const;
export const TEXT_FIELDS = [
  'kind', 'title', 'summary', 'body', 'primary_objective', 'country', 'start_year', 'end_year', 'pilot_country',
  'main_implementer', 'partners', 'outcomes', 'lessons', 'language', 'contact_name', 'contact_email', 'contact_organisation',
] as const;

/**
 * GCM guiding principles (A/RES/73/195 para 15) and actor types, keyed as the backend stores them
 * (guidance_pages/data/gcm.yaml, examples_library/reference_data.py). The API has no endpoint for them yet.
 */
export const PRINCIPLES: Record<string, Record<Lang, string>> = {
  people_centred: { en: 'People-centred', fr: 'Priorité à la dimension humaine', es: 'Centrada en las personas' },
  international_cooperation: { en: 'International cooperation', fr: 'Coopération internationale', es: 'Cooperación internacional' },
  national_sovereignty: { en: 'National sovereignty', fr: 'Souveraineté nationale', es: 'Soberanía nacional' },
  rule_of_law: { en: 'Rule of law and due process', fr: "Primauté du droit et garanties d'une procédure régulière", es: 'Estado de derecho y garantías procesales' },
  sustainable_development: { en: 'Sustainable development', fr: 'Développement durable', es: 'Desarrollo sostenible' },
  human_rights: { en: 'Human rights', fr: "Droits de l'homme", es: 'Derechos humanos' },
  gender_responsive: { en: 'Gender-responsive', fr: 'Prise en compte de la problématique femmes-hommes', es: 'Perspectiva de género' },
  child_sensitive: { en: 'Child-sensitive', fr: "Adaptation aux besoins de l'enfant", es: 'Perspectiva infantil' },
  whole_of_government: { en: 'Whole-of-government approach', fr: "Approche mobilisant l'ensemble des pouvoirs publics", es: 'Enfoque pangubernamental' },
  whole_of_society: { en: 'Whole-of-society approach', fr: "Approche mobilisant l'ensemble de la société", es: 'Enfoque pansocial' },
};

export const ACTOR_TYPES: Record<string, Record<Lang, string>> = {
  government: { en: 'National government', fr: 'Gouvernement national', es: 'Gobierno nacional' },
  local_authority: { en: 'Local or regional authority', fr: 'Autorité locale ou régionale', es: 'Autoridad local o regional' },
  civil_society: { en: 'Civil society organisation', fr: 'Organisation de la société civile', es: 'Organización de la sociedad civil' },
  migrant_organisation: { en: 'Migrant or diaspora organisation', fr: 'Organisation de migrants ou de la diaspora', es: 'Organización de migrantes o de la diáspora' },
  private_sector: { en: 'Private sector', fr: 'Secteur privé', es: 'Sector privado' },
  trade_union: { en: 'Trade union', fr: 'Syndicat', es: 'Sindicato' },
  academia: { en: 'Academia and research', fr: 'Milieux universitaires et recherche', es: 'Academia e investigación' },
  international_organisation: { en: 'International organisation', fr: 'Organisation internationale', es: 'Organización internacional' },
  human_rights_institution: { en: 'National human rights institution', fr: "Institution nationale des droits de l'homme", es: 'Institución nacional de derechos humanos' },
};

/** The form's fields as strings (lists for the multi-choice ones); files are left to the caller. */
export function formValues(form: { get(name: string): unknown; getAll(name: string): unknown[] }): FormValues {
  const values: FormValues = {};
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value.trim() : '';
  };
  for (const name of TEXT_FIELDS) values[name] = text(name);
  for (const name of MULTI_FIELDS) values[name] = form.getAll(name).filter((value): value is string => typeof value === 'string' && value !== '');
  for (let row = 0; row < SOURCE_ROWS; row += 1) {
    values[`source_title_${row}`] = text(`source_title_${row}`);
    values[`source_url_${row}`] = text(`source_url_${row}`);
  }
  return values;
}

function one(values: FormValues, name: string): string {
  const value = values[name];
  return typeof value === 'string' ? value : '';
}

function many(values: FormValues, name: string): string[] {
  const value = values[name];
  return Array.isArray(value) ? value : [];
}

/** A whole number when the text is one; otherwise the text itself, for the API to refuse with a message. */
function numberOrText(text: string): number | string {
  return /^\d{1,6}$/.test(text) ? Number.parseInt(text, 10) : text;
}

/** SubmissionIn as JSON, from the form: empty optional fields are left out, source rows only when filled. */
export function buildPayload(values: FormValues): Record<string, unknown> {
  const payload: Record<string, unknown> = {
    kind: one(values, 'kind') || 'practice',
    title: one(values, 'title'),
    summary: one(values, 'summary'),
    body: one(values, 'body'),
    secondary_objectives: many(values, 'secondary_objectives').map(numberOrText),
    principles: many(values, 'principles'),
    actor_types: many(values, 'actor_types'),
    main_implementer: one(values, 'main_implementer'),
    partners: one(values, 'partners'),
    pilot_country: one(values, 'pilot_country') === 'yes',
    outcomes: one(values, 'outcomes'),
    lessons: one(values, 'lessons'),
    language: one(values, 'language') || 'en',
    contact_name: one(values, 'contact_name'),
    contact_email: one(values, 'contact_email'),
    contact_organisation: one(values, 'contact_organisation'),
    sources: [] as Array<{ title: string; url: string }>,
  };
  if (one(values, 'primary_objective')) payload.primary_objective = numberOrText(one(values, 'primary_objective'));
  if (one(values, 'country')) payload.country = one(values, 'country').toUpperCase();
  for (const name of ['start_year', 'end_year']) {
    if (one(values, name)) payload[name] = numberOrText(one(values, name));
  }
  const sources: Array<{ title: string; url: string }> = [];
  for (let row = 0; row < SOURCE_ROWS; row += 1) {
    const title = one(values, `source_title_${row}`);
    const url = one(values, `source_url_${row}`);
    if (title || url) sources.push({ title, url });
  }
  payload.sources = sources;
  return payload;
}

/** The form field a 422 `loc` points at: ["form","payload","sources",1,"url"] → source_url_1 (of the filled rows). */
export function fieldOf(loc: unknown[], sourceRows: number[]): string {
  const path = loc.slice(loc[0] === 'form' && loc[1] === 'payload' ? 2 : loc[0] === 'form' || loc[0] === 'body' ? 1 : 0);
  const [head, index, leaf] = path;
  if (head === 'sources' && typeof index === 'number') {
    const row = sourceRows[index] ?? index;
    return `source_${leaf === 'title' ? 'title' : 'url'}_${row}`;
  }
  if (head === 'attachments') return 'attachments';
  return typeof head === 'string' ? head : '';
}

function messageKey(message: string, field: string): MessageKey {
  const text = message.toLowerCase();
  if (text.includes('field required') || text.includes('missing')) return 'errorRequired';
  if (text.includes('at least')) return 'errorTooShort';
  if (text.includes('at most')) return 'errorTooLong';
  if (text.includes('end_year')) return 'errorYearsOrder';
  if (field === 'contact_email' || text.includes('e-mail')) return 'errorEmail';
  if (field.startsWith('source_url') || text.includes('http')) return 'errorUrl';
  return 'errorInvalid';
}

/** The API's 422 `{errors: [{loc, msg}]}` as translated messages per form field (one per field). */
export function submissionErrors(data: Record<string, unknown>, values: FormValues, translate: (key: MessageKey) => string): FieldError[] {
  const list = Array.isArray(data.errors) ? (data.errors as Array<{ loc?: unknown; msg?: unknown }>) : [];
  const sourceRows: number[] = [];
  for (let row = 0; row < SOURCE_ROWS; row += 1) {
    if (one(values, `source_title_${row}`) || one(values, `source_url_${row}`)) sourceRows.push(row);
  }
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const entry of list) {
    const msg = typeof entry.msg === 'string' ? entry.msg : '';
    let field = fieldOf(Array.isArray(entry.loc) ? entry.loc : [], sourceRows);
    const key = messageKey(msg, field);
    if (key === 'errorYearsOrder') field = 'end_year';
    if (field === 'payload') field = '';
    if (seen.has(field)) continue;
    seen.add(field);
    errors.push({ field, message: translate(key) });
  }
  if (!errors.length) {
    const detail = typeof data.detail === 'string' ? data.detail : '';
    errors.push({ field: '', message: detail || translate('errorGeneric') });
  }
  return errors;
}

export const ATTACHMENT_TYPES = '.pdf,.docx,.xlsx,.png,.jpg,.jpeg';
export const MAX_ATTACHMENTS = 5;
