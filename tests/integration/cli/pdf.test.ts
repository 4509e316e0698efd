// `pdf convert` / `pdf verify` as a user runs them: exit codes, stdout JSON, stderr one line,
// and no partial OUT ever left behind.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.ts';
import { makeFormPdf, makeHostileCorpus, makeUserPasswordPdf } from '../../helpers/pdf-fixtures.ts';

let dir: string;
const path = (name: string): string => join(dir, name);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rg-cli-pdf-'));
  writeFileSync(path('form.pdf'), await makeFormPdf({ pages: 3 }));
  writeFileSync(path('locked.pdf'), await makeUserPasswordPdf());
  writeFileSync(path('notes.txt'), 'Voortgang van het traject\nmet een tweede regel\n');
  writeFileSync(path('random.bin'), Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) & 0xff));
  const loop = (await makeHostileCorpus()).find((c) => c.name === 'page tree loop')!;
  writeFileSync(path('loop.pdf'), loop.bytes);
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Nothing but the expected files: no temp files, no partial output. */
function leftovers(): string[] {
  return readdirSync(dir).filter((f) => f.startsWith('.') || f.endsWith('.tmp'));
}

describe('reportguard pdf convert', () => {
  it('flattens a PDF: one JSON line with pages, ms and the sha256 of OUT; exit 0', async () => {
    const r = await runCli(['pdf', 'convert', path('form.pdf'), path('form-flat.pdf')], { timeoutMs: 120_000 });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]!) as { pages: number; ms: number; sha256: string };
    expect(out.pages).toBe(3);
    expect(out.ms).toBeGreaterThanOrEqual(0);
    expect(out.sha256).toBe(createHash('sha256').update(readFileSync(path('form-flat.pdf'))).digest('hex'));
    expect(leftovers()).toEqual([]);

    const v = await runCli(['pdf', 'verify', path('form-flat.pdf')], { timeoutMs: 120_000 });
    expect(v.code).toBe(0);
    expect(JSON.parse(v.stdout)).toEqual({ flat: true, problems: [] });
  }, 180_000);

  it('converts a text file', async () => {
    const r = await runCli(['pdf', 'convert', path('notes.txt'), path('notes.pdf')], { timeoutMs: 120_000 });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).pages).toBeGreaterThanOrEqual(1);
    expect(readFileSync(path('notes.pdf')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 180_000);

  it.each([
    ['locked.pdf', /encrypted/],
    ['loop.pdf', /page tree/],
    ['random.bin', /cannot be made into a PDF/],
  ])('refuses %s: reason on stderr in one line, exit 3, no OUT', async (input, reason) => {
    const out = path(`${input}.out.pdf`);
    const r = await runCli(['pdf', 'convert', path(input), out], { timeoutMs: 120_000 });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(reason);
    expect(existsSync(out)).toBe(false);
    expect(leftovers()).toEqual([]);
  }, 180_000);

  it('refuses over the size limit with exit 3', async () => {
    const r = await runCli(['pdf', 'convert', '--max-mb', '0.001', path('form.pdf'), path('small.pdf')], { timeoutMs: 120_000 });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/limit/);
    expect(existsSync(path('small.pdf'))).toBe(false);
  }, 180_000);

  it('a time budget that runs out is a refusal (exit 3), and the process ends at once', async () => {
    const r = await runCli(['pdf', 'convert', '--timeout-ms', '1', path('form.pdf'), path('slow.pdf')], { timeoutMs: 120_000 });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/longer than 1 ms/);
    expect(existsSync(path('slow.pdf'))).toBe(false);
    expect(leftovers()).toEqual([]);
  }, 180_000);

  it('an HTML page named .pdf is refused in one line saying what it is (not typeset as pages of markup)', async () => {
    const html = `<!DOCTYPE html>\n<html><head><title>Rapport C-1042</title></head><body>${'<p>Voortgang van het traject.</p>\n'.repeat(400)}</body></html>`;
    writeFileSync(path('rapport.pdf'), html);
    const r = await runCli(['pdf', 'convert', path('rapport.pdf'), path('rapport-out.pdf')], { timeoutMs: 60_000 });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('an HTML page is not a document');
    expect(existsSync(path('rapport-out.pdf'))).toBe(false);
    expect(leftovers()).toEqual([]);
  }, 90_000);

  it('keeps an existing OUT untouched when the input is refused', async () => {
    writeFileSync(path('keep.pdf'), 'previous');
    const r = await runCli(['pdf', 'convert', path('locked.pdf'), path('keep.pdf')], { timeoutMs: 120_000 });
    expect(r.code).toBe(3);
    expect(readFileSync(path('keep.pdf'), 'utf8')).toBe('previous');
  }, 180_000);

  it.each([
    [['pdf', 'convert']],
    [['pdf', 'convert', 'only-in.pdf']],
    [['pdf', 'convert', 'a', 'b', 'c']],
    [['pdf', 'frobnicate']],
    [['pdf', 'convert', '--protect', 'maybe', 'a.pdf', 'b.pdf']],
    [['pdf', 'verify']],
  ])('usage error %j → exit 2 with one line', async (args) => {
    const r = await runCli(args, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')[0]).toBeTruthy();
  });

  it('a missing input file is a usage error (exit 2), not a refusal', async () => {
    const r = await runCli(['pdf', 'convert', path('nope.pdf'), path('nope-out.pdf')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope\.pdf/);
  });
});

describe('reportguard pdf verify', () => {
  it('exit 4 with the problems for a PDF that is not flat', async () => {
    const r = await runCli(['pdf', 'verify', path('form.pdf')], { timeoutMs: 120_000 });
    expect(r.code).toBe(4);
    const out = JSON.parse(r.stdout) as { flat: boolean; problems: string[] };
    expect(out.flat).toBe(false);
    expect(out.problems).toEqual(expect.arrayContaining(['AcroForm present', 'XMP metadata present']));
  }, 180_000);

  it('exit 4 for a PDF that needs a password to open', async () => {
    const r = await runCli(['pdf', 'verify', path('locked.pdf')], { timeoutMs: 120_000 });
    expect(r.code).toBe(4);
    expect(JSON.parse(r.stdout).problems).toEqual(['encrypted for opening: a password is needed']);
  }, 180_000);

  it('exit 3 with one line on stderr for what pdf.js cannot open', async () => {
    const r = await runCli(['pdf', 'verify', path('random.bin')], { timeoutMs: 120_000 });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  }, 180_000);
});
