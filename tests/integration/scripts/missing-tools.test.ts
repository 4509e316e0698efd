// A machine without qpdf and poppler, as a fresh one is before `npm test` installs them: the
// real outside-tool suite, run by vitest with a PATH that has only Node, must fail test by test
// with one line naming the Debian packages: not skip, not pass.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'rg-missing-tools-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface JsonReport {
  testResults: { name: string; assertionResults: { fullName: string; status: string; failureMessages: string[] }[] }[];
}

it('the convert suite checked with pdftotext, pdfinfo and qpdf fails, test by test, naming the packages', () => {
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  symlinkSync(process.execPath, join(bin, 'node'));
  const report = join(dir, 'report.json');
  // The child is a vitest of its own: none of this run's VITEST* variables.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST')));
  const r = spawnSync(process.execPath, [
    join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', 'tests/integration/documents-convert.test.ts',
    '-t', 'output checked with pdftotext', '--reporter=json', `--outputFile.json=${report}`,
  ], { cwd: ROOT, env: { ...env, PATH: bin }, encoding: 'utf8', timeout: 120_000 });
  expect(r.status, r.stderr).toBe(1);
  const results = (JSON.parse(readFileSync(report, 'utf8')) as JsonReport).testResults.flatMap((f) => f.assertionResults);
  const suite = results.filter((t) => t.fullName.startsWith('convertToPdf output checked with pdftotext'));
  expect(suite.length).toBeGreaterThanOrEqual(10);
  for (const t of suite) {
    expect(t.status, t.fullName).toBe('failed');
    const first = t.failureMessages[0]!.split('\n')[0];
    expect(first).toBe('SystemDepsError: missing Debian packages poppler-utils (pdftotext, pdfinfo, pdffonts, pdfimages), qpdf (qpdf): `npm test` installs them (as root), or apt-get install poppler-utils qpdf');
  }
}, 150_000);
