// Debian packages the end-to-end tier needs: a real Chromium, Roundcube on PHP's built-in
// server, Dovecot for IMAP, and the PDF tools some scenarios use. CI starts from a clean Debian
// 12 machine, so the harness installs what is missing itself; on a machine that has everything
// it does nothing (no apt call, no network).
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';

export const DEBIAN_PACKAGES = [
  'chromium',
  // Chromium's UI translations: without them its UI language is always en-US, and the
  // extension (Dutch by default, English for an English browser) can't be seen in Dutch.
  'chromium-l10n',
  'php-cli',
  'php-sqlite3',
  'php-mbstring',
  'php-intl',
  'php-xml',
  'php-curl',
  'roundcube-core',
  'roundcube-sqlite3',
  'dovecot-imapd',
  'sqlite3',
  'qpdf',
  'poppler-utils',
];

// Commands the harness calls directly: a package can be "installed" per dpkg while its binary
// is missing (half-removed), so both are checked.
export const REQUIRED_COMMANDS = ['chromium', 'php', 'dovecot', 'doveadm', 'sqlite3', 'qpdf', 'pdftotext'];
const REQUIRED_FILES = ['/usr/share/roundcube/index.php', '/usr/share/roundcube/SQL/sqlite.initial.sql'];

function isPackageInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${db:Status-Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() === 'installed';
}

function hasCommand(cmd) {
  // PATH of a non-login root shell may lack /usr/sbin, where dovecot lives.
  const path = `${process.env.PATH ?? ''}:/usr/sbin:/sbin`;
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { env: { ...process.env, PATH: path } }).status === 0;
}

function hasFile(path) {
  return spawnSync('test', ['-f', path]).status === 0;
}

/** Packages that are not (fully) installed, judged by dpkg and by the commands/files we use. */
export function missingSystemDeps() {
  const hasDpkg = hasCommand('dpkg-query');
  const missing = new Set(hasDpkg ? DEBIAN_PACKAGES.filter((p) => !isPackageInstalled(p)) : []);
  const byCommand = { chromium: 'chromium', php: 'php-cli', dovecot: 'dovecot-imapd', doveadm: 'dovecot-imapd', sqlite3: 'sqlite3', qpdf: 'qpdf', pdftotext: 'poppler-utils' };
  for (const cmd of REQUIRED_COMMANDS) if (!hasCommand(cmd)) missing.add(byCommand[cmd]);
  for (const f of REQUIRED_FILES) if (!hasFile(f)) missing.add('roundcube-core');
  return [...missing];
}

function run(cmd, args) {
  console.log(`[system-deps] ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive', NEEDRESTART_MODE: 'a' },
  });
  if (r.status !== 0) throw new Error(`[system-deps] ${cmd} ${args.join(' ')} failed with exit ${r.status ?? r.signal}`);
}

/**
 * Installs the missing Debian packages (apt-get update once, then one install), or does nothing
 * when all are present. Throws with one clear line when packages are missing and we cannot
 * install them (not root, no apt-get).
 */
export function ensureSystemDeps() {
  const missing = missingSystemDeps();
  if (missing.length === 0) return { installed: [] };
  const list = missing.join(' ');
  if (!hasCommand('apt-get')) {
    throw new Error(`[system-deps] missing: ${list}; this is not a Debian/Ubuntu machine (no apt-get), install them by hand`);
  }
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new Error(`[system-deps] missing: ${list}; run as root or install them: apt-get install -y --no-install-recommends ${DEBIAN_PACKAGES.join(' ')}`);
  }
  console.log(`[system-deps] installing missing Debian packages: ${list}`);
  // The packages pull in apache2 and the system Dovecot; the tests run their own servers, so
  // none may be started by the install. Debian's policy-rc.d hook (exit 101 = "not allowed")
  // says so to every maintainer script, for the duration of the install only.
  const POLICY_RC = '/usr/sbin/policy-rc.d';
  const ownPolicy = !existsSync(POLICY_RC);
  if (ownPolicy) writeFileSync(POLICY_RC, '#!/bin/sh\n# Temporary, written by ReportGuard tests/e2e/harness/system-deps.mjs\nexit 101\n', { mode: 0o755 });
  try {
    run('apt-get', ['update']);
    // Install the whole set, not just the missing ones: apt skips what is present, and a
    // half-installed dependency of a present package gets repaired along the way.
    run('apt-get', ['install', '-y', '--no-install-recommends', ...DEBIAN_PACKAGES]);
  } finally {
    if (ownPolicy) rmSync(POLICY_RC, { force: true });
  }
  const still = missingSystemDeps();
  if (still.length) throw new Error(`[system-deps] still missing after apt-get install: ${still.join(' ')}`);
  return { installed: missing };
}

// `node tests/e2e/harness/system-deps.mjs` installs the packages on its own.
if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const { installed } = ensureSystemDeps();
    console.log(installed.length ? `[system-deps] installed: ${installed.join(' ')}` : '[system-deps] all present');
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
