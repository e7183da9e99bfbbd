import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { allauthErrors, applySetCookie, cookieHeader, noticeFrom, parseCookieHeader, pendingVerification, safeNext } from '../../src/lib/account.ts';
import { translator } from '../../src/lib/i18n.ts';
import { profileErrors } from '../../src/lib/profile.ts';

test('cookies: parse the browser header, apply Set-Cookie, drop expired ones', () => {
  const jar = parseCookieHeader('csrftoken=abc; sessionid=xyz; broken; =x');
  assert.deepEqual([...jar], [['csrftoken', 'abc'], ['sessionid', 'xyz']]);
  applySetCookie(jar, 'csrftoken=new; expires=Tue, 23 Nov 2027 13:00:00 GMT; Max-Age=31449600; Path=/; SameSite=Lax');
  applySetCookie(jar, 'sessionid=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/');
  assert.equal(cookieHeader(jar), 'csrftoken=new');
});

test('allauth errors become translated messages per field', () => {
  const t = translator('fr');
  const errors = allauthErrors(
    { status: 400, errors: [{ message: 'The email address and/or password you specified are not correct.', code: 'email_password_mismatch', param: 'password' }, { message: 'Ce mot de passe est trop court.', code: 'password_too_short', param: 'password' }] },
    t,
  );
  assert.deepEqual(errors, [
    { field: 'password', message: t('errorCredentials') },
    { field: 'password', message: 'Ce mot de passe est trop court.' },
  ]);
  assert.deepEqual(allauthErrors({}, t), [{ field: '', message: t('errorGeneric') }]);
});

test('a 401 that waits for e-mail verification is recognised', () => {
  assert.equal(pendingVerification({ data: { flows: [{ id: 'login' }, { id: 'verify_email', is_pending: true }] } }), true);
  assert.equal(pendingVerification({ data: { flows: [{ id: 'login' }] } }), false);
});

test('only known notices and same-site next paths are accepted', () => {
  assert.equal(noticeFrom(new URL('http://x/en/account/?notice=signed-out')), 'noticeSignedOut');
  assert.equal(noticeFrom(new URL('http://x/en/account/?notice=<b>hi</b>')), undefined);
  assert.equal(noticeFrom(new URL('http://x/en/account/?notice=constructor')), undefined);
  assert.equal(safeNext('/fr/account/submit/', 'fr'), '/fr/account/submit/');
  for (const bad of ['//evil.example/', 'https://evil.example/', '/\\evil.example', '', null]) assert.equal(safeNext(bad, 'es'), '/es/account/');
});

describe('profile errors', () => {
  const t = (key: string) => `«${key}»`;
  test('pydantic errors become our words, per field', () => {
    const errors = profileErrors(422, { detail: 'Invalid input. display_name: Value error', errors: [{ loc: ['body', 'data', 'display_name'] }] }, t as never);
    assert.deepEqual(errors, [{ field: 'display_name', message: '«errorDisplayName»' }]);
  });
  test("the service's translated messages are kept", () => {
    assert.deepEqual(profileErrors(422, { detail: 'Pays inconnu.' }, t as never), [{ field: 'country', message: 'Pays inconnu.' }]);
    assert.deepEqual(profileErrors(403, { detail: 'Votre pays est défini…' }, t as never), [{ field: '', message: 'Votre pays est défini…' }]);
  });
  test('anything else is the generic message', () => {
    assert.deepEqual(profileErrors(500, {}, t as never), [{ field: '', message: '«errorGeneric»' }]);
  });
});
