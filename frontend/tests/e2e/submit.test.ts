/**
 * Submitting an example end to end, with JavaScript on (English) and off (French): sign up, verify through the
 * mailed key, an invalid post first (errors per field, values kept), then a valid one with an attachment,
 * pending under "My submissions"; the demo moderator screens it and the demo reviewer approves it (the
 * `moderate` management command, the service behind the admin's buttons); it appears on its objective page.
 * Then revise after changes are requested, and withdraw with confirmation. axe-core on every new route in
 * the three languages, and the island's script budget.
 */
import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { axe, clickAndLoad, signIn, type Stack, expect, present, test } from './fixtures.ts';

const LANGS = ['en', 'fr', 'es'] as const;
const PASSWORD = 'a-long-enough-password-42';
// a real one-page PDF: Django parses PDFs for active content and refuses what it cannot read
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>\nendobj\nxref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n0000000115 00000 n \ntrailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n186\n%%EOF\n',
);
const STATUS_WORD = { en: /screening/i, fr: /examen|tri|attente/i, es: /revisión|examen|espera/i };

let stack: Stack;

async function submitForm(page: Page): Promise<void> {
  await clickAndLoad(page, 'form.submission-form button[type="submit"]');
}

async function signUpAndVerify(page: Page, lang: string, email: string): Promise<void> {
  await page.goto(`${stack.site}/${lang}/account/signup/`);
  await page.fill('#signup-email', email);
  await page.fill('#signup-password', PASSWORD);
  await clickAndLoad(page, 'form.account-form button[type="submit"]');
  await expect(page).toHaveURL((url) => url.href.includes(`/${lang}/account/signin/?notice=check-email`));
  const mail = stack.manage(['send_mail']);
  const link = [...mail.matchAll(/\/account\/verify-email\/(\S+)/g)].map((match) => match[1] ?? '').at(-1);
  present(link, 'a verification link was mailed');
  await page.goto(`${stack.site}/${lang}/account/verify-email/${link}`);
  await clickAndLoad(page, 'main form button');
  if (page.url().includes('/account/signin/')) {
    await page.fill('#signin-email', email);
    await page.fill('#signin-password', PASSWORD);
    await clickAndLoad(page, 'form.account-form button[type="submit"]');
  }
  await expect(page).toHaveURL(/\/account\/(\?notice=signed-in)?$/);
}


/** Fills the valid parts of the form; returns the title. */
async function fillValid(page: Page, title: string, lang: string): Promise<void> {
  await page.fill('#submit-title', title);
  await page.fill('#submit-summary', 'Desks in three border towns give migrants accurate information in their languages.');
  await page.fill('#submit-body', 'The desks are run by municipalities.\n\nCivil society trains the staff.');
  await page.selectOption('#submit-primary-objective', '1');
  await page.check('#submit-secondary-objectives-2'); // objective 3
  await page.selectOption('#submit-country', 'GH');
  await page.fill('#submit-start-year', '2019');
  await page.fill('#submit-source-title-0', 'Evaluation report');
  await page.fill('#submit-source-url-0', 'https://example.org/report');
  await page.selectOption('#submit-language', lang);
}

function submissionId(url: string): string {
  const found = /\/account\/submissions\/(\d+)\//.exec(url);
  present(found, `a submission page: ${url}`);
  return found[1] ?? '';
}


test.describe('submissions', () => {
  test.beforeAll(({ stack: started }) => {
    stack = started;
  });

  test('signed-out readers are sent to sign in, and come back to the form', async () => {
    for (const path of ['/fr/submit/', '/es/account/submissions/', '/en/account/submissions/1/']) {
      const response = await fetch(`${stack.site}${path}`, { redirect: 'manual' });
      expect(response.status, path).toBe(303);
      const location = response.headers.get('location') ?? '';
      expect(location).toMatch(/\/account\/signin\/\?next=/);
      expect(new URL(location, stack.site).searchParams.get('next')).toBe(path);
    }
    const options = await fetch(`${stack.site}/api/v1/submissions/options/?locale=es`);
    expect(options.status).toBe(200);
    expect(((await options.json()) as { objectives: unknown[] }).objectives.length).toBe(23);
  });

  for (const javaScriptEnabled of [true, false]) {
    const lang = javaScriptEnabled ? 'en' : 'fr';
    test(`sign up, verify, submit with an attachment, approval, on the objective page (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const context = await stack.browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      await signUpAndVerify(page, lang, `contributor-${lang}-${Date.now()}@example.org`);
      await page.goto(`${stack.site}/${lang}/account/`);
      await clickAndLoad(page, `main a[href="/${lang}/submit/"]`);
      await expect(page).toHaveURL((url) => url.href.endsWith(`/${lang}/submit/`));
      await expect(page.locator('#submit-primary-objective option'), 'the 23 objectives from the API').toHaveCount(24);
      if (lang === 'fr') await expect(page.locator('#submit-country'), 'countries in French').toContainText('Allemagne', { useInnerText: true });

      // An invalid post: errors per field, linked from the summary, and what was typed is still there.
      await page.fill('#submit-summary', 'Too short');
      await page.fill('#submit-partners', 'Local NGOs, the red cross');
      await page.fill('#submit-contact-email', 'not-an-address');
      await page.check('#submit-principles-0');
      await submitForm(page);
      await expect(page, 'the form comes back on the same address').toHaveURL((url) => url.href.endsWith(`/${lang}/submit/`));
      const summary = page.locator('.error-summary');
      await expect(summary).toBeVisible();
      await expect(page.locator('#submit-title')).toHaveAttribute('aria-invalid', 'true');
      expect((await page.locator('#submit-title').getAttribute('aria-describedby')) ?? '').toMatch(/submit-title-error/);
      await expect(page.locator('#submit-contact-email')).toHaveAttribute('aria-invalid', 'true');
      await expect(summary.locator('a[href="#submit-primary-objective"]')).not.toHaveCount(0);
      await expect(page.locator('#submit-summary')).toHaveValue('Too short');
      await expect(page.locator('#submit-partners')).toHaveValue('Local NGOs, the red cross');
      await expect(page.locator('#submit-principles-0'), 'boxes stay checked').toBeChecked();
      await expect(page.locator('#submit-attachments-again'), 'the reader is told to choose files again').toBeVisible();
      await expect(summary).toHaveText(lang === 'fr' ? /obligatoire/ : /required/, { useInnerText: true });
      if (javaScriptEnabled) {
        expect(await page.evaluate(() => document.activeElement?.className), 'focus on the summary').toBe('error-summary');
        await expect(page.locator('.char-count'), 'the island adds character counts').not.toHaveCount(0);
        // The island refuses a file type the API would refuse, before uploading it.
        await page.setInputFiles('#submit-attachments', { name: 'tool.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') });
        await expect(page.locator('#submit-attachments-check')).toHaveText(/PDF/, { useInnerText: true });
      }

      // Now a valid one, with an attachment.
      const title = `Information desks ${lang} ${Date.now()}`;
      await fillValid(page, title, lang);
      await page.fill('#submit-contact-email', 'ama@example.org');
      // a name of its own per run: the other run's file is public by now under its own name
      await page.setInputFiles('#submit-attachments', { name: `report_${lang}${Date.now()}.pdf`, mimeType: 'application/pdf', buffer: PDF });
      await submitForm(page);
      const id = submissionId(page.url());
      await expect(page).toHaveURL((url) => url.href.includes('notice=submitted'));
      await expect(page.locator('h1')).toHaveText(title, { useInnerText: true });
      await expect(page.locator('dd.status')).toHaveAttribute('data-status', 'screening');
      await expect(page.locator('main'), 'the attachment (storage may add a suffix)').toHaveText(/report(_\w+)?\.pdf/, { useInnerText: true });
      // In screening, the file is nowhere under the media folder: the site's /media/ (Django serves MEDIA_ROOT in
      // this DEBUG stack, as any web server serving the media folder would) answers 404.
      const stored = /report(_\w+)?\.pdf/.exec(await page.locator('main').innerText())?.[0] ?? '';
      const screening = await fetch(`${stack.site}/media/documents/${stored}`, { method: 'GET' });
      expect(screening.status, 'a file in screening must not be public').toBe(404);
      expect(screening.headers.get('cache-control') ?? '').not.toMatch(/public/);

      // Pending under "My submissions".
      await page.goto(`${stack.site}/${lang}/account/submissions/`);
      const row = page.locator('.submission-list li', { hasText: title });
      await expect(row).toHaveCount(1);
      await expect(row.locator('dd.status')).toHaveAttribute('data-status', 'screening');
      await expect(row.locator('dd.status')).toHaveText(STATUS_WORD[lang], { useInnerText: true });

      // Screening by the demo moderator, thematic review by the demo reviewer (objective 1 is theirs).
      expect(stack.manage(['moderate', id, 'approve', '--user', 'moderator'])).toMatch(/thematic_review/);
      expect(stack.manage(['moderate', id, 'approve', '--user', 'reviewer'])).toMatch(/published/);

      await page.goto(`${stack.site}/${lang}/account/submissions/${id}/`);
      await expect(page.locator('dd.status')).toHaveAttribute('data-status', 'published');
      expect((await page.locator('ol.history li').count()) >= 3, 'the status history').toBeTruthy();
      await clickAndLoad(page, `main a[href^="/${lang}/examples/"]`);
      await expect(page.locator('h1'), 'the published example').toHaveText(title, { useInnerText: true });
      const published = await fetch(`${stack.site}/media/documents/${stored}`);
      expect(published.status, 'published: the file is public').toBe(200);
      expect(Buffer.from(await published.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');

      // The objective page reads the library (the search read model), which the task worker updates after a
      // publish: this suite's stack runs no worker (its mail is read from the queue), so the worker takes its turn.
      stack.manage(['db_worker', '--batch', '--no-startup-delay']);
      const objective = await page.goto(`${stack.site}/${lang}/booklet/objective-1/`);
      expect(objective?.status()).toBe(200);
      await expect(page.locator('main'), 'listed on its objective page').toContainText(title, { useInnerText: true });
      await context.close();
    });
  }

  test('changes requested: revise the pre-filled form, then withdraw with a confirmation step (JavaScript off)', async () => {
    const context = await stack.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(stack, page, 'es', 'stakeholder@example.org', 'gcm-demo-password');
    await page.goto(`${stack.site}/es/submit/`);
    const title = `Ventanillas ${Date.now()}`;
    await fillValid(page, title, 'es');
    await submitForm(page);
    const id = submissionId(page.url());
    await expect(page.locator('a[href$="/revise/"]'), 'no revise link while screening').toHaveCount(0);
    stack.manage(['moderate', id, 'request_changes', '--user', 'moderator', '--comment', 'Añada el año de cierre.']);

    await page.goto(`${stack.site}/es/account/submissions/`);
    await expect(page.locator('.submission-list li', { hasText: title })).toHaveText(/Añada el año de cierre\./, { useInnerText: true });
    await page.goto(`${stack.site}/es/account/submissions/${id}/`);
    await expect(page.locator('dd.status')).toHaveAttribute('data-status', 'changes_requested');
    await expect(page.locator('ol.history')).toHaveText(/Añada el año de cierre\./, { useInnerText: true });
    await clickAndLoad(page, 'a[href$="/revise/"]');
    await expect(page.locator('#submit-title'), 'pre-filled').toHaveValue(title);
    await expect(page.locator('#submit-primary-objective')).toHaveValue('1');
    await expect(page.locator('#submit-body')).toHaveValue('The desks are run by municipalities.\n\nCivil society trains the staff.');
    await expect(page.locator('#submit-secondary-objectives-2')).toBeChecked();
    await page.fill('#submit-end-year', '2010');
    await submitForm(page);
    await expect(page.locator('#submit-end-year'), 'last year before the first').toHaveAttribute('aria-invalid', 'true');
    await page.fill('#submit-end-year', '2023');
    await submitForm(page);
    await expect(page).toHaveURL((url) => url.href.endsWith(`/es/account/submissions/${id}/?notice=revised`));
    await expect(page.locator('dd.status')).toHaveAttribute('data-status', 'screening');

    await clickAndLoad(page, 'a[href$="/withdraw/"]');
    await expect(page, 'a confirmation page first').toHaveURL((url) => url.href.endsWith(`/es/account/submissions/${id}/withdraw/`));
    await clickAndLoad(page, 'main form button');
    await expect(page).toHaveURL((url) => url.href.endsWith(`/es/account/submissions/${id}/?notice=withdrawn`));
    await expect(page.locator('dd.status')).toHaveAttribute('data-status', 'withdrawn');
    await expect(page.locator('a[href$="/withdraw/"]')).toHaveCount(0);
    // Someone else's submission looks like a missing one.
    const other = await context.newPage();
    const response = await other.goto(`${stack.site}/es/account/submissions/999999/`);
    expect(response?.status()).toBe(404);
    await context.close();
  });

  test('new routes: axe-core finds no WCAG 2.1 A/AA violation in any language; scripts only on the form, within budget', async () => {
    const failures: string[] = [];
    const context = await stack.browser.newContext();
    const page = await context.newPage();
    await signIn(stack, page, 'en', 'stakeholder@example.org', 'gcm-demo-password');
    await page.goto(`${stack.site}/en/submit/`);
    await fillValid(page, `Axe ${Date.now()}`, 'en');
    await submitForm(page);
    const id = submissionId(page.url());
    stack.manage(['moderate', id, 'request_changes', '--user', 'moderator', '--comment', 'More detail, please.']);
    let scanned = 0;
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    for (const lang of LANGS) {
      const routes = [
        [`/${lang}/submit/`, true],
        [`/${lang}/account/submissions/`, false],
        [`/${lang}/account/submissions/${id}/`, false],
        [`/${lang}/account/submissions/${id}/revise/`, true],
        [`/${lang}/account/submissions/${id}/withdraw/`, false],
      ] as const;
      for (const [route, island] of routes) {
        const response = await page.goto(`${stack.site}${route}`);
        expect(response?.status(), route).toBe(200);
        const html = (await response?.text()) ?? '';
        const scripts = [...html.matchAll(/<script\b[^>]*>/gi)].map((match) => match[0]);
        const csp = response?.headers()['content-security-policy'] ?? '';
        if (island) {
          expect(scripts.length, `one script on ${route}`).toBe(1);
          expect(scripts[0] ?? '', 'a file from our origin, not inline').toMatch(/type="module" src="\/_astro\/[^"]+\.js"/);
          expect(csp).toMatch(/script-src 'self'/);
          const src = /src="([^"]+)"/.exec(scripts[0] ?? '')?.[1] ?? '';
          const js = Buffer.from(await (await fetch(`${stack.site}${src}`, { headers: { cookie } })).arrayBuffer());
          const gzipped = gzipSync(js).length;
          expect(gzipped <= 30 * 1024, `${gzipped} bytes gzipped`).toBeTruthy();
          if (lang === 'en' && route.endsWith('/submit/')) console.log(`# island: ${js.length} bytes, ${gzipped} gzipped`);
        } else {
          expect(scripts.length, `no script on ${route}`).toBe(0);
          expect(csp).toMatch(/script-src 'none'/);
        }
        await axe(page, route, failures);
        scanned += 1;
      }
      // The form with errors.
      await page.goto(`${stack.site}/${lang}/submit/`);
      await page.fill('#submit-contact-email', 'nope');
      await submitForm(page);
      await expect(page.locator('.error-summary')).toBeVisible();
      await axe(page, `/${lang}/submit/ with errors`, failures);
      scanned += 1;
    }
    await context.close();
    console.log(`# axe-core: ${scanned} submission pages scanned, ${failures.length} violations`);
    expect(failures).toEqual([]);
  });
});
