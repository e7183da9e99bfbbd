import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

const FRONTEND = resolve(import.meta.dirname, '..', '..');

test('src/api/schema.d.ts matches docs/openapi.json (run `make openapi`)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gcm-openapi-'));
  try {
    const out = join(dir, 'schema.d.ts');
    const result = spawnSync(
      process.execPath,
      ['node_modules/openapi-typescript/bin/cli.js', '../docs/openapi.json', '-o', out],
      { cwd: FRONTEND, encoding: 'utf8' },
    );
    assert.equal(result.status, 0, result.stderr);
    assert.equal(readFileSync(join(FRONTEND, 'src/api/schema.d.ts'), 'utf8'), readFileSync(out, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
