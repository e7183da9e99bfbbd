import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import { test } from 'node:test';
import { BackendSession } from '../../src/lib/account.ts';
import { translator } from '../../src/lib/i18n.ts';
import { errorIds } from '../../src/lib/submission-page.ts';
import {
  apiFieldErrors,
  chosenFiles,
  fieldOf,
  fileErrors,
  fromSubmission,
  htmlToText,
  readForm,
  relayBody,
  textToHtml,
  toPayload,
} from '../../src/lib/submission.ts';
import { policyFor } from '../../src/lib/csp.ts';

const contentSecurityPolicy = (path: string) => policyFor("default-src 'self'; script-src 'none'", path);

const en = translator('en');
const fr = translator('fr');

function posted(entries: Array<[string, string | File]>): FormData {
  const form = new FormData();
  for (const [name, value] of entries) form.append(name, value);
  return form;
}

test('form fields → payload: types, empty optional fields left out, lists, pilot, sources', () => {
  const form = posted([
    ['idempotency_key', 'key-1'],
    ['kind', 'case_study'],
    ['title', '  Desks  '],
    ['summary', 'A summary that is long enough.'],
    ['body', 'First <line>\nsame paragraph\n\n\nSecond & last'],
    ['primary_objective', '3'],
    ['secondary_objectives', '15'],
    ['secondary_objectives', '7'],
    ['principles', 'people_centred'],
    ['country', ''],
    ['region', 'africa'],
    ['subregion', ''],
    ['start_year', '2019'],
    ['end_year', ''],
    ['pilot_country', '1'],
    ['actor_types', 'government'],
    ['source_title_0', 'Report'],
    ['source_url_0', ' https://example.org/r '],
    ['source_title_1', ''],
    ['source_url_1', ''],
    ['source_title_2', ''],
    ['source_url_2', 'https://example.org/only-url'],
    ['language', 'fr'],
    ['contact_email', ' ama@example.org '],
  ]);
  const values = readForm(form, 'fr');
  assert.equal(values.key, 'key-1');
  assert.equal(values.text.title, '  Desks  ', 'kept exactly as typed for the form');
  const payload = toPayload(values);
  assert.equal(payload.kind, 'case_study');
  assert.equal(payload.primary_objective, 3);
  assert.deepEqual(payload.secondary_objectives, [15, 7]);
  assert.deepEqual(payload.principles, ['people_centred']);
  assert.equal(payload.region, 'africa');
  assert.equal('country' in payload, false);
  assert.equal('subregion' in payload, false);
  assert.equal('end_year' in payload, false);
  assert.equal(payload.start_year, 2019);
  assert.equal(payload.pilot_country, true);
  assert.equal(payload.language, 'fr');
  assert.equal(payload.contact_email, 'ama@example.org');
  assert.deepEqual(payload.sources, [
    { title: 'Report', url: 'https://example.org/r' },
    { title: '', url: 'https://example.org/only-url' },
  ]);
  assert.equal(payload.body, '<p>First &lt;line&gt;<br>same paragraph</p><p>Second &amp; last</p>');
  // A year that is not a number goes as typed, so the API names the problem.
  assert.equal(toPayload(readForm(posted([['start_year', 'twenty']]), 'en')).start_year, 'twenty');
  assert.equal(readForm(posted([]), 'es').text.language, 'es');
  assert.equal(readForm(posted([]), 'es').pilot, false);
});

test('description: plain text ↔ paragraphs', () => {
  assert.equal(textToHtml('a\r\nb\r\n\r\nc'), '<p>a<br>b</p><p>c</p>');
  assert.equal(textToHtml('   \n\n  '), '');
  assert.equal(htmlToText('<p>a<br>b</p><p>c &amp; d</p><ul><li>x</li></ul>'), 'a\nb\n\nc & d\n\n- x');
  assert.equal(htmlToText(textToHtml('one\n\ntwo <b>')), 'one\n\ntwo <b>');
});

test('a submission’s data → the revise form', () => {
  const values = fromSubmission(
    {
      kind: 'practice',
      title: 'T',
      body: '<p>One</p><p>Two</p>',
      primary_objective: 3,
      secondary_objectives: [15],
      country: 'GH',
      region: null,
      start_year: 2019,
      end_year: null,
      pilot_country: true,
      sources: [{ title: 'R', url: 'https://example.org' }],
      language: 'en',
    },
    'fr',
    '',
  );
  assert.equal(values.text.primary_objective, '3');
  assert.equal(values.text.region, '');
  assert.equal(values.text.end_year, '');
  assert.equal(values.text.body, 'One\n\nTwo');
  assert.deepEqual(values.lists.secondary_objectives, ['15']);
  assert.deepEqual(values.sources, [{ title: 'R', url: 'https://example.org' }]);
  assert.equal(values.pilot, true);
  assert.equal(toPayload(values).primary_objective, 3);
});

test('API error locations → form fields', () => {
  assert.equal(fieldOf(['payload', 'title']), 'title');
  assert.equal(fieldOf(['form', 'payload', 'country']), 'country');
  assert.equal(fieldOf(['form', 'attachments']), 'attachments');
  assert.equal(fieldOf(['payload', 'sources', 1, 'url']), 'source_url_1');
  assert.equal(fieldOf(['payload', 'sources', 0, 'title']), 'source_title_0');
  assert.equal(fieldOf(['payload', 'secondary_objectives', 2]), 'secondary_objectives');
  assert.equal(fieldOf(['payload']), '');
  assert.equal(fieldOf(['form', 'payload']), '');
  assert.equal(fieldOf(['payload', 'owner']), '');
});

test('422 → translated messages per field, one per field', () => {
  const values = readForm(posted([['title', ''], ['summary', 'short'], ['source_url_0', 'ftp://x'], ['source_title_0', 'R']]), 'fr');
  const errors = apiFieldErrors(
    {
      detail: 'Invalid input. …',
      errors: [
        { loc: ['payload', 'title'], msg: 'String should have at least 3 characters', type: 'string_too_short' },
        { loc: ['payload', 'summary'], msg: 'String should have at least 10 characters', type: 'string_too_short' },
        { loc: ['payload', 'summary'], msg: 'again', type: 'string_too_long' },
        { loc: ['payload', 'primary_objective'], msg: 'Field required', type: 'missing' },
        { loc: ['payload', 'start_year'], msg: 'Input should be a valid integer', type: 'int_parsing' },
        { loc: ['payload', 'contact_email'], msg: 'Value error, is not a valid e-mail address', type: 'value_error' },
        { loc: ['payload', 'sources', 0, 'url'], msg: 'String should have at least 8 characters', type: 'string_too_short' },
        { loc: ['payload'], msg: 'Value error, end_year is before start_year', type: 'value_error' },
        { loc: ['form', 'payload', 'country'], msg: 'Pays inconnu : ZZ.', type: 'value_error' },
        { loc: ['form', 'attachments'], msg: 'Ce type de fichier n’est pas accepté.', type: 'attachment' },
        { loc: ['payload', 'kind'], msg: "Input should be 'practice'…", type: 'literal_error' },
      ],
    },
    fr,
    values,
  );
  const by = Object.fromEntries(errors.map((error) => [error.field, error.message]));
  assert.equal(by.title, fr('errorRequired'));
  assert.equal(by.summary, fr('errorTooShort'));
  assert.equal(by.primary_objective, fr('errorRequired'));
  assert.equal(by.start_year, fr('errorYear'));
  assert.equal(by.contact_email, fr('errorEmail'));
  assert.equal(by.source_url_0, fr('errorUrl'));
  assert.equal(by.end_year, fr('errorYearsOrder'));
  assert.equal(by.country, 'Pays inconnu : ZZ.', "the service's message is already translated");
  assert.equal(by.attachments, 'Ce type de fichier n’est pas accepté.');
  assert.equal(by.kind, fr('errorChoice'));
  assert.equal(errors.filter((error) => error.field === 'summary').length, 1);
  // Nothing usable: the detail, else a generic message.
  assert.deepEqual(apiFieldErrors({ detail: 'Nope.' }, en), [{ field: '', message: 'Nope.' }]);
  assert.deepEqual(apiFieldErrors({}, en), [{ field: '', message: en('errorGeneric') }]);
  // The summary links checkbox groups to their first box.
  assert.deepEqual(errorIds([{ field: 'principles', message: '' }, { field: 'title', message: '' }, { field: '', message: '' }]), {
    principles: 'submit-principles-0',
    title: 'submit-title',
  });
});

test('files: empty file inputs are dropped, limits are checked before sending', () => {
  const pdf = new File(['%PDF-1.4'], 'report.pdf', { type: 'application/pdf' });
  const empty = new File([], '', { type: 'application/octet-stream' });
  assert.deepEqual(chosenFiles(posted([['attachments', pdf], ['attachments', empty]])), [pdf]);
  assert.deepEqual(fileErrors([pdf], en), []);
  assert.equal(fileErrors(Array.from({ length: 6 }, () => pdf), en)[0]?.field, 'attachments');
  const big = new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'big.pdf');
  assert.equal(fileErrors([big], en)[0]?.message, en('errorFileTooLarge'));
});

function readAll(request: IncomingMessage): Promise<Buffer> {
  return new Promise((done) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => done(Buffer.concat(chunks)));
  });
}

test('relay: the multipart body Django receives has its own boundary, the payload and the file with its name', async () => {
  // The bug of the first draft: the browser's Content-Type (with the browser's boundary) must never be sent
  // with a body rebuilt by fetch, or Django splits it at the wrong boundary and answers 422.
  let received: { headers: IncomingMessage['headers']; body: Buffer } | undefined;
  const server = createServer(async (request, response) => {
    received = { headers: request.headers, body: await readAll(request) };
    response.writeHead(201, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ id: 7 }));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const previous = process.env.BACKEND_URL;
  process.env.BACKEND_URL = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  try {
    // What Astro hands the page: the browser's multipart post, parsed.
    const browser = new Request('http://site/en/submit/', {
      method: 'POST',
      body: posted([
        ['title', 'Información'],
        ['attachments', new File(['%PDF-1.4 ok'], 'Évaluation finale.pdf', { type: 'application/pdf' })],
        ['attachments', new File([], '', { type: 'application/octet-stream' })],
      ]),
    });
    const form = await browser.formData();
    const session = new BackendSession('csrftoken=tok; sessionid=s', 'es', undefined);
    const answer = await session.call('POST', '/api/v1/submissions/', relayBody(toPayload(readForm(form, 'es')), chosenFiles(form)), {
      'idempotency-key': 'k1',
      // a caller passing the browser's Content-Type by mistake must not break the body
      'Content-Type': browser.headers.get('content-type') ?? '',
    });
    assert.equal(answer.status, 201);
    assert.ok(received);
    const contentType = String(received.headers['content-type']);
    const boundary = /boundary=(.+)$/.exec(contentType)?.[1] ?? '';
    assert.match(contentType, /^multipart\/form-data; boundary=/);
    assert.notEqual(contentType, browser.headers.get('content-type'), 'not the browser’s boundary');
    const body = received.body.toString('utf8');
    assert.ok(body.startsWith(`--${boundary}\r\n`), 'the body is split by the announced boundary');
    assert.equal(Number(received.headers['content-length']), received.body.length, 'a length, not chunked: WSGI needs it');
    assert.equal(received.headers['x-csrftoken'], 'tok');
    assert.equal(received.headers['idempotency-key'], 'k1');
    assert.equal(received.headers['accept-language'], 'es');
    // Parse it back as Django would: one payload part with the JSON, one file part with its name.
    const parsed = await new Request('http://x/', { method: 'POST', body: new Uint8Array(received.body), headers: { 'content-type': contentType } }).formData();
    assert.equal(JSON.parse(String(parsed.get('payload'))).title, 'Información');
    const files = parsed.getAll('attachments') as File[];
    assert.equal(files.length, 1, 'the empty file input is not relayed');
    assert.equal(files[0]?.name, 'Évaluation finale.pdf');
    assert.equal(files[0]?.type, 'application/pdf');
    assert.equal(await files[0]?.text(), '%PDF-1.4 ok');
  } finally {
    process.env.BACKEND_URL = previous;
    server.close();
  }
});

test('CSP: scripts from our origin on the form routes only', () => {
  assert.match(contentSecurityPolicy('/en/submit/'), /script-src 'self'/);
  assert.match(contentSecurityPolicy('/fr/account/submissions/12/revise/'), /script-src 'self'/);
  for (const path of ['/en/', '/en/examples/', '/es/account/submissions/', '/en/account/submissions/12/', '/en/submitted/']) {
    assert.match(contentSecurityPolicy(path), /script-src 'none'/, path);
  }
});
