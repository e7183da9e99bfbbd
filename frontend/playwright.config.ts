/**
 * End-to-end suites (tests/e2e/*.test.ts) on @playwright/test, against the real backend with the demo content.
 * Each suite is a project with a stack of its own (tests/e2e/stack.ts says why), started by the `webServer`
 * entries below on free loopback ports; the browser is Debian's Chromium (CHROMIUM_PATH to use another).
 */
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import type { StackOptions } from './tests/e2e/fixtures.ts';
import { CHROMIUM, CHROMIUM_FLAGS, SUITES, urls } from './tests/e2e/stack.ts';

// The runner loads this file first and its workers inherit its environment: one directory and one set of ports per
// run. The launchers make the directory, so listing the tests leaves nothing behind.
process.env.GCM_E2E_DIR ??= join(tmpdir(), `gcm-e2e-${randomBytes(6).toString('hex')}`);
const suites = Object.keys(SUITES);
/** A suite's files: `<suite>.test.ts`, and `<suite>-<part>.test.ts` when it is split to stay readable. */
const suiteFile = (suite: string) => new RegExp(`(^|/)${suite}(-[a-z]+)*\\.test\\.ts$`);

/** The suites named on the command line (`--project site`, or a file such as `site.test.ts`); all by default.
 * Only their servers start: one suite alone starts in a fraction of the time. */
function chosen(argv: string[]): string[] {
  const named = new Set<string>();
  argv.forEach((arg, index) => {
    const project = arg.startsWith('--project=') ? arg.slice('--project='.length) : arg === '--project' ? argv[index + 1] : undefined;
    if (project) named.add(project);
    for (const suite of suites) if (!arg.startsWith('-') && (arg === suite || suiteFile(suite).test(arg))) named.add(suite);
  });
  const known = suites.filter((suite) => named.has(suite));
  return known.length ? known : suites;
}
const started = chosen(process.argv.slice(2));
const launcher = (kind: 'django' | 'astro', suite: string) => ({
  command: `node_modules/.bin/node tests/e2e/serve.ts ${kind} ${suite}`,
  url: kind === 'django' ? `${urls(suite).backend}/api/v1/objectives/?limit=1` : `${urls(suite).site}/robots.txt`,
  reuseExistingServer: false,
  // the first Django launcher migrates and loads the demo (a minute or two on a busy 2-core machine)
  timeout: 300_000,
  stdout: 'ignore' as const,
  stderr: 'pipe' as const,
  gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 5_000 },
});

export default defineConfig<StackOptions>({
  testDir: 'tests/e2e',
  testMatch: '*.test.ts',
  globalSetup: './tests/e2e/global-setup.ts',
  // One worker: the machine has 2 cores, and the servers and Chromium need them (timings: frontend/README.md).
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  reporter: 'list',
  // the axe and "no script" tests walk 39 routes; a loaded CI machine needs room
  timeout: 300_000,
  expect: { timeout: 10_000 },
  use: {
    headless: true,
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_FLAGS },
    trace: 'off',
  },
  projects: suites.map((suite) => ({ name: suite, testMatch: suiteFile(suite), use: { suite } })),
  webServer: [...started.map((suite) => launcher('django', suite)), ...started.map((suite) => launcher('astro', suite))],
});
