import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PageCache, cacheKey, hasSessionCookie, purgeMatches, ttlSeconds } from '../../src/lib/pagecache.ts';
import { handlePurge, parsePaths, sign, signatureValid } from '../../src/lib/purge.ts';
import { isPurgeRequest, purge, withPageCache } from '../../src/lib/freshness.ts';
import { isPreviewPath, previewFraming } from '../../src/lib/preview.ts';

const SECRET = 's3cret';
const NOW = 1_700_000_000;
const encoder = new TextEncoder();

function purgeRequest(body: string, { timestamp = String(NOW), secret = SECRET, signature }: { timestamp?: string; secret?: string; signature?: string } = {}): Request {
  return new Request('http://site/_purge', {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'x-purge-timestamp': timestamp,
      'x-purge-signature': signature ?? sign(secret, timestamp, body),
    },
  });
}

test('the signature is the one Django computes (cms.headless.freshness.signature)', () => {
  // python: hmac.new(b"s3cret", b"1700000000." + b'{"paths": ["/en/"]}', hashlib.sha256).hexdigest()
  assert.equal(sign(SECRET, '1700000000', '{"paths": ["/en/"]}'), '50074988ff7c24d7f7c38fe0de01b72334964171d16c504712da261a881b1269');
});

test('signature check: right secret and fresh timestamp only', () => {
  const body = encoder.encode('{"paths": ["/en/"]}');
  const good = sign(SECRET, String(NOW), body);
  assert.equal(signatureValid(SECRET, String(NOW), good, body, NOW), true);
  assert.equal(signatureValid(SECRET, String(NOW), good, body, NOW + 299), true);
  assert.equal(signatureValid(SECRET, String(NOW), good, body, NOW + 301), false, 'too old');
  assert.equal(signatureValid(SECRET, String(NOW), good, body, NOW - 301), false, 'from the future');
  assert.equal(signatureValid('other', String(NOW), good, body, NOW), false, 'another secret');
  assert.equal(signatureValid(SECRET, String(NOW), good, encoder.encode('{"paths": ["/fr/"]}'), NOW), false, 'another body');
  assert.equal(signatureValid(SECRET, String(NOW + 1), good, body, NOW), false, 'another timestamp');
  assert.equal(signatureValid(SECRET, null, good, body, NOW), false);
  assert.equal(signatureValid(SECRET, String(NOW), null, body, NOW), false);
  assert.equal(signatureValid(SECRET, String(NOW), 'zz', body, NOW), false);
  assert.equal(signatureValid(SECRET, '1e9', good, body, NOW), false);
});

test('purge bodies: absolute paths only', () => {
  assert.deepEqual(parsePaths(encoder.encode('{"paths": ["/en/", "/fr/examples/*"]}')), ['/en/', '/fr/examples/*']);
  assert.equal(parsePaths(encoder.encode('{"paths": "/en/"}')), undefined);
  assert.equal(parsePaths(encoder.encode('{"paths": ["en/"]}')), undefined);
  assert.equal(parsePaths(encoder.encode('{"paths": [1]}')), undefined);
  assert.equal(parsePaths(encoder.encode('[]')), undefined);
  assert.equal(parsePaths(encoder.encode('not json')), undefined);
  assert.equal(parsePaths(new Uint8Array([0xff, 0xfe])), undefined);
});

test('/_purge answers 403 to bad signatures, 400 to bad bodies, 404 without a secret, 405 to GET', async () => {
  const seen: string[][] = [];
  const record = (paths: string[]) => (seen.push(paths), paths.length);
  const ok = await handlePurge(purgeRequest('{"paths": ["/en/"]}'), SECRET, record, NOW);
  assert.equal(ok.status, 200);
  assert.deepEqual(await ok.json(), { purged: 1 });
  assert.equal((await handlePurge(purgeRequest('{"paths": ["/en/"]}', { secret: 'wrong' }), SECRET, record, NOW)).status, 403);
  assert.equal((await handlePurge(purgeRequest('{"paths": ["/en/"]}', { timestamp: String(NOW - 3600) }), SECRET, record, NOW)).status, 403);
  assert.equal((await handlePurge(purgeRequest('{"paths": ["/en/"]}', { signature: '' }), SECRET, record, NOW)).status, 403);
  const badBody = await handlePurge(purgeRequest('{"paths": "everything"}'), SECRET, record, NOW);
  assert.equal(badBody.status, 400);
  assert.match((await badBody.json()).detail, /paths/);
  assert.equal((await handlePurge(purgeRequest('{"paths": ["/en/"]}'), undefined, record, NOW)).status, 404);
  assert.equal((await handlePurge(new Request('http://site/_purge'), SECRET, record, NOW)).status, 405);
  const huge = JSON.stringify({ paths: Array.from({ length: 5000 }, (_, i) => `/en/${'x'.repeat(20)}${i}/`) });
  assert.equal((await handlePurge(purgeRequest(huge), SECRET, record, NOW)).status, 413);
  assert.deepEqual(seen, [['/en/']], 'only the valid purge reached the cache');
});

test('cache keys: anonymous GETs of content routes, query order ignored', () => {
  assert.equal(cacheKey(new Request('http://site/en/guide/')), 'http://site/en/guide/');
  assert.equal(cacheKey(new Request('http://site/fr/examples/?region=africa&objective=3')), 'http://site/fr/examples/?objective=3&region=africa');
  assert.equal(cacheKey(new Request('http://site/fr/examples/?objective=3&region=africa')), 'http://site/fr/examples/?objective=3&region=africa');
  assert.equal(cacheKey(new Request('http://site/sitemap.xml')), 'http://site/sitemap.xml');
  assert.notEqual(cacheKey(new Request('http://evil.example/en/guide/')), cacheKey(new Request('http://site/en/guide/')), 'a forged Host gets its own entry');
  assert.equal(cacheKey(new Request('http://site/en/guide/', { method: 'HEAD' })), undefined);
  assert.equal(cacheKey(new Request('http://site/en/guide/', { method: 'POST', body: 'x' })), undefined);
  assert.equal(cacheKey(new Request('http://site/en/guide/', { headers: { cookie: 'csrftoken=a; sessionid=b' } })), undefined, 'a session cookie');
  assert.notEqual(cacheKey(new Request('http://site/en/guide/', { headers: { cookie: 'csrftoken=a' } })), undefined, 'CSRF cookie alone is anonymous');
  for (const path of ['/en/account/', '/fr/account/signin/', '/es/submit/', '/preview/', '/en/preview/', '/api/v1/objectives/', '/', '/robots.txt', '/documents/1/x.pdf']) {
    assert.equal(cacheKey(new Request(`http://site${path}`)), undefined, path);
  }
  assert.equal(cacheKey(new Request(`http://site/en/examples/?q=${'a'.repeat(3000)}`)), undefined, 'absurdly long keys');
  assert.equal(hasSessionCookie('sessionid=x'), true);
  assert.equal(hasSessionCookie('mysessionid=x'), false);
});

test('what may be kept, and for how long', () => {
  const h = (value: string, extra: Record<string, string> = {}) => new Headers({ 'cache-control': value, ...extra });
  assert.equal(ttlSeconds(200, h('public, max-age=60, stale-while-revalidate=300')), 60);
  assert.equal(ttlSeconds(404, h('public, max-age=300')), 30, '404s briefly');
  assert.equal(ttlSeconds(200, h('no-store')), 0);
  assert.equal(ttlSeconds(200, h('private, max-age=300')), 0);
  assert.equal(ttlSeconds(200, h('no-cache')), 0);
  assert.equal(ttlSeconds(200, new Headers()), 0, 'no max-age');
  assert.equal(ttlSeconds(200, h('public, max-age=60', { 'set-cookie': 'a=b' })), 0);
  assert.equal(ttlSeconds(503, h('public, max-age=60')), 0);
  assert.equal(ttlSeconds(302, h('public, max-age=60')), 0);
});

test('purge paths: exact (any query) or prefix', () => {
  assert.equal(purgeMatches('/en/guide/', '/en/guide/'), true);
  assert.equal(purgeMatches('/en/guide/', '/en/guide'), true);
  assert.equal(purgeMatches('/en/guide/', '/en/guide/chapter/'), false);
  assert.equal(purgeMatches('/en/examples/*', '/en/examples/some-example/'), true);
  assert.equal(purgeMatches('/en/examples/*', '/fr/examples/'), false);
  assert.equal(purgeMatches('/en/*', '/en/'), true);
});

test('the LRU cache: expiry, bound, purge', () => {
  let now = 0;
  const cache = new PageCache(2, () => now);
  const entry = (path: string) => ({ status: 200, headers: [] as [string, string][], body: encoder.encode(path), path });
  cache.set('/en/a/', entry('/en/a/'), 60);
  cache.set('/en/b/', entry('/en/b/'), 60);
  assert.ok(cache.get('/en/a/'), 'hit (and now the most recent)');
  cache.set('/en/c/', entry('/en/c/'), 60);
  assert.equal(cache.size, 2);
  assert.equal(cache.get('/en/b/'), undefined, 'the least recently used went');
  now = 61_000;
  assert.equal(cache.get('/en/a/'), undefined, 'expired after max-age');
  now = 0;
  cache.set('/en/examples/?page=2', entry('/en/examples/'), 60);
  cache.set('/fr/examples/', entry('/fr/examples/'), 60);
  assert.equal(cache.purge(['/en/examples/']), 1);
  assert.ok(cache.get('/fr/examples/'));
  cache.set('/en/x/', entry('/en/x/'), 0);
  assert.equal(cache.get('/en/x/'), undefined, 'ttl 0 is not stored');
});

test('the middleware glue: cached only with a secret, never for sessions, emptied by a signed purge', async () => {
  let renders = 0;
  const render = async () => {
    renders += 1;
    return new Response(`render ${renders}`, { headers: { 'content-type': 'text/html', 'cache-control': 'public, max-age=60' } });
  };
  const context = (url: string, headers: Record<string, string> = {}) =>
    ({ request: new Request(url, { headers }), url: new URL(url) }) as unknown as Parameters<typeof withPageCache>[0];
  delete process.env.FRONTEND_PURGE_SECRET;
  await withPageCache(context('http://site/en/cache-test/'), render);
  await withPageCache(context('http://site/en/cache-test/'), render);
  assert.equal(renders, 2, 'no secret: no HTML cache');

  process.env.FRONTEND_PURGE_SECRET = SECRET;
  try {
    const first = await withPageCache(context('http://site/en/cache-test/'), render);
    assert.equal(first.headers.get('x-page-cache'), 'miss');
    const second = await withPageCache(context('http://site/en/cache-test/'), render);
    assert.equal(second.headers.get('x-page-cache'), 'hit');
    assert.equal(await second.text(), 'render 3');
    assert.equal(renders, 3);
    const signedIn = await withPageCache(context('http://site/en/cache-test/', { cookie: 'sessionid=abc' }), render);
    assert.equal(await signedIn.text(), 'render 4', 'a reader with a session gets a fresh render');
    assert.equal(signedIn.headers.get('x-page-cache'), null);

    assert.equal(isPurgeRequest(new URL('http://site/_purge')), true);
    const body = '{"paths": ["/en/cache-test/"]}';
    const timestamp = String(Math.floor(Date.now() / 1000));
    const purged = await purge(purgeRequest(body, { timestamp }));
    assert.deepEqual(await purged.json(), { purged: 1 });
    const third = await withPageCache(context('http://site/en/cache-test/'), render);
    assert.equal(await third.text(), 'render 5', 'rendered again after the purge');
  } finally {
    delete process.env.FRONTEND_PURGE_SECRET;
  }
});

test('preview pages may be framed by the admin only, and are never stored or indexed', () => {
  assert.equal(isPreviewPath('/preview/'), true);
  assert.equal(isPreviewPath('/en/preview/'), false);
  process.env.BACKEND_URL = 'http://127.0.0.1:8000';
  const headers = new Headers({
    'content-security-policy': "default-src 'self'; frame-ancestors 'none'",
    'x-frame-options': 'DENY',
    'cache-control': 'public, max-age=60',
  });
  previewFraming(headers);
  assert.equal(headers.get('content-security-policy'), "default-src 'self'; frame-ancestors 'self' http://127.0.0.1:8000 http://localhost:8000");
  assert.equal(headers.get('x-frame-options'), null);
  assert.equal(headers.get('cache-control'), 'no-store');
  assert.equal(headers.get('x-robots-tag'), 'noindex');
  delete process.env.BACKEND_URL;
});
