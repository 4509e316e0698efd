#!/usr/bin/env node
// `npm run bench`: installs the bench tier's Debian packages when missing (scripts/system-deps.ts:
// the webmail and Chromium for the send benches, qpdf and LibreOffice as speed references), then
// runs every bench/*.bench.ts in name order with this same Node (24, type stripping), printing
// their output as it comes. Exit status is non-zero if any bench failed.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

if (Number(process.versions.node.split('.')[0]) < 24) {
  console.error(`bench: needs Node 24 (this is ${process.version}); run it as \`npm run bench\`, which uses the project's node@24`);
  process.exit(2);
}
const { ensureSystemDeps, SystemDepsError } = await import('./system-deps.ts');
try {
  const { installed } = ensureSystemDeps(['bench']);
  if (installed.length) console.log(`bench: installed Debian packages: ${installed.join(' ')}`);
} catch (err) {
  if (!(err instanceof SystemDepsError)) throw err;
  console.error(err.message);
  process.exit(1);
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'bench');
const files = readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).toSorted();
let failed = 0;
for (const f of files) {
  console.log(`\n=== ${f}`);
  const r = spawnSync(process.execPath, [join(dir, f)], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) {
    failed++;
    console.log(`${f}: FAILED (exit ${r.status ?? r.signal})`);
  }
}
console.log(`\n${files.length - failed} of ${files.length} benchmarks ran`);
process.exit(failed ? 1 : 0);
