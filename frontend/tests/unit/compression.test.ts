/** gzip/brotli of the site's answers (src/lib/compression.ts) on a real node `http` server, raw bytes checked. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse, createServer, request } from 'node:http';
import { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { THRESHOLD, compressing, compressionEnabled, negotiateEncoding } from '../../src/lib/compression.ts';

const PAGE = Array.from({ length: 200 }, (_, i) => `<p>Paragraphe ${i} : le texte de la page.</p>\n`).join('');
const CSS = 'body { color: #222; }\n'.repeat(300);
// random text compresses poorly but enough to fill the socket and make the writer wait for `drain`
const LARGE = randomBytes(3 * 1024 * 1024).toString('base64');

/** Answers as the two writers behind the real server do: Astro (writeHead + chunks) and `send` (headers + pipe). */
function handler(req: IncomingMessage, res: ServerResponse): void {
  const path = req.url ?? '/';
  if (path === '/page') {
    res.statusMessage = 'OK';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'public, max-age=60' });
    const bytes = Buffer.from(PAGE);
    for (let start = 0; start < bytes.length; start += 700) res.write(new Uint8Array(bytes.subarray(start, start + 700)));
    res.end();
  } else if (path === '/small') {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<p>small</p>');
  } else if (path === '/style.css' || path === '/large.txt') {
    const body = path === '/style.css' ? CSS : LARGE;
    res.statusCode = 200;
    res.setHeader('Content-Type', path === '/style.css' ? 'text/css; charset=utf-8' : 'text/plain');
    res.setHeader('Content-Length', Buffer.byteLength(body));
    res.setHeader('ETag', '"strong-1"');
    if (req.headers.range === 'bytes=0-99') {
      res.statusCode = 206;
      res.setHeader('Content-Range', `bytes 0-99/${Buffer.byteLength(body)}`);
      res.setHeader('Content-Length', 100);
      res.end(body.slice(0, 100));
      return;
    }
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    Readable.from([Buffer.from(body)]).pipe(res);
  } else if (path === '/image.png') {
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': 4096 });
    res.end(randomBytes(4096));
  } else if (path === '/no-transform') {
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-transform' });
    res.end(JSON.stringify({ text: PAGE }));
  } else {
    res.writeHead(404, { 'content-type': 'text/html' });
    res.end();
  }
}

const server = createServer(compressing(handler));
let port = 0;
before(async () => {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});
after(() => new Promise((done) => server.close(done)));

function get(
  path: string,
  acceptEncoding?: string,
  method = 'GET',
  extra: Record<string, string> = {},
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers = { ...extra, ...(acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }) };
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('a page is brotli for a reader who accepts it, gzip for one who accepts only gzip, as it is otherwise', async () => {
  const br = await get('/page', 'gzip, deflate, br, zstd');
  assert.equal(br.status, 200);
  assert.equal(br.headers['content-encoding'], 'br');
  assert.equal(br.headers['content-length'], undefined);
  assert.equal(br.headers['cache-control'], 'public, max-age=60');
  assert.match(br.headers.vary ?? '', /Accept-Encoding/);
  assert.ok(br.body.length < Buffer.byteLength(PAGE) / 4, `brotli shrinks a page (${br.body.length} bytes)`);
  assert.equal(brotliDecompressSync(br.body).toString('utf8'), PAGE);

  const gzip = await get('/page', 'gzip');
  assert.equal(gzip.headers['content-encoding'], 'gzip');
  assert.equal(gunzipSync(gzip.body).toString('utf8'), PAGE);

  const identity = await get('/page');
  assert.equal(identity.headers['content-encoding'], undefined);
  assert.match(identity.headers.vary ?? '', /Accept-Encoding/, 'a cache must not hand this copy to a reader who accepts brotli');
  assert.equal(identity.body.toString('utf8'), PAGE);
});

test('static files keep their length without encoding and lose it with one; a strong ETag becomes weak when encoded', async () => {
  const plain = await get('/style.css', 'identity');
  assert.equal(plain.headers['content-length'], String(Buffer.byteLength(CSS)));
  assert.equal(plain.headers.etag, '"strong-1"');
  assert.equal(plain.body.toString('utf8'), CSS);

  const gzip = await get('/style.css', 'gzip');
  assert.equal(gzip.headers['content-encoding'], 'gzip');
  assert.equal(gzip.headers['content-length'], undefined);
  assert.equal(gzip.headers.etag, 'W/"strong-1"');
  assert.equal(gunzipSync(gzip.body).toString('utf8'), CSS);

  const range = await get('/style.css', 'br', 'GET', { range: 'bytes=0-99' });
  assert.equal(range.status, 206);
  assert.equal(range.headers['content-encoding'], undefined, 'a byte range of the file is never encoded');
  assert.equal(range.body.toString('utf8'), CSS.slice(0, 100));
});

test('HEAD answers the headers GET would, without a body', async () => {
  const head = await get('/style.css', 'br', 'HEAD');
  assert.equal(head.headers['content-encoding'], 'br');
  assert.equal(head.headers['content-length'], undefined);
  assert.equal(head.body.length, 0);
  const plainHead = await get('/style.css', undefined, 'HEAD');
  assert.equal(plainHead.headers['content-encoding'], undefined);
  assert.equal(plainHead.headers['content-length'], String(Buffer.byteLength(CSS)));
});

test('small bodies, compressed types, no-transform and empty answers are sent as they are', async () => {
  const small = await get('/small', 'br');
  assert.equal(small.headers['content-encoding'], undefined);
  assert.equal(small.body.toString('utf8'), '<p>small</p>');
  assert.ok(Buffer.byteLength('<p>small</p>') < THRESHOLD);

  const image = await get('/image.png', 'br');
  assert.equal(image.headers['content-encoding'], undefined);
  assert.equal(image.headers.vary, undefined);
  assert.equal(image.body.length, 4096);

  const noTransform = await get('/no-transform', 'br');
  assert.equal(noTransform.headers['content-encoding'], undefined);
  assert.equal(JSON.parse(noTransform.body.toString('utf8')).text, PAGE);

  const missing = await get('/missing', 'br');
  assert.equal(missing.status, 404);
  assert.equal(missing.body.length, 0);
});

test('a large body streams through the encoder with backpressure and arrives whole', async () => {
  const large = await get('/large.txt', 'br');
  assert.equal(large.headers['content-encoding'], 'br');
  assert.equal(brotliDecompressSync(large.body).toString('utf8'), LARGE);
});

test('Accept-Encoding negotiation: brotli first, quality values, wildcards and refusals', () => {
  assert.equal(negotiateEncoding('gzip, deflate, br'), 'br');
  assert.equal(negotiateEncoding('gzip'), 'gzip');
  assert.equal(negotiateEncoding('x-gzip'), 'gzip');
  assert.equal(negotiateEncoding('br;q=0.5, gzip;q=0.8'), 'gzip');
  assert.equal(negotiateEncoding('br;q=0, gzip'), 'gzip');
  assert.equal(negotiateEncoding('*'), 'br');
  assert.equal(negotiateEncoding('*, br;q=0'), 'gzip');
  assert.equal(negotiateEncoding('identity'), undefined);
  assert.equal(negotiateEncoding('deflate'), undefined);
  assert.equal(negotiateEncoding(''), undefined);
  assert.equal(negotiateEncoding(undefined), undefined);
});

test('COMPRESSION switches it off for a proxy in front; on by default', () => {
  assert.equal(compressionEnabled(undefined), true);
  assert.equal(compressionEnabled(''), true);
  assert.equal(compressionEnabled('on'), true);
  for (const off of ['0', 'false', 'off', 'no', 'OFF']) assert.equal(compressionEnabled(off), false, off);
});
