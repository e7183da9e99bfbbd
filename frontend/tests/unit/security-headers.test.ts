import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hstsSeconds, withSecurityHeaders } from '../../src/lib/security-headers.ts';

test('a 303 redirect gets the same security headers as a page', () => {
  const redirect = new Response(null, { status: 303, headers: { location: '/en/account/signin/' } });
  const secured = withSecurityHeaders(redirect, '/en/submit/', 31_536_000);
  assert.equal(secured.status, 303);
  assert.equal(secured.headers.get('location'), '/en/account/signin/');
  assert.match(secured.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
  assert.match(secured.headers.get('permissions-policy') ?? '', /camera=\(\)/);
  assert.equal(secured.headers.get('x-frame-options'), 'DENY');
  assert.equal(secured.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(secured.headers.get('strict-transport-security'), 'max-age=31536000; includeSubDomains');
});

test('an immutable response (Response.redirect) is copied, not left bare', () => {
  const secured = withSecurityHeaders(Response.redirect('http://localhost/en/', 302), '/', 0);
  assert.equal(secured.status, 302);
  assert.equal(secured.headers.get('location'), 'http://localhost/en/');
  assert.ok(secured.headers.get('content-security-policy'));
  assert.equal(secured.headers.get('strict-transport-security'), null, 'no HSTS over plain http');
});

test("Django's own policy on a proxied response is kept", () => {
  const proxied = new Response('{}', { headers: { 'content-security-policy': "default-src 'self'", 'x-frame-options': 'SAMEORIGIN' } });
  const secured = withSecurityHeaders(proxied, '/api/v1/objectives/', 0);
  assert.equal(secured.headers.get('content-security-policy'), "default-src 'self'");
  assert.equal(secured.headers.get('x-frame-options'), 'SAMEORIGIN');
});

test('HSTS over https, behind a proxy that says so, or as configured; never on plain http by default', () => {
  assert.equal(hstsSeconds(new URL('https://gcm.example.org/'), null, undefined), 31_536_000);
  assert.equal(hstsSeconds(new URL('http://10.0.0.5:4321/'), 'https', undefined), 31_536_000);
  assert.equal(hstsSeconds(new URL('http://localhost:4321/'), null, undefined), 0);
  assert.equal(hstsSeconds(new URL('http://localhost:4321/'), null, '600'), 600);
  assert.equal(hstsSeconds(new URL('https://gcm.example.org/'), null, '0'), 0);
});

test("the site's Referrer-Policy wins over a page's no-referrer, which would make form posts cross-origin", () => {
  const page = new Response('<p>', { headers: { 'content-type': 'text/html', 'referrer-policy': 'no-referrer' } });
  assert.equal(withSecurityHeaders(page, '/en/account/verify-email/k/', 0).headers.get('referrer-policy'), 'strict-origin-when-cross-origin');
});
