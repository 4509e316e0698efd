// The Debian packages the project needs outside node_modules, declared need by need with the
// tier and the suite that use them, and the code that installs them on a fresh machine.
//
// - `npm test` calls ensureSystemDeps(TEST_TIERS) before its first tier: every package the
//   tests use, in one `apt-get update` + one `apt-get install`. Each tier script that can run
//   alone installs its own tiers' packages the same way (`npm run test:integration`,
//   `npm run test:e2e`, `npm run bench`, `npm run demo`).
// - A test that calls an outside tool asks for it first with requireSystemTools() (tests/helpers/
//   system-tools.ts): a missing tool fails the test with one line naming the package, never a
//   skip. A command that is not declared here fails the same way, so a need can't be forgotten.
// - `npm run system-deps -- [tier…] [--check | --list]` installs what the given tiers need
//   (--check: only says what is missing; --list: prints their packages); no tier = the test tiers.
//
// To add a need (a service for a new e2e suite, a reference tool for a bench): append an entry
// to NEEDS with its tiers, the suites that use it, why, and for each package the commands
// and/or files that prove it is really there (dpkg can call a half-removed package
// "installed"). A package may appear in several needs; its checks add up.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export type Tier = 'unit' | 'integration' | 'e2e' | 'bench' | 'demo';
export const TIERS: readonly Tier[] = ['unit', 'integration', 'e2e', 'bench', 'demo'];
/** What `npm test` runs (unit and integration under vitest, then e2e). */
export const TEST_TIERS: readonly Tier[] = ['unit', 'integration', 'e2e'];

export interface PackageCheck {
  /** Executables that must be on PATH (/usr/sbin and /sbin are searched too). */
  commands?: string[];
  /** Absolute paths of files the package must have put in place. */
  files?: string[];
}

export interface Need {
  tiers: Tier[];
  /** Files or folders (relative to the project root) that use the packages. */
  suites: string[];
  why: string;
  /** Debian package name → how to tell it is really there. */
  packages: Record<string, PackageCheck>;
}

const WEBMAIL_TIERS: Tier[] = ['e2e', 'demo', 'bench'];

/** LibreOffice's reference layout with the metrics Word has (the bench and the corpus runner check it before they run). */
export const REFERENCE_FONTS: Need = {
  tiers: ['bench'],
  suites: ['bench/fidelity.bench.ts', 'scripts/corpus-check.ts'],
  why: "the metric-compatible faces of Calibri, Cambria, Arial, Times New Roman and Courier New for LibreOffice's reference layout (without them it falls back to DejaVu Sans, ~24 % wider than Calibri, and breaks lines and pages where Word does not); the faces ours draws with (Carlito, Caladea, Arimo/Tinos/Cousine) have the same metrics; and Noto Sans CJK, the design ours draws kana and kanji with (without a CJK face LibreOffice draws empty boxes of another width and wraps Japanese elsewhere)",
  packages: {
    'fonts-noto-cjk': { files: ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'] },
    'fonts-crosextra-carlito': { files: ['/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf'] },
    'fonts-crosextra-caladea': { files: ['/usr/share/fonts/truetype/crosextra/Caladea-Regular.ttf'] },
    'fonts-liberation2': { files: ['/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf', '/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf', '/usr/share/fonts/truetype/liberation2/LiberationMono-Regular.ttf'] },
  },
};

export const NEEDS: Need[] = [
  {
    tiers: ['integration'],
    suites: ['tests/integration/documents/pdf-flatten-tools.test.ts', 'tests/integration/documents-convert.test.ts', 'tests/integration/documents/pdf-burn-in.test.ts', 'tests/integration/documents/pictures.test.ts', 'tests/integration/documents/scripts.test.ts', 'tests/integration/documents/shapes.test.ts', 'tests/integration/documents/textbox-wrap.test.ts', 'tests/integration/documents/tables.test.ts', 'tests/integration/documents/nested-tables.test.ts', 'tests/integration/documents/notes-headers.test.ts', 'tests/integration/documents/objects.test.ts', 'tests/integration/documents/page-setup.test.ts', 'tests/integration/documents/spacing.test.ts', 'tests/integration/documents/fonts.test.ts', 'tests/integration/documents/check-what-you-send.test.ts', 'tests/integration/documents/headings-breaking.test.ts', 'tests/integration/documents/drawings.test.ts', 'tests/integration/documents/columns.test.ts', 'tests/integration/documents/tab-stops.test.ts', 'tests/integration/documents/lists-indent.test.ts', 'tests/integration/documents/inline-pictures.test.ts', 'tests/integration/documents/rtf-fidelity.test.ts', 'tests/integration/documents/indents.test.ts', 'tests/integration/documents/docx-vs-libreoffice.test.ts', 'tests/integration/documents/colour.test.ts', 'tests/integration/documents/table-borders.test.ts', 'tests/integration/scripts/corpus-check.test.ts', 'scripts/corpus-check.ts'],
    why: 'our PDFs checked by tools that share no code with us: structure (qpdf) and what a reader sees (poppler; also the text the health check must have read)',
    packages: {
      qpdf: { commands: ['qpdf'] },
      'poppler-utils': { commands: ['pdftotext', 'pdfinfo', 'pdftoppm', 'pdffonts', 'pdfimages'] },
    },
  },
  {
    tiers: WEBMAIL_TIERS,
    suites: ['tests/e2e/harness/chromium.ts'],
    why: "Debian's Chromium with the built extension, driven by Playwright",
    packages: {
      chromium: { commands: ['chromium'] },
      // Chromium's UI translations: without them its UI language is always en-US, and the
      // extension (Dutch by default, English for an English browser) can't be seen in Dutch.
      'chromium-l10n': { files: ['/usr/lib/chromium/locales/nl.pak'] },
    },
  },
  {
    tiers: ['e2e'],
    suites: ['tests/e2e/harness/clickhouse.ts', 'tests/e2e/audit-forwarding.spec.ts'],
    why: 'a real audit collector on loopback for central audit (HTTP batch ingest, one row per entry id), killed and restarted mid-run',
    packages: { 'clickhouse-server': { commands: ['clickhouse-server'] } },
  },
  {
    tiers: ['e2e'],
    suites: ['tests/e2e/harness/firefox.ts', 'tests/e2e/firefox.spec.ts'],
    why: "Debian's Firefox ESR with the Firefox build, driven over WebDriver BiDi by puppeteer-core",
    packages: { 'firefox-esr': { commands: ['firefox-esr'] } },
  },
  {
    tiers: WEBMAIL_TIERS,
    suites: ['tests/e2e/harness/roundcube.ts'],
    why: "Roundcube 1.6 (Debian's code, elastic skin) on PHP's built-in server with SQLite",
    packages: {
      'php-cli': { commands: ['php'] },
      'php-sqlite3': {},
      'php-mbstring': {},
      'php-intl': {},
      'php-xml': {},
      'php-curl': {},
      'roundcube-core': {
        files: ['/usr/share/roundcube/index.php', '/usr/share/roundcube/SQL/sqlite.initial.sql', '/etc/roundcube/defaults.inc.php', '/etc/roundcube/mimetypes.php'],
      },
      'roundcube-sqlite3': {},
      sqlite3: { commands: ['sqlite3'] },
    },
  },
  {
    tiers: WEBMAIL_TIERS,
    suites: ['tests/e2e/harness/sogo.ts', 'tests/e2e/sogo-baseline.spec.ts'],
    why: "SOGo 5.8 (Debian's package) with its own PostgreSQL cluster (SOPE has no SQLite adaptor) and memcached, all private processes on loopback",
    packages: {
      sogo: { commands: ['sogod'], files: ['/usr/lib/GNUstep/SOGo/WebServerResources/js/Mailer.js', '/etc/GNUstep/GNUstep.conf'] },
      'postgresql-15': { files: ['/usr/lib/postgresql/15/bin/postgres', '/usr/lib/postgresql/15/bin/initdb'] },
      'postgresql-client-15': { commands: ['psql'] },
      memcached: { commands: ['memcached'] },
    },
  },
  {
    tiers: WEBMAIL_TIERS,
    suites: ['tests/e2e/harness/dovecot.ts'],
    why: 'Dovecot for IMAP (own config and users, never the system one)',
    packages: { 'dovecot-imapd': { commands: ['dovecot'] } },
  },
  {
    tiers: ['e2e'],
    suites: ['tests/e2e/records-remote.spec.ts'],
    why: "a throwaway certificate for the test's own HTTPS records server on loopback (the policy's recordsSource is https only)",
    packages: { openssl: { commands: ['openssl'] } },
  },
  {
    tiers: ['e2e'],
    suites: ['tests/e2e/send-scenarios.spec.ts'],
    why: 'the text of a delivered PDF, read by poppler',
    packages: { 'poppler-utils': { commands: ['pdftotext'] } },
  },
  {
    tiers: ['bench'],
    suites: ['bench/flatten.bench.ts'],
    why: 'qpdf flattening as the speed reference',
    packages: { qpdf: { commands: ['qpdf'] } },
  },
  {
    tiers: ['bench'],
    suites: ['bench/convert.bench.ts', 'bench/fidelity.bench.ts', 'scripts/corpus-check.ts', 'scripts/libreoffice.ts'],
    why: 'LibreOffice conversion as the speed and fidelity reference (bench and corpus runner, tracked changes accepted by its own macro; the product never calls it)',
    packages: { 'libreoffice-writer-nogui': { commands: ['soffice'] } },
  },
  {
    tiers: ['bench'],
    suites: ['scripts/corpus-check.ts'],
    why: "the source text of an RTF LibreOffice can't open (pandoc-image.rtf), by another reader than ours",
    packages: { unrtf: { commands: ['unrtf'] } },
  },
  REFERENCE_FONTS,
];

/** Where to look: tests point these at a temp dir with fake executables. */
export interface Probe {
  /** PATH for commands, dpkg-query and apt-get (default: $PATH plus /usr/sbin and /sbin). */
  path?: string;
  /** Filesystem root the declared files are looked up under (default '/'). */
  root?: string;
  /** The declarations (default NEEDS). */
  needs?: Need[];
}

export interface MissingPackage {
  package: string;
  /** Why it counts as missing, e.g. "dpkg: not installed" or "no qpdf on PATH". */
  reasons: string[];
}

/** One-line failures of this module: printed as they are, no stack. */
export class SystemDepsError extends Error {
  override name = 'SystemDepsError';
}

export function defaultPath(): string {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  // A non-login root shell may lack /usr/sbin, where dovecot lives.
  for (const d of ['/usr/sbin', '/sbin']) if (!dirs.includes(d)) dirs.push(d);
  return dirs.join(delimiter);
}

/** Absolute path of an executable on `path`, or null. */
export function findCommand(cmd: string, path = defaultPath()): string | null {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const file = join(dir, cmd);
    try {
      if (!statSync(file).isFile()) continue;
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not there or not executable: next dir
    }
  }
  return null;
}

function selected(tiers: readonly Tier[], needs: Need[]): Need[] {
  for (const t of tiers) if (!TIERS.includes(t)) throw new SystemDepsError(`[system-deps] unknown tier "${t}" (tiers: ${TIERS.join(', ')})`);
  return needs.filter((n) => n.tiers.some((t) => tiers.includes(t)));
}

/** The packages the given tiers need, each once, in declaration order. */
export function packagesFor(tiers: readonly Tier[] = TEST_TIERS, needs: Need[] = NEEDS): string[] {
  return [...new Set(selected(tiers, needs).flatMap((n) => Object.keys(n.packages)))];
}

function checksFor(tiers: readonly Tier[], needs: Need[]): Map<string, { commands: Set<string>; files: Set<string> }> {
  const out = new Map<string, { commands: Set<string>; files: Set<string> }>();
  for (const need of selected(tiers, needs)) {
    for (const [pkg, check] of Object.entries(need.packages)) {
      const c = out.get(pkg) ?? { commands: new Set<string>(), files: new Set<string>() };
      for (const cmd of check.commands ?? []) c.commands.add(cmd);
      for (const f of check.files ?? []) c.files.add(f);
      out.set(pkg, c);
    }
  }
  return out;
}

/**
 * dpkg's status of each package ("installed", "config-files", …; absent = unknown to dpkg), in
 * one dpkg-query call; null when there is no dpkg-query (not Debian: only the commands and files
 * are checked then).
 */
function dpkgStatus(packages: string[], path: string): Map<string, string> | null {
  const dpkgQuery = findCommand('dpkg-query', path);
  if (!dpkgQuery || packages.length === 0) return dpkgQuery ? new Map() : null;
  // Exit 1 when some package is unknown; the known ones are still printed.
  const r = spawnSync(dpkgQuery, ['-W', '-f=${Package} ${db:Status-Status}\\n', ...packages], { encoding: 'utf8', env: { ...process.env, PATH: path } });
  const status = new Map<string, string>();
  for (const line of (r.stdout ?? '').split('\n')) {
    const [name, state] = line.trim().split(/\s+/);
    if (name && state) status.set(name.replace(/:.*$/, ''), state);
  }
  return status;
}

/** Packages of the given tiers that are not (fully) there, judged by dpkg and by their commands and files. */
export function missingSystemDeps(tiers: readonly Tier[] = TEST_TIERS, probe: Probe = {}): MissingPackage[] {
  const path = probe.path ?? defaultPath();
  const root = probe.root ?? '/';
  const checks = checksFor(tiers, probe.needs ?? NEEDS);
  const status = dpkgStatus([...checks.keys()], path);
  const missing: MissingPackage[] = [];
  for (const [pkg, { commands, files }] of checks) {
    const reasons: string[] = [];
    if (status) {
      const s = status.get(pkg);
      if (s !== 'installed') reasons.push(`dpkg: ${s ?? 'unknown package'}`);
    }
    for (const cmd of commands) if (!findCommand(cmd, path)) reasons.push(`no ${cmd} on PATH`);
    for (const f of files) if (!existsSync(join(root, f))) reasons.push(`no ${f}`);
    if (reasons.length) missing.push({ package: pkg, reasons });
  }
  return missing;
}

/** The package that provides `cmd` according to NEEDS (undefined: not declared). */
export function packageOfCommand(cmd: string, needs: Need[] = NEEDS): string | undefined {
  for (const need of needs) for (const [pkg, check] of Object.entries(need.packages)) if (check.commands?.includes(cmd)) return pkg;
  return undefined;
}

/**
 * Absolute paths of the given commands, or one SystemDepsError line naming the Debian packages
 * that are missing. For tests and harnesses that call outside tools: never skip, fail clearly.
 */
export function requireCommands(commands: string[], probe: Probe = {}): Record<string, string> {
  const path = probe.path ?? defaultPath();
  const needs = probe.needs ?? NEEDS;
  const undeclared = commands.filter((c) => !packageOfCommand(c, needs));
  if (undeclared.length) {
    throw new SystemDepsError(`[system-deps] ${undeclared.join(', ')} not declared in scripts/system-deps.ts: add the package to the need of the suite that uses it`);
  }
  const found: Record<string, string> = {};
  const byPackage = new Map<string, string[]>();
  for (const cmd of commands) {
    const at = findCommand(cmd, path);
    if (at) found[cmd] = at;
    else {
      const pkg = packageOfCommand(cmd, needs)!;
      byPackage.set(pkg, [...(byPackage.get(pkg) ?? []), cmd]);
    }
  }
  if (byPackage.size) {
    const pkgs = [...byPackage.keys()];
    const what = [...byPackage].map(([pkg, cmds]) => `${pkg} (${cmds.join(', ')})`).join(', ');
    throw new SystemDepsError(`missing Debian package${pkgs.length > 1 ? 's' : ''} ${what}: \`npm test\` installs ${pkgs.length > 1 ? 'them' : 'it'} (as root), or apt-get install ${pkgs.join(' ')}`);
  }
  return found;
}

/** Throws one line naming what the tiers miss; installs nothing. For harnesses started without their runner. */
export function assertSystemDeps(tiers: readonly Tier[], probe: Probe = {}): void {
  const missing = missingSystemDeps(tiers, probe);
  if (missing.length) {
    const list = missing.map((m) => m.package).join(' ');
    throw new SystemDepsError(`[system-deps] missing Debian packages for ${tiers.join('+')}: ${list} (${explain(missing)}); install them as root with \`npm run system-deps -- ${tiers.join(' ')}\``);
  }
}

function explain(missing: MissingPackage[]): string {
  return missing.map((m) => `${m.package}: ${m.reasons.join(', ')}`).join('; ');
}

export interface EnsureOptions extends Probe {
  /** Default: process.getuid() === 0. */
  isRoot?: boolean;
  /** Progress lines (default console.log). */
  log?: (line: string) => void;
}

/**
 * Installs what the given tiers miss, with one `apt-get update` and one `apt-get install` of all
 * their packages (apt skips what is there and repairs a half-installed dependency on the way),
 * or does nothing (no apt call, no network) when all are there. Throws one SystemDepsError line
 * when something is missing and cannot be installed (no apt-get, not root, apt failed, still
 * missing afterwards).
 */
export function ensureSystemDeps(tiers: readonly Tier[] = TEST_TIERS, options: EnsureOptions = {}): { installed: string[] } {
  const path = options.path ?? defaultPath();
  const root = options.root ?? '/';
  const log = options.log ?? ((line: string) => console.log(line));
  const probe = { ...options, path, root };
  const missing = missingSystemDeps(tiers, probe);
  if (missing.length === 0) return { installed: [] };
  const all = packagesFor(tiers, options.needs ?? NEEDS);
  const list = missing.map((m) => m.package).join(' ');
  const aptGet = findCommand('apt-get', path);
  if (!aptGet) throw new SystemDepsError(`[system-deps] missing: ${list}; this is not a Debian/Ubuntu machine (no apt-get): install them by hand`);
  const isRoot = options.isRoot ?? (typeof process.getuid === 'function' && process.getuid() === 0);
  if (!isRoot) throw new SystemDepsError(`[system-deps] missing: ${list}; run as root, or: apt-get install -y --no-install-recommends ${all.join(' ')}`);

  log(`[system-deps] installing for ${tiers.join(', ')}: ${list} (${explain(missing)})`);
  const env = { ...process.env, PATH: path, DEBIAN_FRONTEND: 'noninteractive', NEEDRESTART_MODE: 'a' };
  const run = (args: string[]): void => {
    log(`[system-deps] apt-get ${args.join(' ')}`);
    const r = spawnSync(aptGet, args, { stdio: 'inherit', env });
    if (r.status !== 0) throw new SystemDepsError(`[system-deps] apt-get ${args[0]} failed with ${r.error ? r.error.message : `exit ${r.status ?? r.signal}`}`);
  };
  // The packages pull in apache2 and the system Dovecot; the tests run their own servers, so
  // none may be started by the install. Debian's policy-rc.d hook (exit 101 = "not allowed")
  // says so to every maintainer script, for the duration of the install only.
  const policyRc = join(root, 'usr', 'sbin', 'policy-rc.d');
  const ownPolicy = !existsSync(policyRc);
  if (ownPolicy) writeFileSync(policyRc, '#!/bin/sh\n# Temporary, written by ReportGuard scripts/system-deps.ts during apt-get install\nexit 101\n', { mode: 0o755 });
  try {
    run(['update']);
    run(['install', '-y', '--no-install-recommends', ...all]);
  } finally {
    if (ownPolicy) rmSync(policyRc, { force: true });
  }
  const still = missingSystemDeps(tiers, probe);
  if (still.length) throw new SystemDepsError(`[system-deps] still missing after apt-get install: ${explain(still)}`);
  return { installed: missing.map((m) => m.package) };
}

/** Tier arguments of the runners: tier names, or "test" for the test tiers. */
export function parseTiers(args: string[]): Tier[] {
  if (args.length === 0) return [...TEST_TIERS];
  const tiers = new Set<Tier>();
  for (const a of args) {
    if (a === 'test') TEST_TIERS.forEach((t) => tiers.add(t));
    else if ((TIERS as readonly string[]).includes(a)) tiers.add(a as Tier);
    else throw new SystemDepsError(`[system-deps] unknown tier "${a}" (tiers: ${TIERS.join(', ')}, or test)`);
  }
  return [...tiers];
}

// `npm run system-deps -- [tier…] [--check | --list]` (node scripts/system-deps.ts …)
if (import.meta.main) {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const list = args.includes('--list');
  try {
    const tiers = parseTiers(args.filter((a) => a !== '--check' && a !== '--list'));
    if (list) {
      console.log(packagesFor(tiers).join(' '));
    } else if (check) {
      const missing = missingSystemDeps(tiers);
      console.log(missing.length ? `[system-deps] missing for ${tiers.join(', ')}: ${explain(missing)}` : `[system-deps] all present for ${tiers.join(', ')}`);
      process.exitCode = missing.length ? 1 : 0;
    } else {
      const { installed } = ensureSystemDeps(tiers);
      console.log(installed.length ? `[system-deps] installed: ${installed.join(' ')}` : `[system-deps] all present for ${tiers.join(', ')}`);
    }
  } catch (err) {
    console.error(err instanceof SystemDepsError ? err.message : String(err));
    process.exitCode = 1;
  }
}
