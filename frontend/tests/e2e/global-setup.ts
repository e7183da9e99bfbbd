/**
 * Runs once, after the web servers are up (Playwright starts them first, which is why the demo database is made
 * by the first Django launcher, tests/e2e/serve.ts). Checks the browser is there, and returns the teardown that
 * removes the run's databases, media and logs (KEEP_E2E_DIR=1 keeps them to read the servers' logs).
 */
import { existsSync, rmSync } from 'node:fs';
import { CHROMIUM, runDir } from './stack.ts';

export default function globalSetup(): () => void {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
  const dir = runDir();
  return () => {
    if (process.env.KEEP_E2E_DIR) console.log(`e2e logs and databases kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  };
}
