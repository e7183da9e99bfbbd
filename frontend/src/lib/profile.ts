/** The reader's public profile (`/api/v1/account/profile/`) and its errors as form messages. */
import type { BackendSession, FieldError } from './account.ts';
import type { MessageKey } from './i18n.ts';
import { errorBody, sessionClient } from '../api/client.ts';
import type { components } from '../api/schema';

export type Profile = components['schemas']['ProfileOut'];
export type ProfileChange = components['schemas']['ProfileIn'];

/** The signed-in reader's profile; undefined when Django does not give it (signed out meanwhile, say). */
export async function readProfile(session: BackendSession): Promise<Profile | undefined> {
  const { data, response } = await sessionClient(session).GET('/api/v1/account/profile/');
  return response.status === 200 ? data : undefined;
}

/** Saves the profile form: no errors when saved, else the messages and the status to render the form with. */
export async function saveProfile(
  session: BackendSession,
  change: ProfileChange,
  translate: (key: MessageKey) => string,
): Promise<{ errors: FieldError[]; status: number }> {
  const { error, response } = await sessionClient(session).PUT('/api/v1/account/profile/', { body: change });
  if (response.status === 200) return { errors: [], status: 303 };
  return { errors: profileErrors(response.status, errorBody(error), translate), status: response.status >= 500 ? 502 : response.status };
}

/**
 * The API's refusal as messages per field. Pydantic's wording is English only, so the display name gets our
 * own words; the service's own messages (unknown country, locked country) come translated by Django.
 */
export function profileErrors(status: number, data: Record<string, unknown>, translate: (key: MessageKey) => string): FieldError[] {
  const detail = typeof data.detail === 'string' ? data.detail : '';
  const list = Array.isArray(data.errors) ? (data.errors as Array<{ loc?: unknown[] }>) : [];
  if (status === 422 && list.length) {
    const fields = new Set(list.map((entry) => String((entry.loc ?? []).at(-1) ?? '')));
    const errors: FieldError[] = [];
    if (fields.has('display_name')) errors.push({ field: 'display_name', message: translate('errorDisplayName') });
    if (fields.has('country')) errors.push({ field: 'country', message: translate('errorChoice') });
    if (fields.has('mail_language')) errors.push({ field: 'mail_language', message: translate('errorChoice') });
    if (errors.length) return errors;
  }
  if (status === 422 && detail) return [{ field: 'country', message: detail }];
  if (status === 403 && detail) return [{ field: '', message: detail }];
  return [{ field: '', message: translate('errorGeneric') }];
}
