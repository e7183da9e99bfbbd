/**
 * Delivery of the public site (issue 17): compression by the site's own server, error pages in the reader's
 * language (404, and the 500 shown when rendering fails), French typography as a reader sees it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { type IncomingHttpHeaders, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { Browser } from '@playwright/test';
import { axe, expect, test } from './fixtures.ts';
import { open as openIn, siteContext } from './site-context.ts';
import { FRONTEND, NODE } from './stack.ts';

function raw(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The status, language, heading and axe findings of one address, read with JavaScript off (axe needs it on). */
async function errorPage(browser: Browser, url: string, failures: string[]): Promise<{ status: number; lang: string | null; h1: string }> {
  const off = await browser.newContext({ javaScriptEnabled: false });
  const page = await off.newPage();
  const status = (await page.goto(url))?.status() ?? 0;
  const lang = await page.locator('html').getAttribute('lang');
  const h1 = (await page.locator('h1').innerText()).trim();
  await expect(page.locator('main a[href$="/"]').last(), `${url} links home`).toBeVisible();
  await off.close();
  const on = await browser.newContext();
  const checked = await on.newPage();
  await checked.goto(url);
  await axe(checked, url, failures);
  await on.close();
  return { status, lang, h1 };
}

test.describe('delivery', () => {
  const site = siteContext();

  test('pages and CSS are brotli or gzip by Accept-Encoding and decode to what an identity answer holds', async () => {
    const url = `${site.stack.site}/en/booklet/objective-3/`;
    const identity = await raw(url);
    expect(identity.status).toBe(200);
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.headers.vary ?? '').toMatch(/Accept-Encoding/);
    const html = identity.body.toString('utf8');
    expect(html).toContain('<h1');

    const br = await raw(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-length']).toBeUndefined();
    expect(br.body.length, 'brotli makes the page smaller').toBeLessThan(identity.body.length / 2);
    expect(brotliDecompressSync(br.body).toString('utf8')).toBe(html);

    const gzip = await raw(url, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString('utf8')).toBe(html);

    // the stylesheet is a static file, answered before Astro's middleware: compressed all the same
    const stylesheet = /<link rel="stylesheet" href="(\/_astro\/[^"]+\.css)"/.exec(html)?.[1];
    expect(stylesheet, 'the page links its stylesheet').toBeTruthy();
    const css = await raw(site.stack.site + stylesheet, { 'accept-encoding': 'br' });
    expect(css.headers['content-encoding']).toBe('br');
    expect(css.headers.etag ?? '', 'an encoded file never carries a strong ETag').toMatch(/^W\//);
    const plainCss = await raw(site.stack.site + stylesheet);
    expect(brotliDecompressSync(css.body).toString('utf8')).toBe(plainCss.body.toString('utf8'));
    expect(plainCss.headers['content-length']).toBe(String(plainCss.body.length));

    // JSON through the one-origin proxy (Django answers it uncompressed to the proxy) reaches the reader compressed
    const api = `${site.stack.site}/api/v1/objectives/?locale=fr`;
    const json = await raw(api, { 'accept-encoding': 'br' });
    expect(json.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(json.body).toString('utf8'))).toEqual(JSON.parse((await raw(api)).body.toString('utf8')));

    // HEAD says what GET would, without a body
    const head = await raw(url, { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.body.length).toBe(0);
  });

  test('French pages space their punctuation the French way', async () => {
    const { page, status } = await openIn(site, '/fr/booklet/objective-3/');
    expect(status).toBe(200);
    const heading = (await page.locator('h1').textContent()) ?? '';
    expect(heading).toContain('Objectif 3\u00A0:');
    expect(heading).not.toMatch(/3 ?:/);
    const stale = await openIn(site, '/fr/guide/six-step-process/step-2/');
    const notice = (await stale.page.locator('.stale-notice a[hreflang="en"]').textContent()) ?? '';
    expect(notice).toContain('Lire la page anglaise actuelle\u00A0:');
    await page.close();
    await stale.page.close();
  });

  test('unknown addresses answer 404 in the language of the path, readable without JavaScript, with nothing for axe', async () => {
    const failures: string[] = [];
    for (const [path, lang, title] of [
      ['/fr/nope', 'fr', 'Page introuvable'],
      ['/es/nada/', 'es', 'Página no encontrada'],
      ['/nope', 'en', 'Page not found'],
    ] as const) {
      const seen = await errorPage(site.stack.browser, site.stack.site + path, failures);
      expect(seen, path).toEqual({ status: 404, lang, h1: title });
    }
    expect(failures).toEqual([]);
  });

  test('a backend answering nonsense gives a 500 page in the reader language, not a blank answer', async () => {
    // A backend behind a misconfigured proxy: every API call answers 200 with an HTML error page. The pages
    // cannot read it, so rendering fails; the site has to say so in the reader's language.
    const backend = createServer((_, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>Bad gateway</body></html>');
    });
    await new Promise<void>((done) => backend.listen(0, '127.0.0.1', done));
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    const env = { ...process.env, HOST: '127.0.0.1', PORT: String(port), BACKEND_URL: `http://127.0.0.1:${(backend.address() as AddressInfo).port}` };
    const server: ChildProcess = spawn(NODE, ['server.ts'], { cwd: FRONTEND, env, stdio: 'ignore' });
    try {
      const origin = `http://127.0.0.1:${port}`;
      for (let i = 0; i < 100; i += 1) {
        if (await fetch(`${origin}/robots.txt`).then((r) => r.ok, () => false)) break;
        await sleep(100);
      }
      const failures: string[] = [];
      for (const [path, lang, title] of [
        ['/fr/', 'fr', "Une erreur s'est produite de notre côté"],
        ['/es/examples/', 'es', 'Algo salió mal por nuestra parte'],
        ['/en/booklet/objective-3/', 'en', 'Something went wrong on our side'],
      ] as const) {
        const seen = await errorPage(site.stack.browser, origin + path, failures);
        expect(seen, path).toEqual({ status: 500, lang, h1: title });
        const answer = await raw(origin + path, { 'accept-encoding': 'br' });
        expect(answer.headers['cache-control'], 'an error is never cached').toBe('no-store');
        expect(answer.headers['content-security-policy'] ?? '', 'the security headers are there').toContain("script-src 'none'");
        expect(brotliDecompressSync(answer.body).toString('utf8')).not.toMatch(/at .+\.(m?js|ts):\d+/);
      }
      expect(failures).toEqual([]);
    } finally {
      server.kill('SIGTERM');
      await new Promise((done) => backend.close(done));
    }
  });
});
