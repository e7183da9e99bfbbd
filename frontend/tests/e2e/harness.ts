/**
 * Starts everything the end-to-end tests need, on loopback, and tears it down:
 * Django on a free port with a fresh SQLite database in a temporary directory (migrate + load_demo),
 * the built Astro server pointing at it, and Debian's Chromium driven by playwright-core.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

const FRONTEND = resolve(import.meta.dirname, '..', '..');
const ROOT = resolve(FRONTEND, '..');
const NODE = join(FRONTEND, 'node_modules', '.bin', 'node');
const PYTHON = process.env.PYTHON ?? join(ROOT, '.venv', 'bin', 'python');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Debian's Chromium headless in a container: no sandbox, GPU, first-run UI, or background network calls. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Stack {
  site: string;
  backend: string;
  browser: Browser;
  stop: () => Promise<void>;
  /** runs `manage.py <args>` against the test database and returns its stdout (e.g. `send_mail` prints queued mail) */
  manage: (args: string[]) => string;
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

async function waitFor(url: string, child: ChildProcess, name: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}; see its log`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((wait) => setTimeout(wait, 200));
  }
  throw new Error(`${name} did not answer at ${url} within ${timeoutMs} ms`);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): string {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

/** Both sides share it, as in production: Django then counts each reader's address, not the Astro server's. */
const PROXY_SECRET = 'e2e-proxy-secret';

export interface StackOptions {
  /** run `manage.py db_worker` too, so tasks enqueued on publish (search sync, frontend purge) run as in production */
  worker?: boolean;
  /** FRONTEND_PURGE_SECRET on both sides: the Astro page cache and Django's purges are on */
  purgeSecret?: string;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  if (!existsSync(PYTHON)) throw new Error(`no Python virtualenv at ${PYTHON}: run 'make install' first`);
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium`);
  if (!existsSync(join(FRONTEND, 'dist', 'server', 'entry.mjs'))) {
    run(NODE, ['node_modules/astro/bin/astro.mjs', 'build'], { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' }, FRONTEND);
  }
  const dir = mkdtempSync(join(tmpdir(), 'gcm-e2e-'));
  const [djangoPort, astroPort] = await Promise.all([freePort(), freePort()]);
  const backend = `http://127.0.0.1:${djangoPort}`;
  const site = `http://127.0.0.1:${astroPort}`;
  const djangoEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DJANGO_SETTINGS_MODULE: 'cms.settings.dev',
    // with a worker, three processes write: wait for the lock (timeout) and take it up front (IMMEDIATE)
    DATABASE_URL: `sqlite:///${join(dir, 'db.sqlite3')}${options.worker ? '?timeout=30&transaction_mode=IMMEDIATE' : ''}`,
    ALLOWED_HOSTS: '127.0.0.1,localhost',
    MEDIA_ROOT: join(dir, 'media'),
    PRIVATE_MEDIA_ROOT: join(dir, 'private-media'),
    STATIC_ROOT: join(dir, 'static'),
    FRONTEND_URL: site,
    SEARCH_URL: '',
    PYTHONUNBUFFERED: '1',
    FRONTEND_PURGE_SECRET: options.purgeSecret ?? '',
    FRONTEND_PROXY_SECRET: PROXY_SECRET,
  };
  run(PYTHON, ['manage.py', 'migrate', '--no-input', '-v', '0'], djangoEnv, ROOT);
  run(PYTHON, ['manage.py', 'load_demo'], djangoEnv, ROOT);
  // the demo's own tasks (search index, reference index) first, so the tests' tasks do not queue behind them
  if (options.worker) run(PYTHON, ['manage.py', 'db_worker', '--batch', '--no-startup-delay'], djangoEnv, ROOT);

  const djangoLog = createWriteStream(join(dir, 'django.log'));
  const django = spawn(PYTHON, ['manage.py', 'runserver', `127.0.0.1:${djangoPort}`, '--noreload'], {
    cwd: ROOT,
    env: djangoEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  django.stdout?.pipe(djangoLog);
  django.stderr?.pipe(djangoLog);

  let worker: ChildProcess | undefined;
  if (options.worker) {
    const workerLog = createWriteStream(join(dir, 'worker.log'));
    worker = spawn(PYTHON, ['manage.py', 'db_worker', '--no-reload', '--no-startup-delay', '--interval', '0.5'], {
      cwd: ROOT,
      env: djangoEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    worker.stdout?.pipe(workerLog);
    worker.stderr?.pipe(workerLog);
  }

  const astroLog = createWriteStream(join(dir, 'astro.log'));
  const astro = spawn(NODE, ['dist/server/entry.mjs'], {
    cwd: FRONTEND,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(astroPort),
      BACKEND_URL: backend,
      ASTRO_TELEMETRY_DISABLED: '1',
      FRONTEND_PURGE_SECRET: options.purgeSecret ?? '',
      FRONTEND_PROXY_SECRET: PROXY_SECRET,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  astro.stdout?.pipe(astroLog);
  astro.stderr?.pipe(astroLog);

  let browser: Browser | undefined;
  const stop = async () => {
    await browser?.close().catch(() => undefined);
    for (const child of [astro, django, worker]) {
      if (child && child.exitCode === null) child.kill('SIGTERM');
    }
    await new Promise((wait) => setTimeout(wait, 200));
    if (process.env.KEEP_E2E_DIR) {
      console.log(`e2e logs and database kept in ${dir}`);
    } else {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    await Promise.all([
      waitFor(`${backend}/api/v1/objectives/?limit=1`, django, 'Django'),
      waitFor(`${site}/robots.txt`, astro, 'Astro'),
    ]);
    // playwright-core gives every launch a fresh temporary profile (user-data dir) of its own.
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS,
    });
  } catch (error) {
    process.env.KEEP_E2E_DIR = '1';
    await stop();
    throw error;
  }
  // E-mail is queued in the database (django-mailer); `manage.py send_mail` delivers it with the console backend.
  const manage = (args: string[]) => run(PYTHON, ['manage.py', ...args], djangoEnv, ROOT);
  return { site, backend, browser, stop, manage };
}

/**
 * Starts the stack before a suite's tests and stops it after them (call it inside `describe`). `onStart` gets the
 * stack (each suite keeps it in a module variable its helpers read) and may prepare more before the tests run.
 */
export function useStack(onStart: (stack: Stack) => void | Promise<void>, options: StackOptions = {}): void {
  let stack: Stack | undefined;
  before(async () => {
    const started = Date.now();
    stack = await startStack(options);
    await onStart(stack);
    console.log(`# stack ready in ${Date.now() - started} ms (Django ${stack.backend}, site ${stack.site})`);
  });
  after(async () => {
    await stack?.stop();
  });
}

/**
 * Clicks what starts a navigation (a link, a form's button) and waits until the new document has loaded.
 *
 * `Promise.all([page.waitForLoadState('load'), click])` resolved at once, because the document being left was
 * loaded already; the next step then raced the navigation. When that step was `page.close()`, Chromium answered
 * `Target.closeTarget` with success but never closed the loading target, and playwright waited for the close
 * forever: the account suite hung until its 15-minute guard (seen in CI and reproduced with DEBUG=pw:protocol).
 */
export async function clickAndLoad(page: Page, target: string | Locator): Promise<void> {
  // page.click takes the first match of a selector, as the calls it replaced did; a Locator must match one element
  await Promise.all([page.waitForEvent('load'), typeof target === 'string' ? page.click(target) : target.click()]);
}

/** Signs in through the site's form (works with JavaScript off), and waits for the page it leads to. */
export async function signIn(stack: Stack, page: Page, lang: string, email: string, password: string): Promise<void> {
  await page.goto(`${stack.site}/${lang}/account/signin/`);
  await page.fill('#signin-email', email);
  await page.fill('#signin-password', password);
  await clickAndLoad(page, 'form.account-form button[type="submit"]');
}

/** axe-core's WCAG 2.0/2.1 A and AA rules on the page as it is; violations are added to `failures`. The page's
 * context must run JavaScript (axe runs in the page). */
export async function axe(page: Page, where: string, failures: string[]): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  assert.ok(results.passes.length > 10, `axe ran its rules on ${where}`);
  for (const violation of results.violations) failures.push(`${where}: ${violation.id} (${violation.nodes.length}) ${violation.help}`);
}
