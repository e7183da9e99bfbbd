import assert from 'node:assert/strict';
import { test } from 'node:test';
import { translator } from '../../src/lib/i18n.ts';
import { buildPayload, fieldOf, formValues, submissionErrors } from '../../src/lib/submission.ts';

function form(entries: Array<[string, string]>): FormData {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
}

test('the payload is built from the form fields, empty optional ones left out', () => {
  const values = formValues(
    form([
      ['kind', 'case_study'], ['title', '  Remittances  '], ['summary', 'A long enough summary.'], ['primary_objective', '20'],
      ['secondary_objectives', '3'], ['secondary_objectives', '19'], ['principles', 'human_rights'], ['country', 'ke'],
      ['start_year', '2019'], ['end_year', ''], ['pilot_country', 'yes'], ['language', 'fr'],
      ['source_title_0', 'Report'], ['source_url_0', 'https://example.org/r'], ['source_title_1', ''], ['source_url_1', ''],
      ['source_title_2', ''], ['source_url_2', 'https://example.org/only-url'],
    ]),
  );
  const payload = buildPayload(values);
  assert.equal(payload.title, 'Remittances');
  assert.equal(payload.kind, 'case_study');
  assert.equal(payload.primary_objective, 20);
  assert.deepEqual(payload.secondary_objectives, [3, 19]);
  assert.deepEqual(payload.principles, ['human_rights']);
  assert.equal(payload.country, 'KE');
  assert.equal(payload.start_year, 2019);
  assert.equal('end_year' in payload, false);
  assert.equal(payload.pilot_country, true);
  assert.equal(payload.language, 'fr');
  assert.deepEqual(payload.sources, [
    { title: 'Report', url: 'https://example.org/r' },
    { title: '', url: 'https://example.org/only-url' },
  ]);
  const empty = buildPayload(formValues(form([])));
  assert.equal('primary_objective' in empty, false, 'missing: the API says it is required');
  assert.equal(empty.pilot_country, false);
  assert.equal(empty.language, 'en');
  assert.equal(buildPayload(formValues(form([['start_year', 'soon']]))).start_year, 'soon', 'kept for the API to refuse');
});

test('422 locations map to form fields, source rows counted among the filled ones', () => {
  assert.equal(fieldOf(['form', 'payload', 'title'], []), 'title');
  assert.equal(fieldOf(['form', 'payload', 'sources', 1, 'url'], [0, 2]), 'source_url_2');
  assert.equal(fieldOf(['form', 'attachments'], []), 'attachments');
});

test('422 errors become one translated message per field', () => {
  const t = translator('es');
  const values = formValues(form([['source_title_1', 'x'], ['source_url_1', 'nope']]));
  const errors = submissionErrors(
    {
      detail: 'Invalid input',
      errors: [
        { loc: ['form', 'payload', 'title'], msg: 'String should have at least 3 characters' },
        { loc: ['form', 'payload', 'title'], msg: 'another' },
        { loc: ['form', 'payload', 'primary_objective'], msg: 'Field required' },
        { loc: ['form', 'payload', 'sources', 0, 'url'], msg: 'Value error, must be an http or https address' },
        { loc: ['form', 'payload'], msg: 'Value error, end_year is before start_year' },
      ],
    },
    values,
    t,
  );
  assert.deepEqual(errors, [
    { field: 'title', message: t('errorTooShort') },
    { field: 'primary_objective', message: t('errorRequired') },
    { field: 'source_url_1', message: t('errorUrl') },
    { field: 'end_year', message: t('errorYearsOrder') },
  ]);
  assert.deepEqual(submissionErrors({ detail: 'Too many files' }, values, t), [{ field: '', message: 'Too many files' }]);
});
