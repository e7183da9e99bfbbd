import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { BackendSession } from '../../src/lib/account.ts';
import { viewerOf } from '../../src/lib/discussions.ts';
import { translator } from '../../src/lib/i18n.ts';
import { ownSubmission, sendSubmission } from '../../src/lib/submission-page.ts';
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

test('every /api/v1 call of src/lib and src/api goes through the typed client', () => {
  // getJson, session.call or a bare fetch take any path and any answer: a schema change would not break the type
  // check. Pages (src/pages/) still have a few; they move with the page components.
  const root = new URL('../../src/', import.meta.url).pathname;
  const untyped = /(getJson\s*<[^>]*>\s*\(|\.call\(\s*'[A-Z]+',\s*|fetch\()\s*[`'"][^`'"]*\/api\/v1/;
  const files = ['lib', 'api'].flatMap((dir) => readdirSync(join(root, dir)).map((name) => join(root, dir, name)));
  const offenders = files.filter((path) => path.endsWith('.ts') && untyped.test(readFileSync(path, 'utf8')));
  assert.deepEqual(offenders.map((path) => relative(root, path)), []);
});
