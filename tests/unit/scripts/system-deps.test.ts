// The fresh-machine path of scripts/system-deps.ts, without touching this machine's packages:
// a temp dir plays the machine, with a fake dpkg-query (reading a status file), a fake apt-get
// (logging its calls and "installing" by creating the declared commands and files) and a fake
// filesystem root for the declared files and policy-rc.d.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  NEEDS,
  SystemDepsError,
  TEST_TIERS,
  assertSystemDeps,
  ensureSystemDeps,
  findCommand,
  missingSystemDeps,
  packageOfCommand,
  packagesFor,
  requireCommands,
  type Tier,
} from '../../../scripts/system-deps.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

interface FakeMachine {
  dir: string;
  bin: string;
  root: string;
  path: string;
  /** dpkg's view: package → status ("installed", "config-files", …). */
  setDpkg(status: Record<string, string>): void;
  /** Creates an executable (or, with executable false, a plain file) on the fake PATH. */
  addCommand(name: string, executable?: boolean): void;
  addFile(path: string): void;
  /** The fake apt-get's calls, one argument list per call. */
  aptCalls(): string[][];
}

function write(file: string, text: string, mode = 0o644): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  chmodSync(file, mode);
}

function fakeMachine(opts: { dpkg?: boolean; aptGet?: boolean; aptFailsOn?: 'update' | 'install' } = {}): FakeMachine {
  const dir = mkdtempSync(join(tmpdir(), 'rg-system-deps-'));
  const bin = join(dir, 'bin');
  const root = join(dir, 'root');
  mkdirSync(bin);
  mkdirSync(join(root, 'usr', 'sbin'), { recursive: true });
  const status = join(dir, 'dpkg-status');
  write(status, '');
  // What each declared package "installs": one line per command or file.
  const provides = NEEDS.flatMap((n) => Object.entries(n.packages).flatMap(([pkg, c]) => [
    ...(c.commands ?? []).map((cmd) => `${pkg} cmd ${cmd}`),
    ...(c.files ?? []).map((f) => `${pkg} file ${f}`),
  ]));
  write(join(dir, 'provides'), `${provides.join('\n')}\n`);
  if (opts.dpkg !== false) {
    write(join(bin, 'dpkg-query'), `#!/bin/sh
# fake: dpkg-query -W -f=FORMAT PKG... prints "PKG STATUS" for known packages, exit 1 if one is unknown
rc=0
for p in "$@"; do
  case "$p" in -*) continue;; esac
  found=
  while read -r name state; do [ "$name" = "$p" ] && found=$state; done < '${status}'
  if [ -n "$found" ]; then echo "$p $found"; else echo "dpkg-query: no packages found matching $p" >&2; rc=1; fi
done
exit $rc
`, 0o755);
  }
  if (opts.aptGet !== false) {
    write(join(bin, 'apt-get'), `#!/bin/sh
PATH=/usr/bin:/bin
echo "$*" >> '${dir}/apt.log'
[ "$1" = '${opts.aptFailsOn ?? 'never'}' ] && exit 100
if [ -f '${root}/usr/sbin/policy-rc.d' ]; then echo "policy-rc.d: $(tail -n 1 '${root}/usr/sbin/policy-rc.d')" >> '${dir}/apt.log'; fi
[ "$1" = install ] || exit 0
for p in "$@"; do
  case "$p" in -*|install) continue;; esac
  echo "$p installed" >> '${status}'
  while read -r pkg kind what; do
    [ "$pkg" = "$p" ] || continue
    if [ "$kind" = cmd ]; then printf '#!/bin/sh\\n' > '${bin}'/"$what"; chmod +x '${bin}'/"$what"
    else mkdir -p "$(dirname '${root}'"$what")"; : > '${root}'"$what"; fi
  done < '${dir}/provides'
done
`, 0o755);
  }
  return {
    dir,
    bin,
    root,
    path: bin,
    setDpkg: (s) => write(status, Object.entries(s).map(([p, st]) => `${p} ${st}\n`).join('')),
    addCommand: (name, executable = true) => write(join(bin, name), '#!/bin/sh\n', executable ? 0o755 : 0o644),
    addFile: (path) => write(join(root, path), ''),
    aptCalls: () => {
      const log = join(dir, 'apt.log');
      return existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter((l) => !l.startsWith('policy-rc.d:')).map((l) => l.split(' ')) : [];
    },
  };
}

/** Everything the tiers declare, in place: dpkg says installed, every command and file exists. */
function installAll(m: FakeMachine, tiers: readonly Tier[]): void {
  m.setDpkg(Object.fromEntries(packagesFor(tiers).map((p) => [p, 'installed'])));
  for (const n of NEEDS.filter((x) => x.tiers.some((t) => tiers.includes(t)))) {
    for (const c of Object.values(n.packages)) {
      c.commands?.forEach((cmd) => m.addCommand(cmd));
      c.files?.forEach((f) => m.addFile(f));
    }
  }
}

let machines: FakeMachine[] = [];
const machine = (opts?: Parameters<typeof fakeMachine>[0]): FakeMachine => {
  const m = fakeMachine(opts);
  machines.push(m);
  return m;
};
beforeEach(() => { machines = []; });
afterEach(() => { for (const m of machines) rmSync(m.dir, { recursive: true, force: true }); });

const quiet = { log: () => {} };

describe('the declarations', () => {
  it('name suites that exist, and each need has packages and a reason', () => {
    for (const n of NEEDS) {
      expect(n.why.length).toBeGreaterThan(10);
      expect(Object.keys(n.packages).length).toBeGreaterThan(0);
      expect(n.tiers.length).toBeGreaterThan(0);
      for (const s of n.suites) expect(existsSync(join(ROOT, s)), s).toBe(true);
    }
  });

  it('cover every tool a test asks for with needSystemTools(), in a need naming that test file', () => {
    const files: string[] = [];
    const walk = (d: string): void => {
      for (const e of readdirSync(d)) {
        const p = join(d, e);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(test|spec)\.tsx?$/.test(e)) files.push(p);
      }
    };
    walk(join(ROOT, 'tests'));
    let calls = 0;
    for (const file of files) {
      const rel = relative(ROOT, file);
      for (const m of readFileSync(file, 'utf8').matchAll(/needSystemTools\(([^)]*)\)/g)) {
        calls++;
        for (const cmd of m[1]!.split(',').map((a) => a.trim().replace(/^'|'$/g, '')).filter(Boolean)) {
          const declared = NEEDS.some((n) => n.suites.some((s) => rel === s || rel.startsWith(`${s}/`)) && Object.values(n.packages).some((c) => c.commands?.includes(cmd)));
          expect(declared, `${rel} needs ${cmd}: declare it in scripts/system-deps.ts with that suite`).toBe(true);
        }
      }
    }
    expect(calls).toBeGreaterThanOrEqual(2);
  });

  it('npm test installs the packages of unit, integration and e2e together; bench and demo have their own', () => {
    const test = packagesFor(TEST_TIERS);
    expect(test).toEqual(expect.arrayContaining(['qpdf', 'poppler-utils', 'chromium', 'chromium-l10n', 'php-cli', 'roundcube-core', 'dovecot-imapd', 'sqlite3']));
    expect(new Set(test).size).toBe(test.length);
    expect(packagesFor(['integration']).toSorted()).toEqual(['poppler-utils', 'qpdf']);
    expect(test).not.toContain('libreoffice-writer-nogui');
    expect(packagesFor(['bench'])).toContain('libreoffice-writer-nogui');
    // LibreOffice's reference fonts (Carlito, Caladea, Liberation) are the bench's, not the tests'.
    expect(packagesFor(['bench'])).toEqual(expect.arrayContaining(['fonts-crosextra-carlito', 'fonts-crosextra-caladea', 'fonts-liberation2']));
    expect(test.filter((p) => p.startsWith('fonts-'))).toEqual([]);
    expect(packagesFor(['demo'])).not.toContain('qpdf');
    expect(() => packagesFor(['nope' as Tier])).toThrow(/unknown tier "nope"/);
  });
});

describe('missingSystemDeps', () => {
  it('finds nothing missing when dpkg, the commands and the files agree', () => {
    const m = machine();
    installAll(m, TEST_TIERS);
    expect(missingSystemDeps(TEST_TIERS, { path: m.path, root: m.root })).toEqual([]);
  });

  it('on a fresh machine lists every package of the tiers, each once', () => {
    const m = machine();
    const missing = missingSystemDeps(TEST_TIERS, { path: m.path, root: m.root });
    expect(missing.map((x) => x.package)).toEqual(packagesFor(TEST_TIERS));
    expect(missing.find((x) => x.package === 'qpdf')?.reasons).toEqual(['dpkg: unknown package', 'no qpdf on PATH']);
    expect(missing.find((x) => x.package === 'roundcube-core')?.reasons).toContain('no /usr/share/roundcube/index.php');
  });

  it('catches a package dpkg only remembers (removed, config files left)', () => {
    const m = machine();
    installAll(m, ['integration']);
    m.setDpkg({ qpdf: 'config-files', 'poppler-utils': 'installed' });
    expect(missingSystemDeps(['integration'], { path: m.path, root: m.root })).toEqual([{ package: 'qpdf', reasons: ['dpkg: config-files'] }]);
  });

  it('catches a package dpkg calls installed whose command is gone or not executable', () => {
    const m = machine();
    installAll(m, ['integration']);
    rmSync(join(m.bin, 'pdftoppm'));
    m.addCommand('qpdf', false);
    expect(missingSystemDeps(['integration'], { path: m.path, root: m.root })).toEqual([
      { package: 'qpdf', reasons: ['no qpdf on PATH'] },
      { package: 'poppler-utils', reasons: ['no pdftoppm on PATH'] },
    ]);
  });

  it('catches a missing declared file', () => {
    const m = machine();
    installAll(m, ['demo']);
    rmSync(join(m.root, 'usr/lib/chromium/locales/nl.pak'));
    expect(missingSystemDeps(['demo'], { path: m.path, root: m.root })).toEqual([{ package: 'chromium-l10n', reasons: ['no /usr/lib/chromium/locales/nl.pak'] }]);
  });

  it('without dpkg (not Debian) judges by commands and files alone', () => {
    const m = machine({ dpkg: false });
    m.addCommand('qpdf');
    expect(missingSystemDeps(['integration'], { path: m.path, root: m.root })).toEqual([
      { package: 'poppler-utils', reasons: ['no pdftotext on PATH', 'no pdfinfo on PATH', 'no pdftoppm on PATH', 'no pdffonts on PATH', 'no pdfimages on PATH'] },
    ]);
  });
});

describe('ensureSystemDeps on a fresh machine', () => {
  it('runs apt-get update once and installs all the packages of the tiers in one apt-get install, with services held back', () => {
    const m = machine();
    const lines: string[] = [];
    const { installed } = ensureSystemDeps(TEST_TIERS, { path: m.path, root: m.root, isRoot: true, log: (l) => lines.push(l) });
    expect(installed).toEqual(packagesFor(TEST_TIERS));
    expect(m.aptCalls()).toEqual([['update'], ['install', '-y', '--no-install-recommends', ...packagesFor(TEST_TIERS)]]);
    // policy-rc.d (exit 101: no service may start) was there during both apt-get calls, and is gone now.
    expect(readFileSync(join(m.dir, 'apt.log'), 'utf8').match(/^policy-rc\.d: exit 101$/gm)).toHaveLength(2);
    expect(existsSync(join(m.root, 'usr/sbin/policy-rc.d'))).toBe(false);
    expect(lines[0]).toMatch(/^\[system-deps\] installing for unit, integration, e2e: qpdf poppler-utils chromium /);
    expect(missingSystemDeps(TEST_TIERS, { path: m.path, root: m.root })).toEqual([]);

    // The second run finds everything: no apt-get call at all (no network).
    expect(ensureSystemDeps(TEST_TIERS, { path: m.path, root: m.root, isRoot: true, ...quiet })).toEqual({ installed: [] });
    expect(m.aptCalls()).toHaveLength(2);
  });

  it('installs only what the chosen tier declares', () => {
    const m = machine();
    ensureSystemDeps(['integration'], { path: m.path, root: m.root, isRoot: true, ...quiet });
    expect(m.aptCalls()[1]).toEqual(['install', '-y', '--no-install-recommends', 'qpdf', 'poppler-utils']);
  });

  it('leaves an existing policy-rc.d alone', () => {
    const m = machine();
    write(join(m.root, 'usr/sbin/policy-rc.d'), '#!/bin/sh\n# the admin\'s own\nexit 0\n', 0o755);
    ensureSystemDeps(['integration'], { path: m.path, root: m.root, isRoot: true, ...quiet });
    expect(readFileSync(join(m.root, 'usr/sbin/policy-rc.d'), 'utf8')).toContain("the admin's own");
  });

  it('refuses in one line, naming the packages, when not root; calls no apt-get', () => {
    const m = machine();
    const err = (() => { try { ensureSystemDeps(['integration'], { path: m.path, root: m.root, isRoot: false, ...quiet }); } catch (e) { return e; } return null; })();
    expect(err).toBeInstanceOf(SystemDepsError);
    expect((err as Error).message).not.toContain('\n');
    expect((err as Error).message).toMatch(/missing: qpdf poppler-utils; run as root, or: apt-get install -y --no-install-recommends qpdf poppler-utils$/);
    expect(m.aptCalls()).toEqual([]);
  });

  it('refuses in one line where there is no apt-get', () => {
    const m = machine({ aptGet: false });
    expect(() => ensureSystemDeps(['integration'], { path: m.path, root: m.root, isRoot: true, ...quiet })).toThrow(/^\[system-deps\] missing: qpdf poppler-utils; this is not a Debian\/Ubuntu machine \(no apt-get\)/);
  });

  it('reports a failing apt-get in one line and removes its policy-rc.d', () => {
    const m = machine({ aptFailsOn: 'install' });
    expect(() => ensureSystemDeps(['integration'], { path: m.path, root: m.root, isRoot: true, ...quiet })).toThrow(/^\[system-deps\] apt-get install failed with exit 100$/);
    expect(existsSync(join(m.root, 'usr/sbin/policy-rc.d'))).toBe(false);
  });

  it('says what is still missing when apt-get succeeded without installing it', () => {
    const m = machine();
    // An apt-get that exits 0 and does nothing.
    write(join(m.bin, 'apt-get'), '#!/bin/sh\nexit 0\n', 0o755);
    expect(() => ensureSystemDeps(['integration'], { path: m.path, root: m.root, isRoot: true, ...quiet })).toThrow(/^\[system-deps\] still missing after apt-get install: qpdf: dpkg: unknown package, no qpdf on PATH; poppler-utils: /);
  });
});

describe('a tool missing where a test or harness needs it', () => {
  it('fails with one line naming the Debian package (and how to get it)', () => {
    const m = machine();
    m.addCommand('pdftotext');
    const err = (() => { try { requireCommands(['pdftotext', 'qpdf', 'pdfinfo'], { path: m.path }); } catch (e) { return e as Error; } return null; })();
    expect(err).toBeInstanceOf(SystemDepsError);
    expect(err!.message).toBe('missing Debian packages qpdf (qpdf), poppler-utils (pdfinfo): `npm test` installs them (as root), or apt-get install qpdf poppler-utils');
    expect(() => requireCommands(['qpdf'], { path: m.path })).toThrow(/^missing Debian package qpdf \(qpdf\): `npm test` installs it \(as root\), or apt-get install qpdf$/);
  });

  it('finds present tools by absolute path', () => {
    const m = machine();
    m.addCommand('qpdf');
    expect(requireCommands(['qpdf'], { path: `/nonexistent:${m.path}` })).toEqual({ qpdf: join(m.bin, 'qpdf') });
    expect(findCommand('qpdf', m.path)).toBe(join(m.bin, 'qpdf'));
    expect(findCommand('bin', m.dir)).toBeNull(); // a directory is not a command
  });

  it('refuses a tool nobody declared, so a need cannot be left out of scripts/system-deps.ts', () => {
    expect(packageOfCommand('pdfsig')).toBeUndefined();
    expect(() => requireCommands(['pdfsig'])).toThrow(/^\[system-deps\] pdfsig not declared in scripts\/system-deps\.ts/);
  });

  it('assertSystemDeps names what a tier misses in one line, installing nothing', () => {
    const m = machine();
    m.setDpkg({ qpdf: 'installed' });
    m.addCommand('qpdf');
    let message = '';
    try { assertSystemDeps(['integration'], { path: m.path, root: m.root }); } catch (e) { message = (e as Error).message; }
    expect(message).toMatch(/^\[system-deps\] missing Debian packages for integration: poppler-utils \(poppler-utils: dpkg: unknown package, no pdftotext on PATH/);
    expect(message).not.toContain('\n');
    expect(m.aptCalls()).toEqual([]);
  });
});
