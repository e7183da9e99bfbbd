/**
 * The command of playwright.config.ts's `webServer` entries: `node tests/e2e/serve.ts django|astro <suite>`.
 *
 * Playwright starts its web servers before `globalSetup` (plugin setup comes first in its task list), so the
 * demo database cannot be made there: the first Django entry makes it (migrate + load_demo, once per run, under
 * a lock), and every suite's Django then starts on a copy of it. The servers' output goes to log files in the
 * run's directory (KEEP_E2E_DIR=1 keeps it), so the test report is not buried in request logs.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { FRONTEND, NODE, PYTHON, ROOT, SERVED, astroEnv, djangoEnv, run, runDir, suiteDir, urls } from './stack.ts';

/** Waits for another launcher's one-time step (its `done` file), or does it under a lock (an atomic mkdir). */
async function once(name: string, step: () => void): Promise<void> {
  const lock = join(runDir(), `${name}.lock`);
  const done = join(runDir(), `${name}.done`);
  try {
    mkdirSync(lock);
  } catch {
    while (!existsSync(done)) {
      if (existsSync(join(runDir(), `${name}.failed`))) throw new Error(`${name} failed in another launcher`);
      await sleep(200);
    }
    return;
  }
  try {
    step();
    writeFileSync(done, '');
  } catch (error) {
    writeFileSync(join(runDir(), `${name}.failed`), String(error));
    throw error;
  }
}

function start(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string, log: string): ChildProcess {
  const out = createWriteStream(log);
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  child.on('exit', (code, signal) => {
    if (signal) return;
    // the server died under the tests: say so where Playwright shows it, with the end of its log
    console.error(`${command} ${args.join(' ')} exited with ${code}; the end of ${log}:`);
    console.error(readFileSync(log, 'utf8').slice(-4000));
    process.exit(code ?? 1);
  });
  return child;
}

async function django(suite: string): Promise<ChildProcess[]> {
  await once('template', () => {
    const env = djangoEnv(null);
    mkdirSync(join(runDir(), 'template'), { recursive: true });
    run(PYTHON, ['manage.py', 'migrate', '--no-input', '-v', '0'], env, ROOT);
    run(PYTHON, ['manage.py', 'load_demo'], env, ROOT);
  });
  const dir = suiteDir(suite);
  cpSync(join(runDir(), 'template'), dir, { recursive: true });
  const env = djangoEnv(suite);
  const children: ChildProcess[] = [];
  if (SERVED[suite]?.worker) {
    // the demo's own tasks (search index, reference index) first, so the tests' tasks do not queue behind them
    run(PYTHON, ['manage.py', 'db_worker', '--batch', '--no-startup-delay'], env, ROOT);
    children.push(
      start(PYTHON, ['manage.py', 'db_worker', '--no-reload', '--no-startup-delay', '--interval', '0.5'], env, ROOT, join(dir, 'worker.log')),
    );
  }
  const port = new URL(urls(suite).backend).port;
  children.push(start(PYTHON, ['manage.py', 'runserver', `127.0.0.1:${port}`, '--noreload'], env, ROOT, join(dir, 'django.log')));
  return children;
}

async function astro(suite: string): Promise<ChildProcess[]> {
  await once('build', () => {
    if (!existsSync(join(FRONTEND, 'dist', 'server', 'entry.mjs'))) {
      run(NODE, ['node_modules/astro/bin/astro.mjs', 'build'], { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' }, FRONTEND);
    }
  });
  mkdirSync(suiteDir(suite), { recursive: true });
  return [start(NODE, ['server.ts'], astroEnv(suite), FRONTEND, join(suiteDir(suite), 'astro.log'))];
}

const [kind, suite] = process.argv.slice(2);
if (!suite || !(suite in SERVED) || (kind !== 'django' && kind !== 'astro')) {
  console.error('usage: node tests/e2e/serve.ts django|astro <suite>');
  process.exit(2);
}
mkdirSync(runDir(), { recursive: true });
const children = await (kind === 'django' ? django(suite) : astro(suite));
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    for (const child of children) child.kill('SIGTERM');
    process.exit(0);
  });
}
