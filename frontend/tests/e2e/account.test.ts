/**
 * Accounts end to end, without client JavaScript: sign in and out as the demo stakeholder, wrong password,
 * sign up and verify through the key of the e-mail Django sends, the /account/… links of e-mails, the /_allauth/
 * proxy, and axe-core on the account pages in the three languages.
 */
import { request as httpRequest } from 'node:http';
import type { BrowserContext, Page } from '@playwright/test';
import { axe, clickAndLoad, signIn, type Stack, expect, test } from './fixtures.ts';

const LANGS = ['en', 'fr', 'es'] as const;
const STAKEHOLDER = 'stakeholder@example.org';
const PASSWORD = 'gcm-demo-password';

let stack: Stack;

/** Posts the sign-in form from another loopback address than the browser's (Linux routes all of 127/8 to lo), so
 * the Astro server sees a second reader; answers with the page's HTML. */
function signInFrom(localAddress: string, email: string, password: string): Promise<{ status: number; body: string }> {
  const url = new URL(`${stack.site}/en/account/signin/`);
  const body = new URLSearchParams({ email, password, next: '/en/account/' }).toString();
  return new Promise((resolve, reject) => {
    const sent = httpRequest(
      url,
      {
        method: 'POST',
        localAddress,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), origin: stack.site },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    sent.on('error', reject);
    sent.end(body);
  });
}



test.describe('accounts', () => {
  test.beforeAll(({ stack: started }) => {
    stack = started;
  });

  test('/_allauth/ is proxied to Django with its CSRF cookie', async () => {
    const response = await fetch(`${stack.site}/_allauth/browser/v1/config`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control') !== null).toBe(true);
    expect(response.headers.getSetCookie().some((cookie) => cookie.startsWith('csrftoken='))).toBeTruthy();
    const session = await fetch(`${stack.site}/_allauth/browser/v1/auth/session`);
    expect(session.status).toBe(401);
  });

  test('links of e-mails without a language go to the reader language', async () => {
    const response = await fetch(`${stack.site}/account/verify-email/abc:def/`, { headers: { 'accept-language': 'fr-FR,fr' }, redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/fr/account/verify-email/abc:def/');
  });

  test('the account page sends signed-out readers to sign in', async () => {
    const response = await fetch(`${stack.site}/es/account/`, { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location') ?? '').toMatch(/^\/es\/account\/signin\/\?next=/);
  });

  for (const javaScriptEnabled of [true, false]) {
    test(`sign in and out as the demo stakeholder, wrong password first (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const context = await stack.browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      const lang = javaScriptEnabled ? 'en' : 'fr';
      await signIn(stack, page, lang, STAKEHOLDER, 'not-the-password');
      await expect(page.locator('.error-summary')).toBeVisible();
      await expect(page.locator('#signin-email'), 'the e-mail is kept').toHaveValue(STAKEHOLDER);
      await expect(page.locator('#signin-password')).toHaveAttribute('aria-invalid', 'true');
      await expect(page.locator('.error-summary')).toHaveText(lang === 'fr' ? /adresse électronique ou le mot de passe est incorrect/ : /e-mail address or the password is not right/, { useInnerText: true });
      await signIn(stack, page, lang, STAKEHOLDER, PASSWORD);
      await expect(page).toHaveURL((url) => url.href.endsWith(`/${lang}/account/`));
      await expect(page.locator('main')).toHaveText(new RegExp(STAKEHOLDER), { useInnerText: true });
      const cookies = await context.cookies();
      expect(cookies.some((cookie) => cookie.name === 'sessionid'), 'the session cookie is set on the site origin').toBeTruthy();
      await clickAndLoad(page, 'form[action$="/account/signout/"] button');
      await expect(page).toHaveURL((url) => url.href.includes(`/${lang}/account/signin/?notice=signed-out`));
      await expect(page.locator('.notice-ok')).toBeVisible();
      const after = await page.goto(`${stack.site}/${lang}/account/`);
      expect(after?.url().includes('/account/signin/'), 'signed out for real').toBeTruthy();
      await context.close();
    });
  }

  test("one reader's failed sign-ins do not lock another reader out: Django counts each reader's address", async () => {
    let last = { status: 0, body: '' };
    // a different e-mail each time, so only the per-address limit (10 a minute) can stop the abuser
    for (let n = 0; n < 12; n += 1) last = await signInFrom('127.0.0.2', `nobody-${n}-${Date.now()}@example.org`, 'wrong');
    expect(last.status).toBe(400);
    expect(last.body, 'the abuser is stopped').toMatch(/Too many attempts/);
    const context = await stack.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(stack, page, 'en', STAKEHOLDER, PASSWORD);
    await expect(page, `the other reader is signed in: ${page.url()}`).toHaveURL((url) => url.href.endsWith('/en/account/'));
    await context.close();
  });

  test('sign up, then verify the e-mail address with the key of the message Django sends', async () => {
    const context = await stack.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const email = `new-${Date.now()}@example.org`;
    await page.goto(`${stack.site}/es/account/signup/`);
    await page.fill('#signup-email', email);
    await page.fill('#signup-password', 'a-long-enough-password-42');
    await clickAndLoad(page, 'form.account-form button[type="submit"]');
    await expect(page).toHaveURL((url) => url.href.includes('/es/account/signin/?notice=check-email'));
    const mail = stack.manage(['send_mail']);
    const keys = [...mail.matchAll(/\/account\/verify-email\/(\S+)/g)].map((match) => match[1] ?? '');
    expect(keys.length > 0, `a verification link was mailed:\n${mail.slice(0, 2000)}`).toBeTruthy();
    await page.goto(`${stack.site}/account/verify-email/${keys.at(-1)}`);
    await expect(page).toHaveURL(/\/(en|es|fr)\/account\/verify-email\//);
    await clickAndLoad(page, 'main form button');
    if (page.url().includes('/account/signin/')) await signIn(stack, page, 'es', email, 'a-long-enough-password-42');
    await expect(page).toHaveURL(/\/account\/(\?notice=signed-in)?$/);
    await expect(page.locator('main')).toHaveText(new RegExp(email.replace('.', '\\.')), { useInnerText: true });
    // signed up on the Spanish site: the platform writes to them in Spanish until they choose otherwise
    await page.goto(`${stack.site}/en/account/profile/`);
    await expect(page.locator('#profile-mail-language')).toHaveValue('es');
    await context.close();
  });

  test('a bad verification key says so', async () => {
    const context = await stack.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${stack.site}/en/account/verify-email/not-a-key/`);
    await clickAndLoad(page, 'main form button');
    await expect(page.locator('.error-summary')).toBeVisible();
    await context.close();
  });

  test('password reset request answers the same for any address', async () => {
    const context = await stack.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${stack.site}/fr/account/password/reset/`);
    await page.fill('#reset-email', 'nobody@example.org');
    await clickAndLoad(page, 'form.account-form button[type="submit"]');
    await expect(page).toHaveURL((url) => url.href.includes('notice=reset-sent'));
    await expect(page.locator('.notice-ok')).toBeVisible();
    await context.close();
  });

  test('account pages: no script, and axe-core finds no WCAG 2.1 A/AA violation in any language', async () => {
    const failures: string[] = [];
    const context = await stack.browser.newContext();
    let scanned = 0;
    for (const lang of LANGS) {
      const page = await context.newPage();
      for (const route of ['signin/', 'signup/', 'password/reset/', 'password/reset/some-key/', 'verify-email/some-key/']) {
        const response = await page.goto(`${stack.site}/${lang}/account/${route}`);
        const html = (await response?.text()) ?? '';
        expect((html.match(/<script\b/gi) ?? []).length, `no script on /${lang}/account/${route}`).toBe(0);
        expect(response?.headers()['content-security-policy'] ?? '').toMatch(/script-src 'none'/);
        await axe(page, `/${lang}/account/${route}`, failures);
        scanned += 1;
      }
      // another address: allauth locks an account out after 5 failed sign-ins in 5 minutes
      await signIn(stack, page, lang, `nobody-${lang}@example.org`, 'wrong-password');
      await axe(page, `/${lang}/account/signin/ with errors`, failures);
      await signIn(stack, page, lang, STAKEHOLDER, PASSWORD);
      await axe(page, `/${lang}/account/ signed in`, failures);
      await page.goto(`${stack.site}/${lang}/account/`);
      await clickAndLoad(page, 'form[action$="/account/signout/"] button');
      scanned += 2;
      await page.close();
    }
    await context.close();
    console.log(`# axe-core: ${scanned} account pages scanned, ${failures.length} violations`);
    expect(failures).toEqual([]);
  });

  test('a reader sets the name and country shown with comments; a Champion cannot change the country (JavaScript off)', async () => {
    const context = await stack.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const failures: string[] = [];
    await signIn(stack, page, 'es', STAKEHOLDER, PASSWORD);
    await page.goto(`${stack.site}/es/account/`);
    await clickAndLoad(page, 'a[href="/es/account/profile/"]');
    await expect(page).toHaveURL((url) => url.href.endsWith('/es/account/profile/'));
    await page.fill('#profile-display-name', 'someone@example.org');
    await clickAndLoad(page, 'form.account-form button[type="submit"]');
    await expect(page.locator('#profile-display-name')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('.error-summary')).toHaveText(/no una dirección de correo/, { useInnerText: true });
    await page.fill('#profile-display-name', 'Lucía P.');
    await page.selectOption('#profile-country', 'CO');
    await page.selectOption('#profile-mail-language', 'fr');
    await clickAndLoad(page, 'form.account-form button[type="submit"]');
    await expect(page).toHaveURL((url) => url.href.endsWith('/es/account/profile/?notice=profile-saved'));
    await expect(page.locator('main')).toHaveText(/Su perfil se ha guardado/, { useInnerText: true });
    await expect(page.locator('#profile-display-name')).toHaveValue('Lucía P.');
    await expect(page.locator('#profile-country')).toHaveValue('CO');
    await expect(page.locator('#profile-mail-language')).toHaveValue('fr');
    await context.clearCookies();
    await signIn(stack, page, 'en', 'champion@example.org', PASSWORD);
    await page.goto(`${stack.site}/en/account/profile/`);
    await expect(page.locator('#profile-country'), 'no country field for a Champion').toHaveCount(0);
    await expect(page.locator('main')).toHaveText(/set by the administrators who nominated you/, { useInnerText: true });
    await context.close();
    // axe runs in the page: a context with JavaScript on, for each language, with errors and saved
    const checked = await stack.browser.newContext();
    const scan = await checked.newPage();
    await signIn(stack, scan, 'en', STAKEHOLDER, PASSWORD);
    for (const lang of LANGS) {
      await scan.goto(`${stack.site}/${lang}/account/profile/`);
      await scan.fill('#profile-display-name', 'not-a-name@example.org');
      await clickAndLoad(scan, 'form.account-form button[type="submit"]');
      await expect(scan.locator('.error-summary')).toHaveCount(1);
      await axe(scan, `/${lang}/account/profile/ with errors`, failures);
      await scan.fill('#profile-display-name', 'Lucía P.');
      await clickAndLoad(scan, 'form.account-form button[type="submit"]');
      await axe(scan, `/${lang}/account/profile/ saved`, failures);
    }
    await checked.close();
    expect(failures).toEqual([]);
  });
});
