#!/usr/bin/env node
/**
 * Completes package-lock.json with the platform-specific optional packages a registry mirror lacks.
 *
 * Some mirrors carry only the linux-x64 builds of packages such as @astrojs/compiler-binding-*. `npm install`
 * then leaves the other platforms' optional dependencies out of the lock file and `npm ci` refuses it
 * ("Missing: … from lock file"). An entry with the exact version, `optional: true` and the `os`/`cpu` read
 * from the package name is what a complete registry would have produced (without resolved/integrity, as
 * the project never records registry addresses); npm skips it on other platforms and fetches it by name
 * and version on the platform it is for. Run after every `npm install`: `npm run lock:complete`.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const OS = ['darwin', 'linux', 'win32', 'android', 'freebsd', 'openbsd', 'netbsd', 'sunos', 'aix', 'openharmony'];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'riscv64', 'ppc64', 's390x', 'loong64', 'mips64el', 'wasm32'];

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = OS.find((value) => parts.includes(value));
  const cpu = CPU.find((value) => parts.includes(value)) ?? (parts.includes('universal') ? undefined : undefined);
  const entry = {};
  if (os) entry.os = [os];
  if (cpu) entry.cpu = [cpu];
  if (parts.includes('musl')) entry.libc = ['musl'];
  else if (parts.includes('gnu') || parts.includes('gnueabihf')) entry.libc = ['glibc'];
  return entry;
}

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const added = [];
for (const [path, meta] of Object.entries(lock.packages)) {
  for (const [name, spec] of Object.entries(meta.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    const nested = `${path}/node_modules/${name}`;
    if (lock.packages[key] || lock.packages[nested]) continue;
    if (!/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(spec)) continue; // only exact pins can be completed safely
    const platform = platformOf(name);
    if (!platform.os && !platform.cpu) continue; // not a platform build: leave it to npm
    lock.packages[key] = { version: spec, ...platform, optional: true };
    added.push(`${name}@${spec}`);
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(added.length ? `lock completed with ${added.length} entries:\n  ${added.join('\n  ')}` : 'lock already complete');
