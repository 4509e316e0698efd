#!/usr/bin/env node
// End-to-end tier: make sure the e2e tier's Debian packages are there (scripts/system-deps.ts),
// build the extension, then run Playwright (real Chromium + real Roundcube, see tests/e2e).
// Extra arguments go to `playwright test` (e.g. a file name or --grep). Exits with Playwright's
// status.
import { spawnSync } from 'node:child_process';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

if (Number(process.versions.node.split('.')[0]) < 24) {
  console.error(`e2e: needs Node 24 (this is ${process.version}); run it as \`npm run test:e2e\`, which uses the project's node@24`);
  process.exit(2);
}
const { ensureSystemDeps, SystemDepsError } = await import('./system-deps.ts');

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// The project's own Node 24 (devDependency) first: the harness is TypeScript run by type stripping.
const env = { ...process.env, PATH: [join(root, 'node_modules', '.bin'), process.env.PATH].join(delimiter) };

function step(label, cmd, args) {
  const t = Date.now();
  console.log(`[e2e] ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, env, stdio: 'inherit' });
  console.log(`[e2e] ${label} took ${((Date.now() - t) / 1000).toFixed(1)} s`);
  return r.status ?? 1;
}

try {
  const { installed } = ensureSystemDeps(['e2e']);
  if (installed.length) console.log(`[e2e] installed Debian packages: ${installed.join(' ')}`);
} catch (err) {
  if (!(err instanceof SystemDepsError)) throw err;
  console.error(err.message);
  process.exit(1);
}

if (!process.env.REPORTGUARD_E2E_SKIP_BUILD) {
  // Both builds: Chromium (most suites) and Firefox (tests/e2e/firefox.spec.ts).
  const built = step('build', 'npx', ['wxt', 'build']) || step('build (firefox)', 'npx', ['wxt', 'build', '-b', 'firefox']);
  if (built !== 0) {
    console.error('[e2e] the extension did not build; no e2e tests were run');
    process.exit(built);
  }
}

process.exit(step('playwright', 'npx', ['playwright', 'test', '-c', 'tests/e2e/playwright.config.ts', ...process.argv.slice(2)]));
