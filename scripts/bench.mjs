#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.ts in name order with this same Node (24, type
// stripping), printing their output as it comes. Exit status is non-zero if any bench failed.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

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
