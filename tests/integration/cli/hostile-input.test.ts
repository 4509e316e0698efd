// Hostile inputs through the real CLI process: a refused input prints exactly one line on
// stderr (the reason, ours) with the contract's exit code (contracts §1), and a library's own
// console output (pdf-lib's "Removing parsed object: 0 0 R", "Parsed number that is too large
// …") never reaches stdout or stderr, whether the input is refused or converted.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../../helpers/cli.ts';
import { POLICY_RAW, RECORDS_RAW } from '../../helpers/engine.ts';
import { makeHostileCorpus, makeMinimalRawPdf, makeUserPasswordPdf, rawPdf } from '../../helpers/pdf-fixtures.ts';
import { PAGELESS_WITH_OBJECT_0, pdfWithHugeNumber } from '../../helpers/noisy-pdfs.ts';

let dir: string;
const path = (name: string): string => join(dir, name);

// What the libraries print, as seen before they were kept quiet.
const LIBRARY_NOISE = /Removing parsed object|Parsed number that is too large|Trying to parse invalid object|Invalid object ref|Warning:|Info:/;

function expectOneLine(r: CliResult, reason: RegExp): void {
  expect(r.stderr.endsWith('\n'), JSON.stringify(r.stderr)).toBe(true);
  expect(r.stderr.trimEnd().split('\n'), JSON.stringify(r.stderr)).toHaveLength(1);
  expect(r.stderr).toMatch(reason);
  expect(r.stderr).not.toMatch(LIBRARY_NOISE);
  expect(r.stderr).not.toMatch(/\bat .*:\d+:\d+/);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rg-cli-hostile-'));
  writeFileSync(path('pageless-object-0.pdf'), PAGELESS_WITH_OBJECT_0);
  writeFileSync(path('pageless.pdf'), rawPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>']));
  writeFileSync(path('huge-number.pdf'), pdfWithHugeNumber());
  const good = makeMinimalRawPdf();
  writeFileSync(path('truncated.pdf'), good.slice(0, Math.floor(good.length * 0.6)));
  writeFileSync(path('garbage.pdf'), Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) & 0xff));
  writeFileSync(path('locked.pdf'), await makeUserPasswordPdf());
  writeFileSync(path('empty.pdf'), new Uint8Array(0));
  mkdirSync(path('folder.pdf'));
  mkdirSync(path('corpus'));
  for (const [i, c] of (await makeHostileCorpus()).entries()) writeFileSync(path(`corpus/${i}.pdf`), c.bytes);
  writeFileSync(path('policy.json'), JSON.stringify(POLICY_RAW));
  writeFileSync(path('records.json'), JSON.stringify(RECORDS_RAW));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pdf convert', () => {
  it.each([
    ['pageless-object-0.pdf', 3, /^.*pageless-object-0\.pdf: refused: PDF has no pages$/m],
    ['pageless.pdf', 3, /: refused: PDF has no pages$/m],
    ['truncated.pdf', 3, /truncated\.pdf: refused: /],
    ['garbage.pdf', 3, /garbage\.pdf: refused: files of type "unknown" cannot be made into a PDF/],
    ['locked.pdf', 3, /locked\.pdf: refused: PDF is encrypted and needs a password to open/],
    ['empty.pdf', 3, /empty\.pdf: refused: /],
    ['folder.pdf', 2, /^reportguard: .*folder\.pdf: cannot read file \(is a directory\)$/m],
    ['missing.pdf', 2, /^reportguard: .*missing\.pdf: cannot read file \(no such file\)$/m],
  ])('%s: exit %i, one line on stderr, nothing on stdout, no OUT', async (input, code, reason) => {
    const out = path(`${input}.out.pdf`);
    const r = await runCli(['pdf', 'convert', path(input), out], { timeoutMs: 120_000 });
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    expectOneLine(r, reason);
  }, 180_000);

  it('converts a PDF pdf-lib warns about without a word on stderr', async () => {
    const r = await runCli(['pdf', 'convert', path('huge-number.pdf'), path('huge-number.out.pdf')], { timeoutMs: 120_000 });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ pages: 1, action: 'flattened' });
  }, 180_000);

  it('REPORTGUARD_DEBUG=1 shows what the library said, marked, for diagnosis', async () => {
    const r = await runCli(['pdf', 'convert', path('pageless-object-0.pdf'), path('debug.out.pdf')], { timeoutMs: 120_000, env: { REPORTGUARD_DEBUG: '1' } });
    expect(r.code).toBe(3);
    expect(r.stderr.trimEnd().split('\n')).toEqual(['[library warn] Removing parsed object: 0 0 R', expect.stringMatching(/refused: PDF has no pages$/)]);
  }, 180_000);

  it('every file of the hostile corpus: converted with an empty stderr, or refused (exit 3) in one line', async () => {
    const runs: Promise<[number, CliResult]>[] = [];
    const corpus = (await makeHostileCorpus()).length;
    for (let i = 0; i < corpus; i++) {
      runs.push(runCli(['pdf', 'convert', path(`corpus/${i}.pdf`), path(`corpus/${i}.out.pdf`)], { timeoutMs: 120_000 }).then((r) => [i, r]));
      // Two at a time: the machine is shared.
      if (runs.length % 2 === 0) await runs.at(-1);
    }
    for (const [i, r] of await Promise.all(runs)) {
      if (r.code === 0) expect(r.stderr, `corpus/${i}.pdf`).toBe('');
      else {
        expect(r.code, `corpus/${i}.pdf: ${r.stderr}`).toBe(3);
        expectOneLine(r, /refused: /);
      }
      expect(r.stdout).not.toMatch(LIBRARY_NOISE);
    }
  }, 300_000);
});

describe('pdf verify', () => {
  it.each([
    // A page-less PDF is not a sendable report: refused like `pdf convert` refuses it, not "flat".
    ['pageless-object-0.pdf', 3, /^.*pageless-object-0\.pdf: refused: PDF has no pages$/m],
    ['pageless.pdf', 3, /^.*pageless\.pdf: refused: PDF has no pages$/m],
    ['truncated.pdf', 3, /truncated\.pdf: refused: PDF cannot be opened/],
    ['garbage.pdf', 3, /garbage\.pdf: refused: PDF cannot be opened/],
    ['empty.pdf', 3, /empty\.pdf: refused: PDF cannot be opened/],
    ['folder.pdf', 2, /^reportguard: .*folder\.pdf: cannot read file \(is a directory\)$/m],
    ['missing.pdf', 2, /^reportguard: .*missing\.pdf: cannot read file \(no such file\)$/m],
  ])('%s: exit %i, one line on stderr, nothing on stdout', async (input, code, reason) => {
    const r = await runCli(['pdf', 'verify', path(input)], { timeoutMs: 120_000 });
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    expectOneLine(r, reason);
  }, 180_000);

  it.each(['huge-number.pdf', 'locked.pdf'])('%s: an answer on stdout, nothing from the libraries on stderr', async (input) => {
    const r = await runCli(['pdf', 'verify', path(input)], { timeoutMs: 120_000 });
    expect(r.stderr).toBe('');
    expect([0, 4]).toContain(r.code);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(JSON.parse(r.stdout)).toHaveProperty('flat');
  }, 180_000);
});

describe('check', () => {
  it('a message with a page-less PDF attachment: the verdict on stdout, nothing on stderr', async () => {
    writeFileSync(path('message.json'), JSON.stringify({
      from: 'a.jansen@focus-nederland.nl',
      to: ['hr@werkgever-a.nl'],
      subject: 'Voortgangsrapportage C-1042',
      body: 'Bijgaand de rapportage.',
      attachments: [{ name: 'rapport.pdf', path: 'pageless-object-0.pdf' }],
    }));
    const r = await runCli(['check', '--policy', path('policy.json'), '--records', path('records.json'), '--message', path('message.json'), '--now', '2026-11-25T12:00:00Z'], { timeoutMs: 120_000 });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(20);
    expect(JSON.parse(r.stdout).verdict).toBe('block');
  }, 180_000);
});

describe('policy validate', () => {
  it.each([
    ['empty.pdf', /^reportguard: .*empty\.pdf: /m],
    ['folder.pdf', /^reportguard: .*folder\.pdf: cannot read file \(is a directory\)$/m],
    ['missing.pdf', /^reportguard: .*missing\.pdf: cannot read file \(no such file\)$/m],
  ])('policy validate %s: exit 2, one line', async (policy, reason) => {
    const r = await runCli(['policy', 'validate', path(policy)]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expectOneLine(r, reason);
  });
});
