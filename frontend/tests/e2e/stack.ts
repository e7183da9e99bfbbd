/**
 * What the end-to-end suites run against, shared by playwright.config.ts, the server launcher (serve.ts) and
 * the fixtures: one stack per suite (Django on its own copy of the demo database, the built Astro server in
 * front of it), so each suite starts from the demo content as it did when every suite started its own stack.
 * The suites change what they read (they publish examples, rename chapters, lock sign-ins out): sharing one
 * database would make each suite's counts depend on the order they run in.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const FRONTEND = resolve(import.meta.dirname, '..', '..');
export const ROOT = resolve(FRONTEND, '..');
export const NODE = join(FRONTEND, 'node_modules', '.bin', 'node');
export const PYTHON = process.env.PYTHON ?? join(ROOT, '.venv', 'bin', 'python');
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
/** Both sides share it, as in production: Django then counts each reader's address, not the Astro server's. */
export const PROXY_SECRET = 'e2e-proxy-secret';

export interface SuiteOptions {
  /** run `manage.py db_worker` too, so tasks enqueued on publish (search sync, frontend purge) run as in production */
  worker?: boolean;
  /** FRONTEND_PURGE_SECRET on both sides: the Astro page cache and Django's purges are on */
  purgeSecret?: string;
}

/** The suites (tests/e2e/<name>.test.ts), each a Playwright project with a stack of its own. */
export const SUITES: Record<string, SuiteOptions> = {
  account: {},
  champions: {},
  discussions: {},
  freshness: { worker: true, purgeSecret: 'e2e-purge-secret' },
  moderation: {},
  site: {},
  submit: {},
};
/** What serve.ts can start: the suites, and the production-like stack of `make frontend-report`. */
export const SERVED: Record<string, SuiteOptions> = { ...SUITES, report: { purgeSecret: 'frontend-report' } };

/** The run's directory: the demo database made once (template/), and one copy per suite with its logs. */
export function runDir(): string {
  const dir = process.env.GCM_E2E_DIR;
  if (!dir) throw new Error('GCM_E2E_DIR is not set: run the suites with `npm run e2e` (playwright.config.ts sets it)');
  return dir;
}

export interface Ports {
  django: number;
  astro: number;
}

/** Free loopback ports for every suite, found once by the runner and handed to its workers in GCM_E2E_PORTS. */
export function ports(): Record<string, Ports> {
  if (!process.env.GCM_E2E_PORTS) {
    // Synchronous (the config is): the OS hands out free ports to sockets bound to port 0, all open at once.
    const count = Object.keys(SERVED).length * 2;
    const found = spawnSync(
      PYTHON,
      [
        '-c',
        `import socket\ns=[socket.socket() for _ in range(${count})]\nfor x in s: x.bind(("127.0.0.1", 0))\nprint(" ".join(str(x.getsockname()[1]) for x in s))`,
      ],
      { encoding: 'utf8' },
    );
    if (found.status !== 0) throw new Error(`could not find free ports: ${found.stderr}`);
    const numbers = found.stdout.trim().split(' ').map(Number);
    const assigned: Record<string, Ports> = {};
    Object.keys(SERVED).forEach((name, index) => {
      assigned[name] = { django: numbers[2 * index] ?? 0, astro: numbers[2 * index + 1] ?? 0 };
    });
    process.env.GCM_E2E_PORTS = JSON.stringify(assigned);
  }
  return JSON.parse(process.env.GCM_E2E_PORTS) as Record<string, Ports>;
}

export function urls(suite: string): { backend: string; site: string } {
  const found = ports()[suite];
  if (!found) throw new Error(`unknown e2e suite ${suite}`);
  return { backend: `http://127.0.0.1:${found.django}`, site: `http://127.0.0.1:${found.astro}` };
}

export function suiteDir(suite: string): string {
  return join(runDir(), suite);
}

/** Django's environment for a suite's database (or, with `template`, the one the demo is loaded into once). */
export function djangoEnv(suite: string | null): NodeJS.ProcessEnv {
  const dir = suite ? suiteDir(suite) : join(runDir(), 'template');
  const options = suite ? (SERVED[suite] ?? {}) : {};
  return {
    ...process.env,
    DJANGO_SETTINGS_MODULE: 'cms.settings.dev',
    // with a worker, three processes write: wait for the lock (timeout) and take it up front (IMMEDIATE)
    DATABASE_URL: `sqlite:///${join(dir, 'db.sqlite3')}${options.worker ? '?timeout=30&transaction_mode=IMMEDIATE' : ''}`,
    ALLOWED_HOSTS: '127.0.0.1,localhost',
    MEDIA_ROOT: join(dir, 'media'),
    PRIVATE_MEDIA_ROOT: join(dir, 'private-media'),
    STATIC_ROOT: join(dir, 'static'),
    FRONTEND_URL: suite ? urls(suite).site : 'http://127.0.0.1:4321',
    SEARCH_URL: '',
    PYTHONUNBUFFERED: '1',
    FRONTEND_PURGE_SECRET: options.purgeSecret ?? '',
    FRONTEND_PROXY_SECRET: PROXY_SECRET,
  };
}

export function astroEnv(suite: string): NodeJS.ProcessEnv {
  const { backend, site } = urls(suite);
  return {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: new URL(site).port,
    BACKEND_URL: backend,
    ASTRO_TELEMETRY_DISABLED: '1',
    FRONTEND_PURGE_SECRET: SERVED[suite]?.purgeSecret ?? '',
    FRONTEND_PROXY_SECRET: PROXY_SECRET,
  };
}

/** Runs a command to its end; its output on success, an error with both streams otherwise. */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): string {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

/**
 * Starts a stack outside Playwright (`make frontend-report`): the same launchers as the webServer entries, waited
 * for the same way; `stop` ends them and removes the run's directory.
 */
export async function startServers(suite: string): Promise<{ site: string; backend: string; stop: () => void }> {
  process.env.GCM_E2E_DIR ??= mkdtempSync(join(tmpdir(), 'gcm-e2e-'));
  const { backend, site } = urls(suite);
  const launchers = (['django', 'astro'] as const).map((kind) =>
    spawn(NODE, ['tests/e2e/serve.ts', kind, suite], { cwd: FRONTEND, stdio: ['ignore', 'inherit', 'inherit'], detached: true }),
  );
  const stop = () => {
    for (const launcher of launchers) if (launcher.pid && launcher.exitCode === null) process.kill(-launcher.pid, 'SIGTERM');
    if (!process.env.KEEP_E2E_DIR) rmSync(runDir(), { recursive: true, force: true });
  };
  for (const url of [`${backend}/api/v1/objectives/?limit=1`, `${site}/robots.txt`]) {
    const deadline = Date.now() + 300_000;
    for (;;) {
      if (launchers.some((launcher) => launcher.exitCode !== null)) {
        stop();
        throw new Error(`a server of the ${suite} stack exited; its log is above`);
      }
      const status = await fetch(url, { signal: AbortSignal.timeout(2000) }).then((response) => response.status, () => 0);
      if (status > 0 && status < 500) break;
      if (Date.now() > deadline) {
        stop();
        throw new Error(`${url} did not answer within 300 s`);
      }
      await sleep(200);
    }
  }
  return { site, backend, stop };
}
