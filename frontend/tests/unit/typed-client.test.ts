import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { BackendSession } from '../../src/lib/account.ts';
import { viewerOf } from '../../src/lib/discussions.ts';
import { translator } from '../../src/lib/i18n.ts';
import { readProfile, saveProfile } from '../../src/lib/profile.ts';
import { mySubmissions, ownSubmission, publishedPath, sendSubmission, withdrawSubmission } from '../../src/lib/submission-page.ts';
import { readForm } from '../../src/lib/submission.ts';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/** A stand-in Django answering each request with `answer(url)`; returns what it received. */
async function withBackend(answer: (url: string) => [number, unknown], run: () => Promise<void>): Promise<Seen[]> {
  const seen: Seen[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks) });
      const [status, body] = answer(request.url ?? '');
      response.writeHead(status, { 'content-type': 'application/json', 'set-cookie': 'sessionid=renewed; Path=/' });
      response.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const previous = process.env.BACKEND_URL;
  process.env.BACKEND_URL = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  try {
    await run();
  } finally {
    process.env.BACKEND_URL = previous;
    server.close();
  }
  return seen;
}

const form = () => {
  const data = new FormData();
  data.set('title', 'Información');
  data.set('form_key', 'k1');
  return data;
};

test('a submission goes through the typed client with the reader session, as multipart with a length', async () => {
  const t = translator('es');
  const session = new BackendSession('csrftoken=tok; sessionid=s', 'es', undefined);
  let created: Awaited<ReturnType<typeof sendSubmission>> | undefined;
  let revised: Awaited<ReturnType<typeof sendSubmission>> | undefined;
  const seen = await withBackend(
    (url) => (url.includes('/revise/') ? [422, { detail: 'x', errors: [{ loc: ['payload', 'title'], msg: 'short', type: 'string_too_short' }] }] : [201, { id: 7 }]),
    async () => {
      const values = { ...readForm(form(), 'es'), key: 'k1' };
      created = await sendSubmission(session, undefined, form(), values, t);
      revised = await sendSubmission(session, 7, form(), { ...values, key: '' }, t);
    },
  );
  assert.deepEqual(created, { id: 7, errors: [], status: 303 });
  assert.equal(revised?.status, 422);
  assert.equal(revised?.errors[0]?.field, 'title');
  assert.deepEqual(seen.map((entry) => `${entry.method} ${entry.url}`), ['POST /api/v1/submissions/', 'POST /api/v1/submissions/7/revise/']);
  const [first, second] = seen;
  assert.equal(first?.headers['x-csrftoken'], 'tok');
  assert.equal(first?.headers['idempotency-key'], 'k1');
  assert.equal(second?.headers['idempotency-key'], undefined);
  assert.equal(first?.headers['accept-language'], 'es');
  assert.match(String(first?.headers.cookie), /sessionid=s/);
  assert.match(String(second?.headers.cookie), /sessionid=renewed/, "Django's renewed cookie is used next");
  assert.match(String(first?.headers['content-type']), /^multipart\/form-data; boundary=/);
  assert.equal(Number(first?.headers['content-length']), first?.body.length, 'a length, not chunked: WSGI needs it');
  assert.match(first?.body.toString('utf8') ?? '', /name="payload"[\s\S]*Información/);
  assert.deepEqual(session.setCookies, ['sessionid=renewed; Path=/', 'sessionid=renewed; Path=/'], 'relayed to the browser');
});

test('reading as the reader: own submission and discussion viewer', async () => {
  const session = new BackendSession('sessionid=s', 'fr', undefined);
  let viewer: Awaited<ReturnType<typeof viewerOf>>;
  let missing: Awaited<ReturnType<typeof ownSubmission>> = undefined;
  const seen = await withBackend(
    (url) => (url.startsWith('/api/v1/discussions/') ? [200, { id: 3, viewer: { can_post: false, reason: 'Fermée' } }] : [404, { detail: 'Introuvable' }]),
    async () => {
      viewer = await viewerOf(session, 3);
      missing = await ownSubmission(session, '12');
    },
  );
  assert.deepEqual(viewer, { can_post: false, reason: 'Fermée' });
  assert.equal(missing, undefined);
  assert.deepEqual(seen.map((entry) => entry.url), ['/api/v1/discussions/3/', '/api/v1/submissions/12/']);
  assert.match(String(seen[0]?.headers.cookie), /sessionid=s/);
});

test('my submissions, their published example and withdrawing one, as the reader', async () => {
  const t = translator('fr');
  const session = new BackendSession('csrftoken=tok; sessionid=s', 'fr', undefined);
  const results: unknown[] = [];
  const seen = await withBackend(
    (url) => {
      if (url === '/api/v1/submissions/?page=2') return [200, { count: 21, items: [{ id: 4, title: 'A' }] }];
      if (url === '/api/v1/submissions/?page=9') return [404, { detail: 'Introuvable' }];
      if (url === '/api/v1/examples/5/') return [200, { id: 5, path: '/fr/exemples/a/' }];
      if (url === '/api/v1/submissions/4/withdraw/') return [200, { id: 4 }];
      if (url === '/api/v1/submissions/6/withdraw/') return [409, { detail: 'Publiée' }];
      return [500, {}];
    },
    async () => {
      results.push(await mySubmissions(session, 2), await mySubmissions(session, 9), await publishedPath(session, 5), await publishedPath(session, 8));
      for (const id of [4, 6, 7]) results.push(await withdrawSubmission(session, id, t));
    },
  );
  assert.deepEqual(results, [
    { count: 21, items: [{ id: 4, title: 'A' }] },
    { count: 0, items: [] },
    '/fr/exemples/a/',
    '',
    { errors: [], status: 303 },
    { errors: [{ field: '', message: t('errorCannotChange') }], status: 409 },
    { errors: [{ field: '', message: t('errorGeneric') }], status: 502 },
  ]);
  const withdraw = seen.find((entry) => entry.url === '/api/v1/submissions/4/withdraw/');
  assert.equal(withdraw?.method, 'POST');
  assert.equal(withdraw?.headers['x-csrftoken'], 'tok');
  assert.equal(withdraw?.headers['content-type'], undefined, 'no body, no content type');
  assert.equal(seen[0]?.headers['accept-language'], 'fr');
});

test('the profile is read and saved as the reader, refusals become messages per field', async () => {
  const t = translator('es');
  const session = new BackendSession('csrftoken=tok; sessionid=s', 'es', undefined);
  const profile = { display_name: 'Ana', country: 'PE', country_locked: false, public_name: 'Ana', mail_language: 'es' };
  const answers: Array<[number, unknown]> = [
    [200, profile],
    [401, { detail: 'No' }],
    [200, profile],
    [422, { detail: 'x', errors: [{ loc: ['body', 'payload', 'display_name'], msg: 'short', type: 'string_too_short' }] }],
    [403, { detail: 'País fijado por los administradores' }],
    [502, '<html>'],
  ];
  const results: unknown[] = [];
  const seen = await withBackend(
    () => answers.shift() ?? [500, {}],
    async () => {
      results.push(await readProfile(session), await readProfile(session));
      for (let i = 0; i < 4; i++) results.push(await saveProfile(session, { display_name: 'Ana', country: 'PE', mail_language: 'es' }, t));
    },
  );
  assert.deepEqual(results, [
    profile,
    undefined,
    { errors: [], status: 303 },
    { errors: [{ field: 'display_name', message: t('errorDisplayName') }], status: 422 },
    { errors: [{ field: '', message: 'País fijado por los administradores' }], status: 403 },
    { errors: [{ field: '', message: t('errorGeneric') }], status: 502 },
  ]);
  const put = seen[2];
  assert.equal(put?.method, 'PUT');
  assert.equal(put?.headers['x-csrftoken'], 'tok');
  assert.deepEqual(JSON.parse(put?.body.toString('utf8') ?? ''), { display_name: 'Ana', country: 'PE', mail_language: 'es' });
});

/** Every file under `dir`, at any depth. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]));
}

test('every /api/v1 call of src/lib, src/api, the pages and the components goes through the typed client', () => {
  // getJson, session.call or a bare fetch take any path and any answer: a schema change would not break the type
  // check. allauth's calls (`${ALLAUTH}/…`) are not the domain API and keep session.call.
  const root = new URL('../../src/', import.meta.url).pathname;
  const untyped = /(getJson\s*<[^>]*>\s*\(|\.call\(\s*'[A-Z]+',\s*|fetch\()\s*[`'"][^`'"]*\/api\/v1/;
  const files = ['lib', 'api', 'pages', 'components'].flatMap((dir) => filesUnder(join(root, dir)));
  const code = files.filter((path) => /\.(ts|astro)$/.test(path));
  assert.ok(code.some((path) => path.endsWith('.astro')), 'the pages are read too');
  const offenders = code.filter((path) => untyped.test(readFileSync(path, 'utf8')));
  assert.deepEqual(offenders.map((path) => relative(root, path)), []);
});
