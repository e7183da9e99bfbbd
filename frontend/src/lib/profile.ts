/** The reader's public profile (`/api/v1/account/profile/`) and its errors as form messages. */
import type { FieldError } from './account.ts';
import type { MessageKey } from './i18n.ts';

export interface Profile {
  display_name: string;
  country: string;
  country_locked: boolean;
  public_name: string;
  /** the language of every e-mail the platform sends the reader */
  mail_language: string;
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
