#!/usr/bin/env node
// `npm test`: the Debian packages of the tiers it will run (scripts/system-deps.ts, one apt-get
// run when something is missing), then every tier in order, then one closing line
// `N passed, N failed`. typecheck and lint count as one check each; vitest (unit, integration)
// and Playwright (e2e) contribute their own test counts, read from their JSON reports. A failed
// install counts as one failure; the tiers still run, and each test that needs a missing tool
// fails with a line naming its package.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

if (Number(process.versions.node.split('.')[0]) < 24) {
  console.error(`test: needs Node 24 (this is ${process.version}); run it as \`npm test\`, which uses the project's node@24`);
  process.exit(2);
}
const { ensureSystemDeps, SystemDepsError } = await import('./system-deps.ts');

const tmp = '.tmp/test-reports';
rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp, { recursive: true });

let passed = 0;
let failed = 0;
const lines = [];

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function check(label, cmd, args) {
  const ok = run(label, cmd, args) === 0;
  if (ok) passed++;
  else failed++;
  lines.push(`${label}: ${ok ? 'ok' : 'FAILED'}`);
}

function suite(label, cmd, args, report, count, env) {
  const status = run(label, cmd, args, env);
  let p = 0;
  let f = 0;
  let flaky = [];
  if (existsSync(report)) ({ p, f, flaky = [] } = count(JSON.parse(readFileSync(report, 'utf8'))));
  // A runner that failed without reporting a failing test (crash, config error) counts as one failure.
  if (status !== 0 && f === 0) f = 1;
  passed += p;
  failed += f;
  lines.push(`${label}: ${p} passed, ${f} failed${flaky.length ? ` (${flaky.length} passed only when run again)` : ''}`);
  for (const t of flaky) lines.push(`  passed only when run again: ${t}`);
}

/** Titles of the tests a Playwright JSON report calls flaky (failed, then passed on the retry). */
function flakyTests(j) {
  const out = [];
  const walk = (group, path) => {
    for (const spec of group.specs ?? []) {
      for (const t of spec.tests ?? []) if (t.status === 'flaky') out.push(`[${t.projectName}] ${[...path, spec.title].join(' › ')}`);
    }
    for (const s of group.suites ?? []) walk(s, s.title && !s.title.endsWith('.ts') ? [...path, s.title] : path);
  };
  for (const s of j.suites ?? []) walk(s, []);
  return out;
}

const only = process.argv[2]; // optional: typecheck | lint | vitest | e2e
const TIERS_OF = { typecheck: [], lint: [], vitest: ['unit', 'integration'], e2e: ['e2e'] };
if (only && !(only in TIERS_OF)) {
  console.error(`test: unknown tier "${only}" (${Object.keys(TIERS_OF).join(', ')}, or none for all)`);
  process.exit(2);
}
const want = (t) => !only || only === t;

const tiers = only ? TIERS_OF[only] : ['unit', 'integration', 'e2e'];
if (tiers.length) {
  console.log(`\n=== system packages for ${tiers.join(', ')} (scripts/system-deps.ts)`);
  try {
    const { installed } = ensureSystemDeps(tiers);
    console.log(installed.length ? `installed: ${installed.join(' ')}` : 'all present');
  } catch (err) {
    if (!(err instanceof SystemDepsError)) throw err;
    console.error(err.message);
    failed++;
    lines.push('system packages: FAILED');
  }
}

if (want('typecheck')) check('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
if (want('lint')) check('lint', 'npm', ['run', '--silent', 'lint']);
if (want('vitest')) {
  suite('unit + integration', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${tmp}/vitest.json`],
    `${tmp}/vitest.json`, (j) => ({ p: j.numPassedTests ?? 0, f: (j.numFailedTests ?? 0) }));
}
if (want('e2e')) {
  suite('e2e (Chromium + Roundcube)', 'node', ['scripts/e2e.mjs'], `${tmp}/e2e.json`, (j) => {
    const s = j.stats ?? {};
    return { p: (s.expected ?? 0) + (s.flaky ?? 0), f: (s.unexpected ?? 0), flaky: flakyTests(j) };
  }, { PLAYWRIGHT_JSON_OUTPUT_NAME: `${tmp}/e2e.json` });
}

console.log('\n' + lines.join('\n'));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
