/** The reader's address reaches Django with the shared secret, and a browser cannot forge either header. */
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { test } from 'node:test';
import { BackendSession } from '../../src/lib/account.ts';
import { proxyToBackend } from '../../src/lib/proxy.ts';

async function withBackend(run: () => Promise<void>): Promise<IncomingHttpHeaders[]> {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((request, response) => {
    seen.push(request.headers);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{}');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const previous = { backend: process.env.BACKEND_URL, secret: process.env.FRONTEND_PROXY_SECRET };
  process.env.BACKEND_URL = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  process.env.FRONTEND_PROXY_SECRET = 'shared';
  try {
    await run();
  } finally {
    process.env.BACKEND_URL = previous.backend;
    if (previous.secret === undefined) delete process.env.FRONTEND_PROXY_SECRET;
    else process.env.FRONTEND_PROXY_SECRET = previous.secret;
    await new Promise((done) => server.close(done));
  }
  return seen;
}

test('the proxy sends the reader address with the secret and drops the browser copies', async () => {
  const seen = await withBackend(async () => {
    const forged = new Request('http://site/_allauth/browser/v1/auth/login', {
      method: 'POST',
      headers: { 'x-gcm-client-ip': '10.0.0.1', 'x-gcm-proxy-secret': 'guess', 'content-type': 'application/json' },
      body: '{}',
    });
    await proxyToBackend(forged, '203.0.113.7');
  });
  assert.equal(seen[0]?.['x-gcm-client-ip'], '203.0.113.7');
  assert.equal(seen[0]?.['x-gcm-proxy-secret'], 'shared');
});

test('server-side calls carry the reader address; without a known address nothing is claimed', async () => {
  const seen = await withBackend(async () => {
    await new BackendSession('csrftoken=t', 'en', '198.51.100.2').call('GET', '/_allauth/browser/v1/config');
    await new BackendSession('csrftoken=t', 'en', undefined).call('GET', '/_allauth/browser/v1/config');
    await proxyToBackend(new Request('http://site/api/v1/x/', { headers: { 'x-gcm-client-ip': '10.0.0.1' } }), undefined);
  });
  assert.equal(seen[0]?.['x-gcm-client-ip'], '198.51.100.2');
  assert.equal(seen[0]?.['x-gcm-proxy-secret'], 'shared');
  assert.equal(seen[1]?.['x-gcm-client-ip'], undefined);
  assert.equal(seen[2]?.['x-gcm-client-ip'], undefined, 'a browser claim is never passed on');
  assert.equal(seen[2]?.['x-gcm-proxy-secret'], undefined);
});

test('files are relayed without the reader credentials, so the site never serves a private attachment', async () => {
  const seen = await withBackend(async () => {
    const signedIn = { cookie: 'sessionid=s; csrftoken=t', authorization: 'Bearer x', 'x-session-token': 'x' };
    await proxyToBackend(new Request('http://site/documents/7/x.pdf', { headers: signedIn }), undefined);
    await proxyToBackend(new Request('http://site/media/images/a.png', { headers: signedIn }), undefined);
    await proxyToBackend(new Request('http://site/api/v1/submissions/', { headers: signedIn }), undefined);
  });
  for (const headers of seen.slice(0, 2)) {
    assert.equal(headers.cookie, undefined);
    assert.equal(headers.authorization, undefined);
    assert.equal(headers['x-session-token'], undefined);
  }
  assert.equal(seen[2]?.cookie, 'sessionid=s; csrftoken=t', 'the API still sees who is signed in');
});
