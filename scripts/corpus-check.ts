#!/usr/bin/env node
// `npm run corpus [-- NAME-REGEX]`: runs the real CLI, `pdf convert IN OUT`, on every row of the
// shared real-world corpus (../shared/corpus/manifest.tsv) and checks exactly what issue 14 asks:
// - `convert` rows: exit 0 with one JSON line, OUT a flat PDF (`pdf verify` exit 0), its text
//   kept (≥ 97 % of the source's words, counted with repetitions, found in `pdftotext` of OUT;
//   the source text is read by code that is not ours: poppler for PDFs, LibreOffice's text
//   export for office files);
// - `refuse` rows: exit 3, stderr exactly one line, nothing on stdout, no OUT;
// - `either` rows: one of the two, never anything else;
// - every row: no crash (any other exit), no hang (killed after HANG_MS), nothing left behind
//   in the output folder but OUT.
// Prints one line per row and the counts; exit 1 when any row fails.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'cli/reportguard.mjs');
/** The CLI's own budget is 60 s; past this the process counts as hung. */
const HANG_MS = 150_000;
const KEPT_SHARE = 0.97;

export interface Row {
  name: string;
  expect: 'convert' | 'refuse' | 'either';
}

export interface Outcome {
  name: string;
  expect: Row['expect'];
  ok: boolean;
  exit: number | null;
  ms: number;
  /** Share of the source's words found in the output (convert outcomes with text). */
  kept?: number;
  detail: string;
}

export function findCorpus(): string | undefined {
  const candidates = [process.env.REPORTGUARD_CORPUS, join(ROOT, '../shared/corpus'), join(ROOT, '../../shared/corpus')];
  return candidates.find((d): d is string => !!d && existsSync(join(d, 'manifest.tsv')));
}

export function readManifest(corpus: string): Row[] {
  return readFileSync(join(corpus, 'manifest.tsv'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const [name = '', expect = ''] = l.split('\t');
      return { name, expect: expect as Row['expect'] };
    });
}

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; ms: number; hung: boolean }> {
  return new Promise((done) => {
    const started = Date.now();
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let hung = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, HANG_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr, ms: Date.now() - started, hung });
    });
  });
}

function words(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1);
}

/** Share of `source` words (with repetitions) that `output` has. */
export function keptShare(source: string, output: string): number {
  const want = words(source);
  if (want.length === 0) return 1;
  const have = new Map<string, number>();
  for (const w of words(output)) have.set(w, (have.get(w) ?? 0) + 1);
  let found = 0;
  for (const w of want) {
    const n = have.get(w) ?? 0;
    if (n > 0) {
      found++;
      have.set(w, n - 1);
    }
  }
  return found / want.length;
}

/** poppler's text of a PDF; '' when poppler can't read it or its text is absurdly long (a text bomb). */
function pdftotext(path: string): string {
  try {
    const r = spawnSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
    return r.status === 0 && !r.error ? r.stdout : '';
  } catch {
    return '';
  }
}

/**
 * The text a reader of each source sees, by code that is not ours: poppler for PDFs, LibreOffice's
 * plain-text export for office documents (one batch run for all of them), the file itself for
 * plain text.
 */
export class SourceTexts {
  private readonly office = new Map<string, string>();
  private readonly dir = mkdtempSync(join(tmpdir(), 'rg-corpus-text-'));

  constructor(corpus: string, rows: Row[]) {
    const officeFiles = rows.map((r) => join(corpus, 'files', r.name)).filter((p) => /\.(docx|odt|rtf)$/i.test(p));
    if (officeFiles.length === 0) return;
    const profile = join(this.dir, 'profile');
    spawnSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'txt:Text (encoded):UTF8', '--outdir', this.dir, ...officeFiles], { stdio: 'ignore', timeout: 900_000 });
    for (const f of officeFiles) {
      const txt = join(this.dir, basename(f).replace(/\.[^.]+$/, '.txt'));
      if (existsSync(txt)) this.office.set(f, readFileSync(txt, 'utf8'));
    }
  }

  text(path: string): string | undefined {
    if (/\.pdf$/i.test(path)) return pdftotext(path);
    if (/\.(docx|odt|rtf)$/i.test(path)) return this.office.get(path);
    if (/\.txt$/i.test(path)) return readFileSync(path, 'utf8');
    return undefined;
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export async function checkRow(corpus: string, row: Row, sources: SourceTexts): Promise<Outcome> {
  const input = join(corpus, 'files', row.name);
  const outDir = mkdtempSync(join(tmpdir(), 'rg-corpus-'));
  const out = join(outDir, 'out.pdf');
  const r = await runCli(['pdf', 'convert', input, out]);
  const base = { name: row.name, expect: row.expect, exit: r.code, ms: r.ms };
  const fail = (detail: string): Outcome => ({ ...base, ok: false, detail });
  try {
    const stray = readdirSync(outDir).filter((f) => f !== 'out.pdf');
    if (r.hung) return fail(`hung: killed after ${HANG_MS / 1000} s`);
    if (stray.length) return fail(`left behind: ${stray.join(', ')}`);
    const stderrLines = r.stderr.trim() ? r.stderr.trim().split('\n') : [];
    if (r.code === 3) {
      if (row.expect === 'convert') return fail(`refused: ${stderrLines.join(' | ')}`);
      if (stderrLines.length !== 1) return fail(`refusal is ${stderrLines.length} lines on stderr`);
      if (r.stdout.trim()) return fail('refusal printed on stdout');
      if (existsSync(out)) return fail('refusal left an OUT');
      return { ...base, ok: true, detail: `refused: ${stderrLines[0]!.replace(`${input}: refused: `, '')}` };
    }
    if (r.code !== 0) return fail(`crash: exit ${r.code}: ${stderrLines.slice(0, 2).join(' | ')}`);
    if (row.expect === 'refuse') return fail('converted, should have been refused');
    if (!existsSync(out)) return fail('exit 0 but no OUT');
    if (r.stdout.trim().split('\n').length !== 1) return fail('stdout is not one JSON line');
    const v = await runCli(['pdf', 'verify', out]);
    if (v.code !== 0) return fail(`output not flat: ${v.stdout.trim() || v.stderr.trim()}`);
    const source = sources.text(input);
    if (source === undefined) return { ...base, ok: true, detail: 'flat (no text to compare)' };
    const kept = keptShare(source, pdftotext(out));
    const ok = kept >= KEPT_SHARE;
    return { ...base, ok, kept, detail: `flat, ${(kept * 100).toFixed(1)} % of the words kept${ok ? '' : ' (text lost)'}` };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

export async function checkCorpus(corpus: string, rows: Row[], parallel = 2, onOutcome?: (o: Outcome) => void): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  const sources = new SourceTexts(corpus, rows.filter((r) => r.expect !== 'refuse'));
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < rows.length) {
      const row = rows[next++]!;
      const o = await checkRow(corpus, row, sources);
      outcomes.push(o);
      onOutcome?.(o);
    }
  };
  try {
    await Promise.all(Array.from({ length: parallel }, worker));
  } finally {
    sources.dispose();
  }
  return outcomes;
}

export function summarise(outcomes: Outcome[]): string {
  const by = (e: Row['expect']): Outcome[] => outcomes.filter((o) => o.expect === e);
  const line = (e: Row['expect']): string => `${e}: ${by(e).filter((o) => o.ok).length}/${by(e).length} right`;
  const crashes = outcomes.filter((o) => o.detail.startsWith('crash')).length;
  const hangs = outcomes.filter((o) => o.detail.startsWith('hung')).length;
  const leftovers = outcomes.filter((o) => o.detail.startsWith('left behind')).length;
  return `${line('convert')}; ${line('refuse')}; ${line('either')}; crashes ${crashes}, hangs ${hangs}, leftovers ${leftovers}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const corpus = findCorpus();
  if (!corpus) {
    console.error('corpus: ../shared/corpus not found (set REPORTGUARD_CORPUS)');
    process.exit(2);
  }
  const { requireCommands } = await import('./system-deps.ts');
  requireCommands(['pdftotext', 'soffice']);
  const filter = process.argv[2] ? new RegExp(process.argv[2]) : undefined;
  const rows = readManifest(corpus).filter((r) => !filter || filter.test(r.name));
  console.log(`corpus: ${rows.length} rows of ${join(corpus, 'manifest.tsv')}, 2 at a time`);
  const outcomes = await checkCorpus(corpus, rows, 2, (o) => {
    console.log(`${o.ok ? 'ok  ' : 'FAIL'} ${o.expect.padEnd(7)} ${o.name.padEnd(58)} exit ${String(o.exit).padEnd(4)} ${String(o.ms).padStart(6)} ms  ${o.detail}`);
  });
  const failed = outcomes.filter((o) => !o.ok);
  console.log(`\n${summarise(outcomes)}`);
  console.log(`${outcomes.length - failed.length} passed, ${failed.length} failed`);
  process.exit(failed.length ? 1 : 0);
}
